import Geography
import InternetAddresses

/// What placed the analysis's prefixes and ASes, and what stayed unplaced: the `placement` object
/// of the JSON documents.
public struct PlacementSummary: Encodable, Sendable, Hashable {
    /// IPv4 prefixes by the geography source that placed them (`rir`, `mmdb`, `tor`), and `unplaced`.
    public var ipv4Prefixes: [String: Int]
    /// The same for IPv6.
    public var ipv6Prefixes: [String: Int]
    /// ASes by placement basis (`originatedSpace`, `organisation`, `registration`, `unknown`).
    public var ases: [String: Int]
    /// Organisations known, and ASes they hold.
    public var organisations: Int
    /// ASes some source places in an organisation.
    public var asesInOrganisations: Int
    /// Problems with the reference data (a registry file cut short, a missing names file).
    public var warnings: [String]
}

extension CountryAnalyzer {
    /// What placed every prefix and AS, with `warnings` about the data.
    public func placementSummary(warnings: [String] = []) -> PlacementSummary {
        var ipv4: [String: Int] = [:]
        var ipv6: [String: Int] = [:]
        for (index, prefix) in topology.prefixes.enumerated() {
            let key = prefixSources[index].map { geography.tables[$0].source.kind } ?? "unplaced"
            if prefix.family == .ipv4 { ipv4[key, default: 0] += 1 } else { ipv6[key, default: 0] += 1 }
        }
        return PlacementSummary(ipv4Prefixes: ipv4, ipv6Prefixes: ipv6,
                                ases: Dictionary(uniqueKeysWithValues: placements.counts.map { ($0.key.rawValue, $0.value) }),
                                organisations: organisations.all.count, asesInOrganisations: organisations.assignedASes,
                                warnings: warnings)
    }
}
