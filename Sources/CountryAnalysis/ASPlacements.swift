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
        var ipv4 = SpaceTally(nodeCount: topology.nodeCount)
        var ipv6 = SpaceTally(nodeCount: topology.nodeCount)
        for (index, prefix) in topology.prefixes.enumerated() {
            guard let country = prefixCountries[index] else { continue }
            let origins = topology.prefixOrigins[index]
            guard !origins.isEmpty else { continue }
            let share = IPAddressRange(prefix).addressCount / Double(origins.count)
            for origin in origins {
                if prefix.family == .ipv4 {
                    ipv4.add(share, from: origin, in: country)
                } else {
                    ipv6.add(share, from: origin, in: country)
                }
            }
        }
        var countries: [CountryCode?] = []
        var bases: [PlacementBasis] = []
        countries.reserveCapacity(topology.nodeCount)
        for node in 0..<topology.nodeCount {
            let asn = topology.asns[node]
            let id = Int32(node)
            if let country = ipv4.majority(of: id, minimum: Self.minimumAddresses)
                ?? (ipv4.isEmpty(id) ? ipv6.majority(of: id, minimum: Self.minimumIPv6Addresses) : nil) {
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

extension ASPlacements {
    /// The located space each node originates, by country. Nearly every AS's space lies in one
    /// country, so a node's first country is kept in arrays and only the others in a dictionary
    /// (a dictionary of dictionaries for every node cost more than the rest of the placing).
    struct SpaceTally {
        private var firstCountry: [CountryCode?]
        private var firstSpace: [Double]
        private var others: [Int32: [CountryCode: Double]] = [:]

        init(nodeCount: Int) {
            firstCountry = [CountryCode?](repeating: nil, count: nodeCount)
            firstSpace = [Double](repeating: 0, count: nodeCount)
        }

        mutating func add(_ space: Double, from node: Int32, in country: CountryCode) {
            let index = Int(node)
            switch firstCountry[index] {
            case nil:
                firstCountry[index] = country
                firstSpace[index] = space
            case country:
                firstSpace[index] += space
            default:
                others[node, default: [:]][country, default: 0] += space
            }
        }

        /// Whether `node` originates no located space.
        func isEmpty(_ node: Int32) -> Bool { firstCountry[Int(node)] == nil }

        /// The country holding more than half of `node`'s space, when that space is at least
        /// `minimum`; of equal largest shares, the first code alphabetically.
        func majority(of node: Int32, minimum: Double) -> CountryCode? {
            guard let first = firstCountry[Int(node)] else { return nil }
            var spaces = [(country: first, space: firstSpace[Int(node)])]
            if let more = others[node] {
                spaces += more.map { (country: $0.key, space: $0.value) }
                // Summed in one order, so the total does not follow the dictionary's.
                spaces.sort { $0.country < $1.country }
            }
            let total = spaces.reduce(0) { $0 + $1.space }
            guard total >= minimum,
                  let best = spaces.max(by: { $0.space != $1.space ? $0.space < $1.space : $0.country > $1.country }),
                  best.space > total / 2 else { return nil }
            return best.country
        }
    }
}
