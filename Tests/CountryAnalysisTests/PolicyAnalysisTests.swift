import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// Routing policy on the 2014 data (the analyzer of `NorthKorea2014Tests`).
@Suite("the 2014 case under routing policy", .serialized)
struct PolicyAnalysis2014Tests {
    @Test("KP: one policy upstream, AS4837, a policy point of failure; removing it cuts all four networks under policy as under topology",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northKorea() throws {
        let analyzer = try NorthKorea2014Tests.analyzer()
        let policy = try #require(analyzer.profile(of: "KP").policy)
        #expect(policy.upstreams == [4837])
        #expect(policy.foreignDominators.map(\.asn) == [4837])
        #expect(policy.kappa == 1 && policy.kappaASes == [4837] && policy.kappaIsExact)
        #expect(policy.agreement == 1)
        for routing in [WhatIfScenario.Routing.policy, .topological] {
            let result = analyzer.whatIf(WhatIfScenario(removedASes: [4837], routing: routing))
            let kp = result.countries.first { $0.country == "KP" }
            #expect(kp?.networksCut == 4 && kp?.networks == 4, "\(routing)")
            #expect(kp?.collateralNetworksCut == 4 && kp?.ownNetworksCut == 0, "\(routing)")
            #expect(kp?.shareCut == 1, "\(routing)")
        }
    }

    @Test("YE: AS12486 a policy point of failure; its failure cuts its own networks, and counts and share agree",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func yemen() throws {
        let analyzer = try NorthKorea2014Tests.analyzer()
        let profile = analyzer.profile(of: "YE")
        let policy = try #require(profile.policy)
        #expect(policy.dominators.map(\.asn).contains(12486))
        let ye = try #require(analyzer.whatIf(WhatIfScenario(removedASes: [12486])).countries.first { $0.country == "YE" })
        // Every network counted once: cut, or already unreachable, or still reachable.
        #expect(ye.networks == profile.networks - profile.unknownOriginNetworks)
        #expect(ye.ownNetworksCut + ye.collateralNetworksCut == ye.networksCut)
        #expect(ye.ownNetworksCut == 34 && ye.networksCut == 34 && ye.networks == 36)
        #expect(ye.shareCut > 0.99 && ye.shareCut < 1)
        let worst = analyzer.worstFailures(of: "YE")
        #expect(worst.first?.asn == 12486)
    }

    @Test("adding TransTelecom (AS20485) as a provider of Star JV gives KP two policy upstreams, policy kappa 2, no foreign point of failure",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func addedLink() throws {
        let analyzer = try NorthKorea2014Tests.analyzer()
        let result = analyzer.whatIf(WhatIfScenario(addedLinks: [WhatIfScenario.Link(from: 20485, to: 131279, isPeering: false)]))
        #expect(result.countries.isEmpty)
        let kp = try #require(result.policyChanges.first { $0.country == "KP" })
        #expect(kp.before.upstreams == [4837] && kp.after.upstreams == [4837, 20485])
        #expect(kp.before.kappa == 1 && kp.after.kappa == 2)
        #expect(kp.after.foreignDominators.isEmpty)
        // Cutting China Unicom's link as well moves the point of failure to TransTelecom.
        let moved = analyzer.whatIf(WhatIfScenario(removedLinks: [WhatIfScenario.Link(from: 4837, to: 131279, isPeering: false)],
                                                   addedLinks: [WhatIfScenario.Link(from: 20485, to: 131279, isPeering: false)]))
        #expect(moved.policyChanges.first { $0.country == "KP" }?.after.foreignDominators.map(\.asn) == [20485])
        // Cutting it alone cuts KP off under policy.
        let cut = analyzer.whatIf(WhatIfScenario(removedLinks: [WhatIfScenario.Link(from: 4837, to: 131279, isPeering: false)]))
        #expect(cut.countries.first { $0.country == "KP" }?.networksCut == 4)
    }

    @Test("observed paths under CAIDA's relationships: most valley-free, every path counted once",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func census() throws {
        let analyzer = try NorthKorea2014Tests.analyzer()
        let policy = try #require(analyzer.policy)
        #expect(policy.census.total == analyzer.topology.paths.count)
        print("2014 census: \(policy.census), inferred \(policy.inferred.providerToCustomer) p2c \(policy.inferred.peers) peers")
        #expect(policy.census.valleyFree > policy.census.valley, "\(policy.census)")
        // The census looks links up in a table of its own; the graph's sorted lists are the truth.
        var expected = Topology.ValleyFreeCensus()
        for id in 0..<Int32(analyzer.topology.paths.count) {
            switch policy.graph.valleyFreedom(of: analyzer.topology.paths[id]) {
            case .valleyFree: expected.valleyFree += 1
            case .valley: expected.valley += 1
            case .unknownLink: expected.unknownLink += 1
            }
        }
        #expect(policy.census == expected)
        #expect(policy.inferred.links.count == policy.inferred.providerToCustomer + policy.inferred.peers)
    }
}

/// A small world where the observed graph has a path no route takes:
///
///     VP 1 ─peer─ 2 ─peer─ 3 ─provider of─ 4 (XX, origin of 10.0.0.0/24)
///     1 ─provider of─ 5 ─provider of─ 4
///
/// The vantage point saw 1 5 4. Topologically, removing 5 leaves 1 2 3 4; under policy, 1 hears 4
/// only through its customer 5 (2 hears 3's customer route across one peer link, and may not pass
/// it to its peer 1), so removing 5 cuts XX off. Nodes in the core: none (a toy world): the world
/// side is the vantage point's first AS.
@Suite("what-if under policy on a world worked out by hand")
struct PolicyWhatIfTests {
    static func analyzer() throws -> CountryAnalyzer {
        var builder = TopologyBuilder()
        builder.add(path: [1, 5, 4], peerAS: 1, prefix: IPPrefix("10.0.0.0/24")!)
        builder.add(path: [1, 2, 3], peerAS: 1, prefix: IPPrefix("10.0.1.0/24")!)
        builder.add(try ASRelationships.read(temporaryFile("1|2|0\n2|3|0\n3|4|-1\n1|5|-1\n5|4|-1\n")))
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|6|19700101|20140101|+0000
            test|XX|asn|4|1|20000101|allocated
            test|YY|asn|1|3|20000101|allocated
            test|YY|asn|5|1|20000101|allocated
            test|XX|ipv4|10.0.0.0|256|20000101|allocated
            test|YY|ipv4|10.0.1.0|256|20000101|allocated
            """)])
        return CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations))
    }

    @Test("a graph path that is no route does not save a network")
    func policyVersusTopology() throws {
        let analyzer = try Self.analyzer()
        let policy = analyzer.whatIf(WhatIfScenario(removedASes: [5], routing: .policy))
        #expect(policy.countries.map(\.country) == ["XX"])
        #expect(policy.countries.first?.collateralNetworksCut == 1)
        let topological = analyzer.whatIf(WhatIfScenario(removedASes: [5], routing: .topological))
        #expect(topological.countries.isEmpty)
        // The origin's own failure: its network is its own loss, not collateral.
        let own = analyzer.whatIf(WhatIfScenario(removedASes: [4]))
        #expect(own.countries.first?.ownNetworksCut == 1 && own.countries.first?.collateralNetworksCut == 0)
        // Making 2 a provider of 3 turns 1 2 3 4 into a route: 2 now holds a customer route to pass to
        // its peer 1. It also restores YY's network of 3, which 1 could not reach before (3's route
        // reached 2 across a peer link, and a peer's route is not passed to a peer).
        let linked = analyzer.whatIf(WhatIfScenario(removedASes: [5], addedLinks: [WhatIfScenario.Link(from: 2, to: 3, isPeering: false)]))
        #expect(linked.countries.map(\.country) == ["YY"])
        #expect(linked.countries.first?.unreachableBefore == 1 && linked.countries.first?.networksRestored == 1)
        // The world side (AS 1, the vantage point's AS) failing cuts everything too.
        #expect(analyzer.worstFailures(of: "XX").map(\.asn) == [1, 4, 5])
    }
}

/// The 2017 case, relationships only (`examples/north-korea-2017`): CAIDA's relationships of
/// 2016-11-01 and prefix-to-AS of 2017-03-29, no RIB; the registries' 2018 files for places.
/// Dyn Research (2 October 2017): TransTelecom (AS20485) began carrying North Korea's routes on
/// 1 October 2017, beside China Unicom (AS4837), its only provider until then.
@Suite("the 2017 case, relationships only", .serialized)
struct NorthKorea2017Tests {
    private static let loaded = Result { try load() }

    static func analyzer() throws -> CountryAnalyzer { try loaded.get() }

    private static func load() throws -> CountryAnalyzer {
        let (topology, _) = try TopologyLoader.load(
            mrt: [] as [String],
            prefixToAS: [SharedData.mirror("publicdata.caida.org/datasets/routing/routeviews-prefix2as/2017/03/routeviews-rv2-20170329-0200.pfx2as.gz")],
            relationships: SharedData.mirror("publicdata.caida.org/datasets/as-relationships/serial-1/20161101.as-rel.txt.bz2"))
        let delegations = try Delegations.load(["ftp.afrinic.net/pub/stats/afrinic/2018/delegated-afrinic-extended-20181013",
                                                "ftp.apnic.net/stats/apnic/2018/delegated-apnic-extended-20181014.gz",
                                                "ftp.arin.net/pub/stats/arin/delegated-arin-extended-20181013",
                                                "ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-extended-20181012",
                                                "ftp.ripe.net/pub/stats/ripencc/2018/delegated-ripencc-extended-20181013.bz2"].map(SharedData.mirror))
        return CountryAnalyzer(topology: topology, geography: try Geography(delegations: delegations))
    }

    @Test("before the link KP has one upstream, AS4837, a point of failure; with TransTelecom two, policy kappa 2, no foreign point of failure",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func secondLink() throws {
        let analyzer = try Self.analyzer()
        let profile = analyzer.profile(of: "KP")
        #expect(profile.networks == 4)
        // Every path metric rests on the routes simulated from the 17 ASes of CAIDA's clique.
        #expect(profile.routes == .simulated && profile.confidence == .low)
        #expect(analyzer.topology.simulation?.vantagePoints.count == 17 && profile.witnessASes == 17)
        #expect(profile.upstreams.map(\.asn) == [4837] && profile.transitPointsOfFailure.map(\.asn) == [4837])
        #expect(profile.kappaTransit == 1)
        #expect(profile.score != nil && profile.scoreReason == nil)
        let before = try #require(profile.policy)
        #expect(before.upstreams == [4837])
        #expect(before.foreignDominators.map(\.asn) == [4837])
        #expect(before.kappa == 1)
        let transTelecom = WhatIfScenario.Link(from: 20485, to: 131279, isPeering: false)
        let result = analyzer.whatIf(WhatIfScenario(addedLinks: [transTelecom]))
        let kp = try #require(result.policyChanges.first { $0.country == "KP" })
        #expect(kp.after.upstreams == [4837, 20485])
        #expect(kp.after.kappa == 2 && kp.after.kappaIsExact)
        #expect(kp.after.foreignDominators.isEmpty)
        // China Unicom's failure cuts all four networks before the link, none after it.
        #expect(analyzer.whatIf(WhatIfScenario(removedASes: [4837])).countries.first { $0.country == "KP" }?.networksCut == 4)
        #expect(analyzer.whatIf(WhatIfScenario(removedASes: [4837], addedLinks: [transTelecom])).countries.contains { $0.country == "KP" } == false)
    }
}
