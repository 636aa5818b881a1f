import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// AS placement by originated space against the rule written out plainly: every node's space per
/// country summed in a dictionary, the majority taken from it.
@Suite("AS placement by originated space, against the plain rule")
struct ASPlacementsTests {
    @Test("random worlds: one, several or no countries per AS, shared origins, IPv6 only for some", arguments: 1...20)
    func plainRule(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var builder = TopologyBuilder()
        let countryChoices: [CountryCode?] = ["KP", "CN", "US", "RU", nil]
        for index in 0..<400 {
            // Few origins, many prefixes each: most ASes meet several countries, some just one.
            let origin = UInt32(100 + random.next() % 30)
            let other = random.next() % 5 == 0 ? UInt32(100 + random.next() % 30) : origin
            let prefix: IPPrefix?
            if random.next() % 6 == 0, origin >= 125 {
                // Only the last few ASes originate IPv6: the rest are placed by IPv4 alone.
                prefix = IPPrefix("2001:db8:\(String(index, radix: 16))::/\(32 + random.next() % 17)")
            } else {
                let length = 18 + random.next() % 7
                prefix = IPPrefix("10.\(index / 8).\((index % 8) * 32).0/\(length)")
            }
            let routed = try #require(prefix)
            builder.add(path: [1, 2, origin], peerAS: 1, peerAddress: .v4(1), prefix: routed)
            builder.add(path: [3, 4, other], peerAS: 3, peerAddress: .v4(3), prefix: routed)
        }
        let topology = builder.build()
        let countries = topology.prefixes.map { _ in countryChoices[Int(random.next() % 5)] }
        let placed = ASPlacements(topology: topology, prefixCountries: countries,
                                  geography: try Geography(delegations: Delegations(files: [])),
                                  organisations: Organisations())

        var ipv4: [Int32: [CountryCode: Double]] = [:]
        var ipv6: [Int32: [CountryCode: Double]] = [:]
        for (index, prefix) in topology.prefixes.enumerated() {
            guard let country = countries[index], !topology.prefixOrigins[index].isEmpty else { continue }
            let share = IPAddressRange(prefix).addressCount / Double(topology.prefixOrigins[index].count)
            for origin in topology.prefixOrigins[index] {
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
            let best = spaces.filter { $0.value > total / 2 }
            guard total >= minimum, best.count == 1 else { return nil }
            return best.first?.key
        }
        var placedBySpace = 0
        var contested = 0
        for node in 0..<Int32(topology.nodeCount) {
            let expected = majority(ipv4[node], minimum: ASPlacements.minimumAddresses)
                ?? (ipv4[node] == nil ? majority(ipv6[node], minimum: ASPlacements.minimumIPv6Addresses) : nil)
            #expect(placed.countries[Int(node)] == expected, "seed \(seed), AS\(topology.asns[Int(node)])")
            #expect((placed.bases[Int(node)] == PlacementBasis.originatedSpace) == (expected != nil), "seed \(seed)")
            if expected != nil { placedBySpace += 1 }
            if (ipv4[node]?.count ?? 0) > 1 { contested += 1 }
        }
        // The worlds must exercise both outcomes and ASes with space in several countries.
        #expect(placedBySpace > 5 && contested > 5, "seed \(seed): \(placedBySpace) placed, \(contested) contested")
    }
}
