import ASTopology
import InternetAddresses
import PrefixMatching
import ReferenceData

/// The networks of a country that enter the analysis: prefixes of one family located there with a
/// known origin, each with its address-space weight (/24 equivalents for IPv4, /48 for IPv6; the
/// parts covered by a more specific prefix of the country going to that prefix), and the origins
/// that serve it: its domestic origins (an origin placed nowhere counts as domestic: it originates
/// space placed here), or, when every origin is foreign, those foreign origins. Such a network is
/// served from abroad, and its origin is its upstream. Networks with no known origin are counted
/// and left out.
struct CountryNetworks {
    var prefixes: [Int32] = []
    var weights: [Double] = []
    var origins: [[Int32]] = []
    /// Every network's origins, each once, in node order: the sinks of the country's graph and the
    /// origins its routes are propagated from.
    var distinctOrigins: [Int32] = []
    /// Whether each network's origins are all foreign.
    var servedFromAbroad: [Bool] = []
    var totalWeight = 0.0
    var servedFromAbroadWeight = 0.0
    var located = 0
    var locatedIPv6 = 0
    var foreignOriginated = 0
    var unknownOrigin = 0
    var foreignOrigins = Set<UInt32>()
}

extension CountryAnalyzer {
    func networks(of country: CountryCode, family: AddressFamily = .ipv4) -> CountryNetworks {
        var result = CountryNetworks()
        var builder = PrefixTable<Int>.Builder()
        for index in prefixesByCountry[country] ?? [] {
            let prefix = topology.prefixes[index]
            if prefix.family == .ipv6 { result.locatedIPv6 += 1 }
            guard prefix.family == family else { continue }
            result.located += 1
            let origins = topology.prefixOrigins[index]
            guard !origins.isEmpty else {
                result.unknownOrigin += 1
                continue
            }
            let domestic = origins.filter { nodeCountries[Int($0)] == country || nodeCountries[Int($0)] == nil }
            for origin in origins where !domestic.contains(origin) {
                result.foreignOrigins.insert(topology.asns[Int(origin)])
            }
            if domestic.isEmpty { result.foreignOriginated += 1 }
            builder.insert(prefix, value: result.prefixes.count)
            result.prefixes.append(Int32(index))
            result.origins.append(domestic.isEmpty ? origins : domestic)
            result.servedFromAbroad.append(domestic.isEmpty)
        }
        // Each address counts once, for the most specific prefix holding it.
        result.weights = [Double](repeating: 0, count: result.prefixes.count)
        let table = builder.build()
        // IPv4 space is counted in /24s, IPv6 space in /48s.
        let everything = family == .ipv4 ? IPAddressRange(first: .v4(0), last: .v4(.max)) : IPAddressRange(first: .v6(0), last: .v6(.max))
        let unit = family == .ipv4 ? 256.0 : Double(sign: .plus, exponent: 80, significand: 1)
        for piece in table.overlaps(with: everything ?? IPAddressRange(IPPrefix(address: .v4(0), length: 0))) {
            result.weights[piece.value] += piece.range.addressCount / unit
        }
        var all = result.origins.flatMap { $0 }
        all.sort()
        result.distinctOrigins.reserveCapacity(all.count)
        for origin in all where result.distinctOrigins.last != origin { result.distinctOrigins.append(origin) }
        result.totalWeight = result.weights.reduce(0, +)
        result.servedFromAbroadWeight = zip(result.weights, result.servedFromAbroad).filter(\.1).reduce(0) { $0 + $1.0 }
        return result
    }
}
