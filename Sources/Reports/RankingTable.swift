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
            case .kappa: (left, right) = (Double(lhs.kappa), Double(rhs.kappa))
            case .effective: (left, right) = (lhs.effectiveUpstreams, rhs.effectiveUpstreams)
            case .networks: (left, right) = (-Double(lhs.networks), -Double(rhs.networks))
            }
            return left != right ? left < right : lhs.country < rhs.country
        }
        self.profiles = limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    static let columns = ["rank", "country", "networks", "upstreams", "effective", "kappa", "kappaInternational",
                          "borderASes", "tier", "pointsOfFailure", "score", "confidence", "witnesses"]

    private var rows: [[String]] {
        profiles.enumerated().map { index, profile in
            let kappa = (profile.cuts.kappa.isLowerBound ? ">=" : "") + String(profile.kappa)
            let international = (profile.cuts.kappaInternational.isLowerBound ? ">=" : "") + String(profile.kappaInternational)
            let failures = profile.pointsOfFailure.map { "AS\($0.asn)" }.joined(separator: " ")
            let score = profile.score.map { String(format: "%.1f", $0) } ?? "n/a"
            return [String(index + 1), profile.country.description, String(profile.networks), String(profile.upstreamCount),
                    String(format: "%.2f", profile.effectiveUpstreams), kappa, international, String(profile.borderASes.count),
                    profile.tier.rawValue, failures, score, profile.confidence.rawValue, String(profile.witnessASes)]
        }
    }

    /// The table.
    public var table: TextTable { TextTable(header: Self.columns, rows: rows) }

    /// CSV with a header line.
    public var csv: String { table.csv }

    /// A Markdown table.
    public var markdown: String { table.markdown }

    /// Aligned text.
    public var text: String { table.text }
}
