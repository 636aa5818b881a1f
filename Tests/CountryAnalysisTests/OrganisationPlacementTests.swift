import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// Who is who, on a world worked out by hand. Two witnesses, AS40 and AS41 (US):
///
///     10.0.0.0/24  40 20 10        41 21 60 10     (60: registered nowhere, originates nothing)
///     10.0.1.0/24  40 20 10        41 21 10
///     10.0.2.0/23  40 20 50        41 21 50        (50: registered in UA, originates only KP space)
///     10.0.4.0/24  40 70           41 70           (70: US, originates 4 /24s in the US and this one)
///     10.1.0.0/24  40 80           41 80           (ER; 80: IL, originates 4 /24s in IL and this one)
///
/// AS20 and AS21 (CN) are one holder in the extended delegation file: siblings, one company.
@Suite("organisations, placement and the unknown, by hand")
struct OrganisationPlacementTests {
    static let delegations = """
        2|test|1|12|19700101|20140101|+0000
        test|US|asn|40|2|20000101|allocated|USA
        test|CN|asn|20|2|20000101|allocated|CU
        test|UA|asn|50|1|20000101|allocated|UKR
        test|US|asn|70|1|20000101|allocated|USB
        test|IL|asn|80|1|20000101|allocated|ISR
        test|KP|asn|10|1|20000101|allocated|KPX
        test|KP|ipv4|10.0.0.0|65536|20000101|allocated|KPX
        test|ER|ipv4|10.1.0.0|256|20000101|allocated|ERX
        test|US|ipv4|198.51.100.0|1024|20000101|allocated|USB
        test|IL|ipv4|203.0.112.0|1024|20000101|allocated|ISR
        test|CN|ipv4|1.0.0.0|256|20000101|allocated|CU
        """

    static func analyzer() throws -> CountryAnalyzer {
        var builder = TopologyBuilder()
        func add(_ prefix: String, _ first: [UInt32], _ second: [UInt32]) {
            builder.add(path: first, peerAS: 40, peerAddress: .v4(0xC000_0201), prefix: IPPrefix(prefix)!)
            builder.add(path: second, peerAS: 41, peerAddress: .v4(0xC000_0202), prefix: IPPrefix(prefix)!)
        }
        add("10.0.0.0/24", [40, 20, 10], [41, 21, 60, 10])
        add("10.0.1.0/24", [40, 20, 10], [41, 21, 10])
        add("10.0.2.0/23", [40, 20, 50], [41, 21, 50])
        add("10.0.4.0/24", [40, 70], [41, 70])
        add("198.51.100.0/22", [40, 70], [41, 70])
        add("10.1.0.0/24", [40, 80], [41, 80])
        add("203.0.112.0/22", [40, 80], [41, 80])
        let file = try DelegationFile.read(try temporaryFile(delegations))
        let geography = try Geography(delegations: Delegations(files: [file]))
        return CountryAnalyzer(topology: builder.build(), geography: geography, organisations: Organisations(delegations: [file]))
    }

    @Test("an AS registered abroad that originates the country's space is domestic; one placed nowhere is unknown")
    func placement() throws {
        let analyzer = try Self.analyzer()
        func place(_ asn: UInt32) -> (CountryCode?, PlacementBasis) {
            let node = Int(analyzer.topology.nodeIndex[asn]!)
            return (analyzer.placements.countries[node], analyzer.placements.bases[node])
        }
        #expect(place(50) == ("KP", .originatedSpace))
        #expect(place(10) == ("KP", .originatedSpace))
        // 70 originates 1,024 US addresses and 256 in KP: the US holds most.
        #expect(place(70) == ("US", .originatedSpace))
        // 20 and 21 originate nothing: their holder's country.
        #expect(place(21) == ("CN", .organisation))
        #expect(place(40) == ("US", .organisation))
        #expect(place(60) == (nil, .unknown))
    }

    @Test("siblings are one upstream organisation; an unknown AS is skipped, not taken for the frontier")
    func organisations() throws {
        let profile = try Self.analyzer().profile(of: "KP")
        // Per witness: 40 sees 20 for 4 of the 5 /24s and 70 for 1; 41 sees 21 for 4 and 70 for 1.
        #expect(profile.upstreams.map(\.asn) == [20, 21, 70])
        #expect(profile.upstreams.map(\.share) == [0.4, 0.4, 0.2])
        #expect(profile.upstreams.map(\.organisation) == ["test:CU", "test:CU", "test:USB"])
        #expect(profile.upstreamOrganisations.map(\.organisation) == ["test:CU", "test:USB"])
        #expect(profile.upstreamOrganisations.first?.asns == [20, 21])
        #expect(profile.upstreamOrganisations.map(\.share) == [0.8, 0.2])
        #expect(abs(profile.effectiveUpstreams - 1 / 0.36) < 1e-9)
        #expect(abs(profile.effectiveUpstreamOrganisations - 1 / 0.68) < 1e-9)
        // 41 21 60 10: 60 is skipped, 21 is the upstream and 10 the border AS.
        #expect(profile.unknownASes == [60])
        #expect(!profile.upstreams.contains { $0.asn == 60 })
        #expect(profile.borderASes == [10, 50])
        // The frontier's companies: KPX (10), UKR (50) and USB (70, which serves 10.0.4.0/24 from abroad).
        #expect(profile.borderOrganisations.map(\.organisation) == ["test:KPX", "test:UKR", "test:USB"])
        #expect(profile.tier == .significant && profile.tierByASes == .severe)
        #expect(profile.originASes == [10, 50])
        #expect(profile.originBasis == ["originatedSpace": 2])
        #expect(profile.servedFromAbroad == 0.2)
        #expect(profile.foreignOriginatedNetworks == 1)
        #expect(profile.networks == 4)
    }

    @Test("a country served only from abroad gets the foreign origin as its upstream, and a score")
    func servedFromAbroad() throws {
        let profile = try Self.analyzer().profile(of: "ER")
        #expect(profile.upstreams.map(\.asn) == [80])
        #expect(profile.servedFromAbroad == 1)
        #expect(profile.originASes.isEmpty)
        #expect(profile.score != nil)
        #expect(profile.borderOrganisations.map(\.organisation) == ["test:ISR"])
        #expect(profile.tier == .severe)
        #expect(profile.pointsOfFailure.contains { $0.asn == 80 && !$0.domestic })
    }

    @Test("organisation cuts count the organisations of the minimum AS cut")
    func organisationCut() throws {
        let profile = try Self.analyzer().profile(of: "KP")
        // Without AS relationships the graph is the observed paths: 20 and 21 are two ASes of one holder.
        #expect(profile.cuts.kappaInternational.asns.count >= 2)
        #expect(profile.organisationCuts.kappaInternational.organisations.count <= profile.cuts.kappaInternational.asns.count)
        #expect(profile.organisationCuts.kappa.size <= profile.cuts.kappa.size)
    }
}
