import InternetAddresses
import PrefixMatching
import ReferenceData

/// Answers where networks are: an AS's country from its RIR registration, and a prefix's country
/// from the chosen sources, in order. A prefix whose addresses span several countries gets the
/// country holding most of them.
public final class Geography: Sendable {
    /// The RIR delegations.
    public let delegations: Delegations
    /// Where prefix countries come from.
    public let source: PrefixGeographySource
    /// Every located address range of each source, in one longest-prefix-match table per source,
    /// in the order they are asked.
    public let tables: [(source: PrefixGeographySource, table: PrefixTable<CountryCode>)]

    /// The first source's table.
    public var prefixCountries: PrefixTable<CountryCode> { tables[0].table }

    /// Creates a geography, loading each source into a prefix table.
    public init(delegations: Delegations, source: PrefixGeographySource = .rir) throws(ReferenceDataError) {
        self.delegations = delegations
        self.source = source
        var tables: [(source: PrefixGeographySource, table: PrefixTable<CountryCode>)] = []
        for member in source.members {
            switch member {
            case .rir, .rirFill, .chain:
                tables += Self.registryTables(member, delegations)
            case .mmdb(let path):
                var builder = PrefixTable<CountryCode>.Builder()
                for network in try MaxMindDatabase(path: path).countryNetworks() {
                    builder.insert(network.prefix, value: network.country)
                }
                tables.append((member, builder.build()))
            case .tor(let paths):
                var builder = PrefixTable<CountryCode>.Builder()
                for path in paths {
                    for entry in try TorGeoIPFile.read(path).ranges {
                        builder.insert(entry.range, value: entry.country)
                    }
                }
                tables.append((member, builder.build()))
            }
        }
        self.tables = tables
    }

    /// A geography made before: the delegations, and the tables of its geolocation sources
    /// (`loadedTables`, in order) read back; nil when their number is not the sources'.
    public init?(delegations: Delegations, source: PrefixGeographySource, loadedTables: [PrefixTable<CountryCode>]) {
        var loaded = loadedTables.makeIterator()
        var tables: [(source: PrefixGeographySource, table: PrefixTable<CountryCode>)] = []
        for member in source.members {
            switch member {
            case .rir, .rirFill, .chain:
                tables += Self.registryTables(member, delegations)
            case .mmdb, .tor:
                guard let table = loaded.next() else { return nil }
                tables.append((member, table))
            }
        }
        guard loaded.next() == nil else { return nil }
        self.delegations = delegations
        self.source = source
        self.tables = tables
    }

    /// The tables read from geolocation files (MaxMind, Tor), in the order they are asked: what
    /// the delegations do not hold.
    public var loadedTables: [PrefixTable<CountryCode>] {
        tables.compactMap { entry in
            switch entry.source {
            case .mmdb, .tor: return entry.table
            case .rir, .rirFill, .chain: return nil
            }
        }
    }

    private static func registryTables(_ member: PrefixGeographySource, _ delegations: Delegations)
        -> [(source: PrefixGeographySource, table: PrefixTable<CountryCode>)] {
        if member == .rirFill { return [(member, delegations.filledAddresses)] }
        // What a second file filled in for a registry file cut short, asked after the registries' own.
        return [(member, delegations.addresses)] + (delegations.filledRecords.isEmpty ? [] : [(.rirFill, delegations.filledAddresses)])
    }

    /// The country `asn` is registered in.
    public func country(of asn: UInt32) -> CountryCode? {
        delegations.country(of: asn)
    }

    /// The country holding most of `prefix`'s addresses, or nil when none of them is located.
    public func country(of prefix: IPPrefix) -> CountryCode? {
        placement(of: prefix)?.country
    }

    /// The country holding most of `prefix`'s addresses by the first source that locates any of
    /// them, and that source's index in `tables`; nil when no source locates it.
    public func placement(of prefix: IPPrefix) -> (country: CountryCode, source: Int)? {
        Self.placement(of: prefix, in: tables.map(\.table))
    }

    /// `placement(of:)` of each of `prefixes`, in order.
    public func placements(of prefixes: ArraySlice<IPPrefix>) -> [(country: CountryCode, source: Int)?] {
        // The tables taken out once: taken from the array of (source, table) for each prefix, each
        // was copied and released every time, a quarter of placing half a million prefixes.
        let tables = tables.map(\.table)
        return prefixes.map { Self.placement(of: $0, in: tables) }
    }

    private static func placement(of prefix: IPPrefix, in tables: [PrefixTable<CountryCode>]) -> (country: CountryCode, source: Int)? {
        let range = IPAddressRange(prefix)
        for index in tables.indices {
            // Inside one block: that block's country holds every address.
            if let country = tables[index].soleValue(over: range) { return (country, index) }
            // Over several blocks of one country, it holds every located address; over none, the
            // next source may know.
            switch tables[index].coverage(of: range) {
            case .uncovered: continue
            case .uniform(let country): return (country, index)
            case .mixed: break
            }
            let shares = addressShares(of: prefix, in: tables[index])
            // Most addresses wins; a tie goes to the alphabetically first country, so answers are stable.
            if let best = shares.max(by: { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }) {
                return (best.key, index)
            }
        }
        return nil
    }

    /// How many of `prefix`'s addresses each country holds by the first source (addresses it does
    /// not locate are left out).
    public func addressShares(of prefix: IPPrefix) -> [CountryCode: Double] {
        Self.addressShares(of: prefix, in: tables[0].table)
    }

    private static func addressShares(of prefix: IPPrefix, in table: PrefixTable<CountryCode>) -> [CountryCode: Double] {
        var shares: [CountryCode: Double] = [:]
        for piece in table.overlaps(with: IPAddressRange(prefix)) {
            shares[piece.value, default: 0] += piece.range.addressCount
        }
        return shares
    }
}

extension Geography {
    /// How many of `prefixes` each country holds, each prefix counted once, for its majority country.
    public func prefixCounts(_ prefixes: some Sequence<IPPrefix>) -> [CountryCode: Int] {
        var counts: [CountryCode: Int] = [:]
        for placement in placements(of: Array(prefixes)[...]) {
            if let country = placement?.country { counts[country, default: 0] += 1 }
        }
        return counts
    }
}
