import CountryAnalysis
import Foundation

/// Countries side by side: one column per country in text and Markdown, one line per country in CSV.
public struct ComparisonTable {
    /// The countries, one column each.
    public let profiles: [CountryProfile]

    /// Creates a table.
    public init(profiles: [CountryProfile]) {
        self.profiles = profiles
    }

    private typealias Metric = (label: String, key: String, value: (CountryProfile) -> String)

    private var metrics: [Metric] {
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func cut(_ cut: CountryProfile.Cut) -> String { ComparisonTable.format(cut) }
        return [
            ("networks", "networks", { "\($0.networks)" }),
            ("networks (IPv6)", "networksIPv6", { "\($0.networksIPv6)" }),
            (profiles.first?.family == .ipv6 ? "address space (/48s)" : "address space (/24s)", "addressSpace24",
             { fixed($0.addressSpace24, 1) }),
            ("origin ASes", "originASes", { "\($0.originASes.count)" }),
            ("border ASes", "borderASes", { "\($0.borderASes.count)" }),
            ("border organisations", "borderOrganisations", { "\($0.borderOrganisations.count)" }),
            ("tier", "tier", { $0.tier.rawValue }),
            ("upstreams", "upstreamCount", { "\($0.upstreamCount)" }),
            ("upstream organisations", "upstreamOrganisations", { "\($0.upstreamOrganisations.count)" }),
            ("top upstream", "topUpstream", { profile in
                // A tie at the top is shown as a tie, never broken.
                let top = profile.upstreams.filter { $0.rank == 1 }
                guard let first = top.first else { return "-" }
                return top.map { "AS\($0.asn)" }.joined(separator: "=") + " " + fixed(first.share)
            }),
            ("effective upstreams", "effectiveUpstreams", { fixed($0.effectiveUpstreams) }),
            ("effective organisations", "effectiveUpstreamOrganisations", { fixed($0.effectiveUpstreamOrganisations) }),
            ("HHI", "hhi", { fixed($0.hhi, 3) }),
            ("transit cut", "kappaTransit", { cut($0.transitCuts.kappa) }),
            ("transit cut international", "kappaTransitInternational", { cut($0.transitCuts.kappaInternational) }),
            ("transit cut domestic", "kappaTransitDomestic", { cut($0.transitCuts.kappaDomestic) }),
            ("transit cut (organisations)", "organisationCuts", { profile in
                profile.organisationCuts.kappa.reachesCore ? "core" : (profile.organisationCuts.kappa.isLowerBound ? "≥" : "")
                    + "\(profile.organisationCuts.kappa.size)"
            }),
            ("kappa (origins too)", "kappa", { cut($0.cuts.kappa) }),
            ("transit points of failure", "transitPointsOfFailure",
             { $0.transitPointsOfFailure.isEmpty ? "-" : $0.transitPointsOfFailure.map { "AS\($0.asn)" }.joined(separator: " ") }),
            ("single origin", "singleOrigin", { $0.singleOrigin ? "AS\($0.originASes.first ?? 0)" : "-" }),
            ("origin concentration", "originConcentration", { fixed($0.originConcentration) }),
            ("served from abroad", "servedFromAbroad", { fixed($0.servedFromAbroad) }),
            ("witnesses", "witnessASes", { "\($0.witnessASes)" }),
            ("confidence", "confidence", { $0.confidence.rawValue }),
            ("score", "score", { $0.score.map { fixed($0, 1) } ?? "n/a" }),
        ]
    }

    /// A cut as tables show it: its size; `≥` when the search stopped at its limit; `core (N ways)`
    /// when no cut exists short of the core; `none` when nothing can cut it.
    public static func format(_ cut: CountryProfile.Cut) -> String {
        if cut.unbounded { return "none" }
        if cut.reachesCore { return "core (\(cut.limitReached ? "≥" : "")\(cut.size) ways)" }
        return (cut.isLowerBound ? "≥" : "") + "\(cut.size)"
    }

    /// Metrics down, countries across.
    public var table: TextTable {
        TextTable(header: [""] + profiles.map(\.country.description),
                  rows: metrics.map { metric in [metric.label] + profiles.map(metric.value) })
    }

    /// Aligned text, one column per country.
    public var text: String { table.text }

    /// A Markdown table, one column per country.
    public var markdown: String {
        var markdownTable = table
        markdownTable.header[0] = "metric"
        return markdownTable.markdown
    }

    /// CSV, one line per country, a column per metric (named as in the JSON; `≥` written `>=`; the top
    /// upstream split into its AS number and its share).
    public var csv: String {
        let columns = metrics.filter { $0.key != "topUpstream" }
        let header: [String] = ["country", "family"] + columns.map(\.key) + ["topUpstream", "topUpstreamName", "topUpstreamShare"]
        let rows: [[String]] = profiles.map { profile in
            let values: [String] = columns.map { $0.value(profile).replacingOccurrences(of: "≥", with: ">=") }
            let top = profile.upstreams.first
            let topColumns: [String] = [top.map { String($0.asn) } ?? "", top?.name ?? "", top.map { String(format: "%.4f", $0.share) } ?? ""]
            return [profile.country.description, profile.family.description] + values + topColumns
        }
        return TextTable(header: header, rows: rows).csv
    }
}
