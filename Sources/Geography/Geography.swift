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
            case .rirFill:
                tables.append((member, delegations.filledAddresses))
            case .rir, .chain:
                tables.append((member, delegations.addresses))
                // What a second file filled in for a registry file cut short, asked after the registries' own.
                if !delegations.filledRecords.isEmpty { tables.append((.rirFill, delegations.filledAddresses)) }
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
        let range = IPAddressRange(prefix)
        for (index, entry) in tables.enumerated() {
            // Inside one block: that block's country holds every address.
            if let country = entry.table.soleValue(over: range) { return (country, index) }
            let shares = Self.addressShares(of: prefix, in: entry.table)
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
        for prefix in prefixes {
            if let country = country(of: prefix) { counts[country, default: 0] += 1 }
        }
        return counts
    }
}
