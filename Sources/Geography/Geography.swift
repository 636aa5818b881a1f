import InternetAddresses
import ReferenceData

/// Answers where networks are: an AS's country from its RIR registration, and a prefix's country
/// from the chosen source. A prefix whose addresses span several countries gets the country
/// holding most of them.
public final class Geography {
    /// The RIR delegations.
    public let delegations: Delegations
    /// Where prefix countries come from.
    public let source: PrefixGeographySource
    private let database: MaxMindDatabase?

    /// Creates a geography; opens the MaxMind database when the source names one.
    public init(delegations: Delegations, source: PrefixGeographySource = .rir) throws(ReferenceDataError) {
        self.delegations = delegations
        self.source = source
        if case .mmdb(let path) = source {
            database = try MaxMindDatabase(path: path)
        } else {
            database = nil
        }
    }

    /// The country `asn` is registered in.
    public func country(of asn: UInt32) -> CountryCode? {
        delegations.country(of: asn)
    }

    /// The country holding most of `prefix`'s addresses, or nil when none of them is located.
    public func country(of prefix: IPPrefix) throws(ReferenceDataError) -> CountryCode? {
        let shares = try addressShares(of: prefix)
        // Most addresses wins; a tie goes to the alphabetically first country, so answers are stable.
        return shares.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }?.key
    }

    /// How many of `prefix`'s addresses each country holds (addresses nobody locates are left out).
    public func addressShares(of prefix: IPPrefix) throws(ReferenceDataError) -> [CountryCode: Double] {
        var shares: [CountryCode: Double] = [:]
        if let database {
            let range = IPAddressRange(prefix)
            var next: IPAddress? = range.first
            while let address = next, address <= range.last {
                let found = try database.country(for: address)
                let network = IPAddressRange(found.network)
                let last = min(network.last, range.last)
                if let country = found.country, let covered = IPAddressRange(first: address, last: last) {
                    shares[country, default: 0] += covered.addressCount
                }
                next = last.successor
            }
        } else {
            for piece in delegations.addresses.overlaps(with: IPAddressRange(prefix)) {
                shares[piece.value, default: 0] += piece.range.addressCount
            }
        }
        return shares
    }
}

extension IPAddress {
    /// The next address, or nil after the last one.
    var successor: IPAddress? {
        switch self {
        case .v4(let value): return value == .max ? nil : .v4(value + 1)
        case .v6(let value): return value == .max ? nil : .v6(value + 1)
        }
    }
}

extension Geography {
    /// How many of `prefixes` each country holds, each prefix counted once, for its majority country.
    public func prefixCounts(_ prefixes: some Sequence<IPPrefix>) throws(ReferenceDataError) -> [CountryCode: Int] {
        var counts: [CountryCode: Int] = [:]
        for prefix in prefixes {
            if let country = try country(of: prefix) { counts[country, default: 0] += 1 }
        }
        return counts
    }
}
