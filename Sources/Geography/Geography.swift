import InternetAddresses
import PrefixMatching
import ReferenceData

/// Answers where networks are: an AS's country from its RIR registration, and a prefix's country
/// from the chosen source. A prefix whose addresses span several countries gets the country
/// holding most of them.
public final class Geography: Sendable {
    /// The RIR delegations.
    public let delegations: Delegations
    /// Where prefix countries come from.
    public let source: PrefixGeographySource
    /// Every located address range of the source, in one longest-prefix-match table.
    public let prefixCountries: PrefixTable<CountryCode>

    /// Creates a geography, loading the chosen source into a prefix table.
    public init(delegations: Delegations, source: PrefixGeographySource = .rir) throws(ReferenceDataError) {
        self.delegations = delegations
        self.source = source
        switch source {
        case .rir:
            prefixCountries = delegations.addresses
        case .mmdb(let path):
            var builder = PrefixTable<CountryCode>.Builder()
            for network in try MaxMindDatabase(path: path).countryNetworks() {
                builder.insert(network.prefix, value: network.country)
            }
            prefixCountries = builder.build()
        case .tor(let paths):
            var builder = PrefixTable<CountryCode>.Builder()
            for path in paths {
                for entry in try TorGeoIPFile.read(path).ranges {
                    builder.insert(entry.range, value: entry.country)
                }
            }
            prefixCountries = builder.build()
        }
    }

    /// The country `asn` is registered in.
    public func country(of asn: UInt32) -> CountryCode? {
        delegations.country(of: asn)
    }

    /// The country holding most of `prefix`'s addresses, or nil when none of them is located.
    public func country(of prefix: IPPrefix) -> CountryCode? {
        let shares = addressShares(of: prefix)
        // Most addresses wins; a tie goes to the alphabetically first country, so answers are stable.
        return shares.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }?.key
    }

    /// How many of `prefix`'s addresses each country holds (addresses nobody locates are left out).
    public func addressShares(of prefix: IPPrefix) -> [CountryCode: Double] {
        var shares: [CountryCode: Double] = [:]
        for piece in prefixCountries.overlaps(with: IPAddressRange(prefix)) {
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
