import CountryAnalysis
import Foundation

/// Countries ranked by one measure, one row each: as aligned text, CSV or Markdown.
public struct RankingTable {
    /// What to rank by.
    public enum Measure: String, CaseIterable, Sendable {
        /// The resilience score, least resilient first.
        case score
        /// kappa, the fewest ASes that cut the country off, smallest first.
        case kappa
        /// The effective number of upstreams, fewest first.
        case effective
        /// Routed networks, most first.
        case networks
    }

    /// The rows, in rank order.
    public let profiles: [CountryProfile]

    /// Ranks `profiles` by `measure` and keeps the first `limit` (all when nil).
    public init(profiles: [CountryProfile], by measure: Measure, limit: Int? = nil) {
        let sorted = profiles.sorted { lhs, rhs in
            let (left, right): (Double, Double)
            switch measure {
            // Countries with no score go last: there is nothing to rank them by.
            case .score: (left, right) = (lhs.score ?? .infinity, rhs.score ?? .infinity)
            // A cut is its size, through the core or not; a country nothing can cut comes last.
            case .kappa: (left, right) = (Self.transitRank(lhs), Self.transitRank(rhs))
            case .effective: (left, right) = (lhs.effectiveUpstreams, rhs.effectiveUpstreams)
            case .networks: (left, right) = (-Double(lhs.networks), -Double(rhs.networks))
            }
            return left != right ? left < right : lhs.country < rhs.country
        }
        self.profiles = limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    static func transitRank(_ profile: CountryProfile) -> Double {
        profile.transitCuts.kappa.unbounded ? .infinity : Double(profile.kappaTransit)
    }

    static let columns = ["rank", "country", "networks", "upstreams", "effective", "kappaTransit", "kappaTransitInternational",
                          "borderOrganisations", "tier", "transitPointsOfFailure", "singleOrigin", "score", "confidence", "witnesses"]
    static let csvColumns = ["rank", "country", "name", "networks", "upstreamCount", "effectiveUpstreams", "kappaTransit",
                             "kappaTransitBound", "kappaTransitInternational", "kappaTransitInternationalBound",
                             "borderOrganisationCount", "tier", "transitPointsOfFailure", "transitPointsOfFailureNames", "singleOrigin",
                             "score", "confidence",
                             "witnessASes"]

    private var rows: [[String]] {
        profiles.enumerated().map { index, profile in
            let kappa = ComparisonTable.format(profile.transitCuts.kappa)
            let international = ComparisonTable.format(profile.transitCuts.kappaInternational)
            let failures = profile.transitPointsOfFailure.map { "AS\($0.asn)" }.joined(separator: " ")
            let origin = profile.singleOrigin ? profile.originASes.first.map { "AS\($0)" } ?? "" : ""
            let score = profile.score.map { String(format: "%.1f", $0) } ?? "n/a"
            return [String(index + 1), profile.country.description, String(profile.networks), String(profile.upstreamCount),
                    String(format: "%.2f", profile.effectiveUpstreams), kappa, international, String(profile.borderOrganisations.count),
                    profile.tier.rawValue, failures, origin, score, profile.confidence.rawValue, String(profile.witnessASes)]
        }
    }

    /// The table.
    public var table: TextTable { TextTable(header: Self.columns, rows: rows) }

    /// CSV with a header line, columns named and meaning as in the JSON (`…Count` for a count of a
    /// JSON list), every value plain: a cut is its size
    /// (empty when nothing can cut it) and a `…Bound` column saying what the size means; no score is
    /// an empty cell.
    public var csv: String {
        let rows = profiles.enumerated().map { index, profile -> [String] in
            func cut(_ cut: CountryProfile.Cut) -> [String] { [cut.bound == .none ? "" : String(cut.size), cut.bound.rawValue] }
            return [String(index + 1), profile.country.description, profile.country.englishName ?? "", String(profile.networks),
                    String(profile.upstreamCount), String(format: "%.4f", profile.effectiveUpstreams)]
                + cut(profile.transitCuts.kappa) + cut(profile.transitCuts.kappaInternational)
                + [String(profile.borderOrganisations.count), profile.tier.rawValue,
                   profile.transitPointsOfFailure.map { String($0.asn) }.joined(separator: " "),
                   profile.transitPointsOfFailure.map { $0.name ?? "" }.joined(separator: "; "),
                   profile.singleOrigin ? "true" : "false",
                   profile.score.map { String(format: "%.1f", $0) } ?? "", profile.confidence.rawValue, String(profile.witnessASes)]
        }
        return TextTable(header: Self.csvColumns, rows: rows).csv
    }

    /// A Markdown table.
    public var markdown: String { table.markdown }

    /// Aligned text.
    public var text: String { table.text }
}
