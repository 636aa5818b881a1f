import CountryAnalysis
import Foundation

/// The comparison as aligned text, one column per country.
public struct ComparisonTable {
    /// The countries, one column each.
    public let profiles: [CountryProfile]

    /// Creates a table.
    public init(profiles: [CountryProfile]) {
        self.profiles = profiles
    }

    /// The table as aligned text.
    public var text: String {
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func cut(_ profile: CountryProfile, _ key: String, _ value: Int) -> String {
            let bound = profile.cuts[key]?.isLowerBound == true ? "≥" : ""
            return "\(bound)\(value)"
        }
        let rows: [(String, (CountryProfile) -> String)] = [
            ("networks", { "\($0.networks)" }),
            ("networks (IPv6)", { "\($0.networksIPv6)" }),
            (profiles.first?.family == "IPv6" ? "address space (/48s)" : "address space (/24s)", { fixed($0.addressSpace24, 1) }),
            ("origin ASes", { "\($0.originASes.count)" }),
            ("border ASes", { "\($0.borderASes.count)" }),
            ("tier", { $0.tier }),
            ("upstreams", { "\($0.upstreamCount)" }),
            ("top upstream", { $0.upstreams.first.map { "AS\($0.asn) \(fixed($0.share))" } ?? "-" }),
            ("effective upstreams", { fixed($0.effectiveUpstreams) }),
            ("HHI", { fixed($0.hhi, 3) }),
            ("kappa", { cut($0, "kappa", $0.kappa) }),
            ("kappa international", { cut($0, "kappaInternational", $0.kappaInternational) }),
            ("kappa domestic", { cut($0, "kappaDomestic", $0.kappaDomestic) }),
            ("points of failure", { $0.pointsOfFailure.map { "AS\($0.asn)" }.joined(separator: ",").nonEmpty ?? "-" }),
            ("origin concentration", { fixed($0.originConcentration) }),
            ("score", { fixed($0.score, 1) }),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let columns = profiles.map { profile in rows.map { $0.1(profile) } }
        let widths = profiles.indices.map { index in max(profiles[index].country.count, columns[index].map(\.count).max() ?? 0) }
        var lines = [String(repeating: " ", count: labelWidth) + zip(profiles, widths).map { "  " + $0.country.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined()]
        for (row, entry) in rows.enumerated() {
            var line = entry.0.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for (column, width) in widths.enumerated() {
                line += "  " + columns[column][row].padding(toLength: width, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
