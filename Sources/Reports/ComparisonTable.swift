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

    private struct Metric {
        var label: String
        var key: String
        var value: (CountryProfile) -> String
        /// Set when CSV carries what the JSON key holds rather than what the table shows (a list of
        /// AS numbers or ids, space-separated, where the table shows how many).
        var csvValue: ((CountryProfile) -> String)?
        /// Set for a cut: CSV then carries its size as a number and what the size means in a column of its own.
        var cut: ((CountryProfile) -> (size: Int, bound: CountryProfile.Cut.Bound))?
        /// Set for a list of ASes: CSV then carries their names, in the list's order, in a column of its own.
        var names: ((CountryProfile) -> String)?

        init(_ label: String, _ key: String, _ value: @escaping (CountryProfile) -> String) {
            self.label = label
            self.key = key
            self.value = value
        }

        /// This metric with a names column beside its list in CSV.
        func naming(_ names: @escaping (CountryProfile) -> String) -> Metric {
            var copy = self
            copy.names = names
            return copy
        }

        init(_ label: String, _ key: String, _ value: @escaping (CountryProfile) -> String, csv: @escaping (CountryProfile) -> String) {
            self.init(label, key, value)
            csvValue = csv
        }

        init(_ label: String, _ key: String, cut: @escaping (CountryProfile) -> CountryProfile.Cut) {
            self.init(label, key) { ComparisonTable.format(cut($0)) }
            self.cut = { let value = cut($0); return (value.size, value.bound) }
        }

        init(_ label: String, _ key: String, organisationCut cut: @escaping (CountryProfile) -> CountryProfile.OrganisationCut) {
            self.init(label, key) { ComparisonTable.format(size: cut($0).size, bound: cut($0).bound) }
            self.cut = { let value = cut($0); return (value.size, value.bound) }
        }
    }

    private var metrics: [Metric] {
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func list(_ asns: [UInt32]) -> String { asns.map(String.init).joined(separator: " ") }
        return [
            Metric("networks", "networks", { "\($0.networks)" }),
            Metric("networks (IPv6)", "networksIPv6", { "\($0.networksIPv6)" }),
            Metric(profiles.first?.family == .ipv6 ? "address space (/48s)" : "address space (/24s)", "addressSpace24",
             { fixed($0.addressSpace24, 1) }),
            Metric("origin ASes", "originASes", { "\($0.originASes.count)" }, csv: { list($0.originASes) }),
            Metric("border ASes", "borderASes", { "\($0.borderASes.count)" }, csv: { list($0.borderASes) }),
            Metric("border organisations", "borderOrganisations", { "\($0.borderOrganisations.count)" },
                   csv: { $0.borderOrganisations.map(\.organisation).joined(separator: " ") }),
            Metric("tier", "tier", { $0.tier.rawValue }),
            Metric("upstreams", "upstreamCount", { "\($0.upstreamCount)" }),
            Metric("upstream organisations", "upstreamOrganisations", { "\($0.upstreamOrganisations.count)" },
                   csv: { $0.upstreamOrganisations.map(\.organisation).joined(separator: " ") }),
            Metric("top upstream", "topUpstream", { profile in
                // A tie at the top is shown as a tie, never broken.
                let top = profile.upstreams.filter { $0.rank == 1 }
                guard let first = top.first else { return "-" }
                return top.map { "AS\($0.asn)" }.joined(separator: "=") + " " + fixed(first.share)
            }),
            Metric("effective upstreams", "effectiveUpstreams", { fixed($0.effectiveUpstreams) }),
            Metric("effective organisations", "effectiveUpstreamOrganisations", { fixed($0.effectiveUpstreamOrganisations) }),
            Metric("HHI", "hhi", { fixed($0.hhi, 3) }),
            Metric("transit cut", "kappaTransit", cut: \.transitCuts.kappa),
            Metric("transit cut international", "kappaTransitInternational", cut: \.transitCuts.kappaInternational),
            Metric("transit cut domestic", "kappaTransitDomestic", cut: \.transitCuts.kappaDomestic),
            Metric("transit cut (organisations)", "organisationCuts.kappa", organisationCut: \.organisationCuts.kappa),
            Metric("kappa (origins too)", "kappa", cut: \.cuts.kappa),
            Metric("transit points of failure", "transitPointsOfFailure",
             { $0.transitPointsOfFailure.isEmpty ? "-" : $0.transitPointsOfFailure.map { "AS\($0.asn)" }.joined(separator: " ") },
             csv: { list($0.transitPointsOfFailure.map(\.asn)) })
                .naming { $0.transitPointsOfFailure.map { $0.name ?? "" }.joined(separator: "; ") },
            Metric("policy upstreams", "policy.upstreams", { $0.policy.map { "\($0.upstreams.count)" } ?? "n/a" },
                   csv: { $0.policy.map { list($0.upstreams) } ?? "" }),
            Metric("policy kappa", "policy.kappa", { profile in
                guard let policy = profile.policy else { return "n/a" }
                if policy.kappaUnbounded { return "none" }
                return (policy.kappaLimitReached ? "≥" : "") + "\(policy.kappa)" + (policy.kappaIsExact || policy.kappaLimitReached ? "" : " (≥\(policy.kappaLowerBound))") + (policy.kappaReachesCore ? " core" : "")
            }, csv: { $0.policy.map { $0.kappaUnbounded ? "" : "\($0.kappa)" } ?? "" }),
            Metric("policy points of failure (foreign)", "policy.dominators",
                   { $0.policy.map { $0.foreignDominators.isEmpty ? "-" : $0.foreignDominators.map { "AS\($0.asn)" }.joined(separator: " ") } ?? "n/a" },
                   csv: { $0.policy.map { list($0.foreignDominators.map(\.asn)) } ?? "" }),
            Metric("policy agreement", "policy.agreement", { $0.policy?.agreement.map { fixed($0) } ?? "n/a" }),
            Metric("single origin", "singleOrigin", { $0.singleOrigin ? "AS\($0.originASes.first ?? 0)" : "-" },
                   csv: { $0.singleOrigin ? "true" : "false" }),
            Metric("origin concentration", "originConcentration", { fixed($0.originConcentration) }),
            Metric("served from abroad", "servedFromAbroad", { fixed($0.servedFromAbroad) }),
            Metric("witnesses", "witnessASes", { "\($0.witnessASes)" + ($0.routes == .simulated ? " simulated" : "") },
                   csv: { "\($0.witnessASes)" }),
            Metric("routes", "routes", { $0.routes.rawValue }),
            Metric("confidence", "confidence", { $0.confidence.rawValue }),
            Metric("score", "score", { $0.score.map { fixed($0, 1) } ?? "n/a" }),
        ]
    }

    /// A cut as tables show it: its size; `≥` when the search stopped at its limit; `core (N ways)`
    /// when no cut exists short of the core; `none` when nothing can cut it.
    public static func format(_ cut: CountryProfile.Cut) -> String {
        format(size: cut.size, bound: cut.bound)
    }

    /// A size and what it means, as tables show it.
    public static func format(size: Int, bound: CountryProfile.Cut.Bound) -> String {
        switch bound {
        case .exact: "\(size)"
        case .atLeast: "≥\(size)"
        case .core: "core (\(size) way\(size == 1 ? "" : "s"))"
        case .coreAtLeast: "core (≥\(size) ways)"
        case .none: "none"
        }
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

    /// CSV, one line per country, a column per metric named and meaning as in the JSON (a list where
    /// the JSON has a list: AS numbers or organisation ids, space-separated). Every value is plain:
    /// a cut is its size (empty when nothing can cut it) followed by a `…Bound` column saying what the
    /// size means (`exact`, `atLeast`, `core`, `coreAtLeast`, `none`); the top upstream is split into
    /// its AS number, name and share.
    public var csv: String {
        let columns = metrics.filter { $0.key != "topUpstream" }
        var header = ["country", "family"]
        for column in columns {
            header.append(column.key)
            if column.cut != nil { header.append(column.key + "Bound") }
            if column.names != nil { header.append(column.key + "Names") }
        }
        header += ["topUpstream", "topUpstreamName", "topUpstreamShare"]
        let rows: [[String]] = profiles.map { profile in
            var values = [profile.country.description, profile.family.description]
            for column in columns {
                if let cut = column.cut?(profile) {
                    values += [cut.bound == .none ? "" : String(cut.size), cut.bound.rawValue]
                } else if let csv = column.csvValue {
                    values.append(csv(profile))
                    if let names = column.names { values.append(names(profile)) }
                } else {
                    // Tables show "-" and "n/a" for nothing; CSV leaves the cell empty.
                    let value = column.value(profile)
                    values.append(value == "-" || value == "n/a" ? "" : value)
                }
            }
            let top = profile.upstreams.first
            values += [top.map { String($0.asn) } ?? "", top?.name ?? "", top.map { String(format: "%.4f", $0.share) } ?? ""]
            return values
        }
        return TextTable(header: header, rows: rows).csv
    }
}
