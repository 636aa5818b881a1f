import ASTopology
import Geography
import InternetAddresses
import ReferenceData

/// What an AS's country was decided from.
public enum PlacementBasis: String, Codable, Sendable, CaseIterable {
    /// Most of the address space it originates is located there.
    case originatedSpace
    /// Its organisation's country.
    case organisation
    /// Its RIR registration.
    case registration
    /// No evidence: the AS is placed nowhere (never counted as foreign).
    case unknown
}

/// Where every AS of a topology is, decided from evidence in order: the country holding most of
/// the address space it originates (when it originates at least `minimumAddresses` located
/// addresses and one country holds more than half of them), else its organisation's country, else
/// its registration. An AS with none of these is unknown.
public struct ASPlacements: Sendable {
    /// Each node's country, nil when unknown.
    public let countries: [CountryCode?]
    /// What each node's country was decided from.
    public let bases: [PlacementBasis]

    /// The least located IPv4 space (one /24) an AS must originate for that space to place it.
    public static let minimumAddresses = 256.0
    /// The least IPv6 space (one /48), for ASes that originate no located IPv4 space.
    public static let minimumIPv6Addresses = Double(sign: .plus, exponent: 80, significand: 1)

    /// Places every node of `topology`, given each prefix's country.
    public init(topology: Topology, prefixCountries: [CountryCode?], geography: Geography, organisations: Organisations) {
        var ipv4: [Int32: [CountryCode: Double]] = [:]
        var ipv6: [Int32: [CountryCode: Double]] = [:]
        for (index, prefix) in topology.prefixes.enumerated() {
            guard let country = prefixCountries[index] else { continue }
            let origins = topology.prefixOrigins[index]
            guard !origins.isEmpty else { continue }
            let share = IPAddressRange(prefix).addressCount / Double(origins.count)
            for origin in origins {
                if prefix.family == .ipv4 {
                    ipv4[origin, default: [:]][country, default: 0] += share
                } else {
                    ipv6[origin, default: [:]][country, default: 0] += share
                }
            }
        }
        func majority(_ spaces: [CountryCode: Double]?, minimum: Double) -> CountryCode? {
            guard let spaces else { return nil }
            let total = spaces.values.reduce(0, +)
            guard total >= minimum, let best = spaces.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
                  best.value > total / 2 else { return nil }
            return best.key
        }
        var countries: [CountryCode?] = []
        var bases: [PlacementBasis] = []
        countries.reserveCapacity(topology.nodeCount)
        for node in 0..<topology.nodeCount {
            let asn = topology.asns[node]
            let id = Int32(node)
            if let country = majority(ipv4[id], minimum: Self.minimumAddresses)
                ?? (ipv4[id] == nil ? majority(ipv6[id], minimum: Self.minimumIPv6Addresses) : nil) {
                countries.append(country)
                bases.append(.originatedSpace)
            } else if let country = organisations.organisation(of: asn)?.country {
                countries.append(country)
                bases.append(.organisation)
            } else if let country = geography.country(of: asn) {
                countries.append(country)
                bases.append(.registration)
            } else {
                countries.append(nil)
                bases.append(.unknown)
            }
        }
        self.countries = countries
        self.bases = bases
    }

    /// How many ASes each basis placed.
    public var counts: [PlacementBasis: Int] {
        var counts: [PlacementBasis: Int] = [:]
        for basis in bases { counts[basis, default: 0] += 1 }
        return counts
    }
}
