import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// Transit cuts on a world worked out by hand. With the core threshold at 3 customers, AS1 and AS2
/// (cones of 6 and 5) are the core; AS20 (cone 3) is not.
///
///     core 1, 2 → 20 (CN) → 10, 11 (KP)              KP: its one way in is AS20
///     core 1 → 60 (YE)     core 2 → 30 (US) → 60     YE: one origin, two ways in from the core
///
/// Vantage points 40 (customer of 1) and 41 (customer of 2) see: 40 1 20 10, 40 1 20 11, 40 1 60;
/// 41 2 20 10, 41 2 20 11, 41 2 30 60.
@Suite("transit cuts and the core, by hand")
struct TransitCutTests {
    static func analyzer(cutLimit: Int = 64) throws -> CountryAnalyzer {
        var builder = TopologyBuilder()
        let routes: [(String, [UInt32], UInt32)] = [
            ("10.0.0.0/24", [40, 1, 20, 10], 40), ("10.0.1.0/24", [40, 1, 20, 11], 40),
            ("10.1.0.0/24", [40, 1, 60], 40), ("10.0.0.0/24", [41, 2, 20, 10], 41), ("10.0.1.0/24", [41, 2, 20, 11], 41),
            ("10.1.0.0/24", [41, 2, 30, 60], 41),
        ]
        for (prefix, path, peer) in routes {
            builder.add(path: path, peerAS: peer, peerAddress: .v4(0xC000_0200 + peer), prefix: IPPrefix(prefix)!)
        }
        builder.add(try ASRelationships.read(temporaryFile("""
            # inferred clique: 1 2
            1|20|-1
            2|20|-1
            20|10|-1
            20|11|-1
            1|40|-1
            1|60|-1
            1|50|-1
            2|30|-1
            30|60|-1
            2|41|-1
            2|52|-1
            1|2|0
            """)))
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|9|19700101|20140101|+0000
            test|US|asn|1|2|20000101|allocated
            test|KP|asn|10|2|20000101|allocated
            test|CN|asn|20|1|20000101|allocated
            test|US|asn|30|1|20000101|allocated
            test|US|asn|40|2|20000101|allocated
            test|YE|asn|60|1|20000101|allocated
            test|KP|ipv4|10.0.0.0|512|20000101|allocated
            test|YE|ipv4|10.1.0.0|256|20000101|allocated
            """)])
        var options = CountryAnalyzer.Options()
        options.coreConeThreshold = 3
        options.cutLimit = cutLimit
        return CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations), options: options)
    }

    @Test("the core: the clique and every AS with a cone over the threshold")
    func core() throws {
        let analyzer = try Self.analyzer()
        #expect(analyzer.core.map { analyzer.topology.asns[Int($0)] }.sorted() == [1, 2])
    }

    @Test("North Korea's transit cut is its one upstream, not its origins")
    func northKorea() throws {
        let kp = try Self.analyzer().profile(of: "KP")
        #expect(kp.transitCuts.kappa == CountryProfile.Cut(size: 1, asns: [20], isLowerBound: false))
        #expect(kp.kappaTransit == 1 && kp.kappaTransitInternational == 1)
        // No domestic AS lies between the origins and the world: nothing domestic can cut it.
        #expect(kp.transitCuts.kappaDomestic.unbounded)
        #expect(kp.transitPointsOfFailure.map(\.asn) == [20])
        #expect(!kp.singleOrigin)
        // Cut points for 1 AS: 40 × log2(2)/log2(41).
        #expect(abs(kp.scoreParts.cut - 40 * log2(2.0) / log2(41.0)) < 1e-9)
    }

    @Test("Yemen: one origin; its transit reaches the core by two ways, and earns the cut points of two")
    func yemen() throws {
        let ye = try Self.analyzer().profile(of: "YE")
        #expect(ye.singleOrigin)
        #expect(ye.cuts.kappa.asns == [60])
        #expect(ye.transitCuts.kappa.reachesCore)
        #expect(ye.transitCuts.kappa.size == 2)
        #expect(ye.transitCuts.kappa.asns.count == 2)
        #expect(ye.pointsOfFailure.map(\.asn) == [60])
        #expect(ye.transitPointsOfFailure.isEmpty)
        // Two ways in, each its own organisation here: the points of a cut of two, 40 × log2(3)/log2(41).
        #expect(ye.organisationCuts.kappa.size == 2)
        #expect(abs(ye.scoreParts.cut - 40 * log2(3.0) / log2(41.0)) < 1e-9)
        // Only a country nothing can cut gets the full 40.
        #expect(ResilienceScore.parts(kappa: 0, uncuttable: true, effectiveUpstreams: 1, largestDominatedShare: 1).cut == 40)
        // Its origin dominates all its space: the dominance points go.
        #expect(ye.scoreParts.dominance == 0)
    }

    @Test("at the limit a cut lists the members found and says so")
    func limit() throws {
        let ye = try Self.analyzer(cutLimit: 1).profile(of: "YE")
        #expect(ye.transitCuts.kappa.limitReached)
        #expect(ye.transitCuts.kappa.isLowerBound)
        #expect(ye.transitCuts.kappa.size == 1)
        #expect(ye.transitCuts.kappa.asns.count == 1)
    }

    @Test("equal shares share a rank; nothing breaks the tie")
    func ties() throws {
        // YE's two witnesses see 1 and 30: half each.
        let ye = try Self.analyzer().profile(of: "YE")
        #expect(Set(ye.upstreams.map(\.asn)) == [1, 30])
        #expect(ye.upstreams.map(\.rank) == [1, 1])
    }
}

/// The cut solver's limit and members against brute force on random graphs with an unremovable
/// world side and unremovable sinks.
@Suite("transit cuts on random graphs")
struct RandomTransitCutTests {
    @Test("minimum cuts avoiding a core and the sinks match brute force", arguments: 1...30)
    func bruteForce(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 11
        var edges: [(from: Int32, to: Int32)] = []
        // Node 0 is the super-source, 1-2 the core, 9-10 the sinks.
        for node in 1...2 { edges.append((0, Int32(node))) }
        for from in 1..<count {
            for to in 1..<count where from != to && random.next() % 100 < 22 { edges.append((Int32(from), Int32(to))) }
        }
        let graph = DirectedGraph(nodeCount: count, edges: edges)
        let sinks: [Int32] = [9, 10]
        func removable(_ node: Int32) -> Bool { node >= 3 && node <= 8 }
        let cut = VertexCutSolver(graph: graph).minimumCut(from: 0, to: sinks, isRemovable: removable, limit: 64)
        // Brute force: the smallest set of removable nodes leaving no sink reachable.
        let best = bruteForceCutSize(in: graph, from: 0, to: sinks, candidates: (3...8).map(Int32.init))
        if let best {
            #expect(!cut.isUnbounded && cut.size == best, "seed \(seed)")
            let reachable = graph.reachable(from: 0, removing: Set(cut.nodes))
            #expect(!sinks.contains { reachable[Int($0)] }, "the cut found must cut, seed \(seed)")
        } else {
            #expect(cut.isUnbounded && !cut.limitReached, "seed \(seed)")
        }
        // With a limit below the cut, the search stops there and names one member per way found.
        if let best, best >= 2 {
            let limited = VertexCutSolver(graph: graph).minimumCut(from: 0, to: sinks, isRemovable: removable, limit: best - 1)
            #expect(limited.limitReached && limited.size == best - 1 && limited.nodes.count == best - 1, "seed \(seed)")
            #expect(limited.nodes.allSatisfy(removable))
        }
    }
}
