import ASTopology
import ChokepointTestSupport
import InternetAddresses
import ReferenceData
import Testing

@Suite("routes simulated from vantage points")
struct RouteSimulationTests {
    /// A world worked out by hand. Tier-1s 0 and 1 peer; 0 sells transit to 2 and 3, both to the
    /// origin 5 (so 0 has two equally good next hops); 1 to 4, which sells to the origin 6 and peers
    /// with 2; 8 buys transit from 0; 9 peers with 1 only and originates.
    private let world = RelationshipGraph(nodeCount: 10, links: [
        .init(from: 0, to: 1, relationship: .peer),
        .init(from: 0, to: 2, relationship: .providerToCustomer), .init(from: 0, to: 3, relationship: .providerToCustomer),
        .init(from: 2, to: 5, relationship: .providerToCustomer), .init(from: 3, to: 5, relationship: .providerToCustomer),
        .init(from: 1, to: 4, relationship: .providerToCustomer), .init(from: 4, to: 6, relationship: .providerToCustomer),
        .init(from: 2, to: 4, relationship: .peer), .init(from: 0, to: 8, relationship: .providerToCustomer),
        .init(from: 1, to: 9, relationship: .peer),
    ])

    private func path(_ simulation: RouteSimulation, from point: Int, to origin: Int32) -> [Int32]? {
        simulation.bestRoute(from: point, toward: [origin]).map { Array(simulation.path($0.path)) }
    }

    @Test("each vantage point's route follows customer > peer > provider, then length")
    func handWorkedWorld() throws {
        let simulation = RouteSimulation(graph: world, vantagePoints: [0, 1, 8], origins: [5, 6, 9, 0])
        // 0 reaches 5 through a customer, by 2 or by 3: one of them, flagged as a tie.
        let zeroToFive = try #require(simulation.bestRoute(from: 0, toward: [5]))
        #expect(zeroToFive.kind == .customer && zeroToFive.length == 2 && zeroToFive.tied)
        let middle = try #require(path(simulation, from: 0, to: 5))
        #expect(middle == [0, 2, 5] || middle == [0, 3, 5])
        // 1 has no customer route to 5, and 4's peer route (from 2) is not passed up to 1: 1 takes its peer 0's.
        let oneToFive = try #require(simulation.bestRoute(from: 1, toward: [5]))
        #expect(oneToFive.kind == .peer && oneToFive.length == 3)
        #expect(path(simulation, from: 1, to: 5) == [1] + middle)
        // Toward 6, 1 has a customer route and 0 a peer route through 1.
        #expect(path(simulation, from: 1, to: 6) == [1, 4, 6])
        #expect(path(simulation, from: 0, to: 6) == [0, 1, 4, 6])
        #expect(simulation.bestRoute(from: 0, toward: [6])?.tied == false)
        // 8 hears everything from its provider 0, peer routes included (a provider passes all to customers).
        #expect(path(simulation, from: 2, to: 5) == [8] + middle)
        #expect(simulation.bestRoute(from: 2, toward: [6])?.kind == .provider)
        #expect(path(simulation, from: 2, to: 6) == [8, 0, 1, 4, 6])
        // 9 is 1's peer: 1 has a peer route, which it passes to no peer, so 0 and 8 have none.
        #expect(path(simulation, from: 1, to: 9) == [1, 9])
        #expect(simulation.bestRoute(from: 0, toward: [9]) == nil)
        #expect(simulation.bestRoute(from: 2, toward: [9]) == nil)
        // An origin that is the vantage point itself.
        #expect(path(simulation, from: 0, to: 0) == [0])
        #expect(simulation.bestRoute(from: 0, toward: [0])?.kind == .origin)
        // Of several origins the best route wins: 0 prefers its customer route to 5 over its peer route to 6.
        #expect(simulation.bestRoute(from: 0, toward: [6, 5])?.kind == .customer)
    }

    /// On random worlds, every simulated route has the kind and length that full propagation
    /// (every equally good next hop kept) gives the vantage point, each hop is one of propagation's
    /// best next hops, and a vantage point without a route has none there either.
    @Test("routes agree with full propagation on random worlds", arguments: 0..<30)
    func agreesWithPropagation(seed: UInt64) throws {
        var random = SplitMix(seed: seed &+ 9_100)
        let nodes = 30
        let graph = randomRelationships(&random, nodes: nodes, links: 70)
        let points: [Int32] = (0..<6).map { _ in Int32(random.next() % UInt64(nodes)) }
        let origins: [Int32] = (0..<Int32(nodes)).map { $0 }
        let simulation = RouteSimulation(graph: graph, vantagePoints: Array(Set(points)).sorted(), origins: origins)
        for origin in origins {
            let propagation = RoutePropagation(graph: graph, origins: [origin])
            for (index, point) in simulation.vantagePoints.enumerated() {
                let route = simulation.bestRoute(from: index, toward: [origin])
                guard propagation.hasRoute(point) else {
                    #expect(route == nil, "seed \(seed): AS \(point) has no route to \(origin) under propagation")
                    continue
                }
                let found = try #require(route, "seed \(seed): AS \(point) should reach \(origin)")
                #expect(found.kind == propagation.kinds[Int(point)])
                #expect(found.length == propagation.lengths[Int(point)])
                let hops = Array(simulation.path(found.path))
                #expect(hops.first == point && hops.last == origin && hops.count == Int(found.length) + 1)
                for (from, to) in zip(hops, hops.dropFirst()) {
                    #expect(propagation.nextHops(of: from).contains(to), "seed \(seed): \(from) → \(to) is no best next hop toward \(origin)")
                }
                #expect(graph.valleyFreedom(of: hops) == .valleyFree || hops.count == 1)
            }
        }
    }

    /// With no routing data, the builder makes one route per clique AS and prefix, under the
    /// collector `simulated`, and says so in the topology.
    @Test("the builder simulates a RIB from the clique")
    func builderSimulates() throws {
        var builder = TopologyBuilder()
        let relationships = try ASRelationships.read(temporaryFile("# inferred clique: 100 200\n100|200|0\n100|10|-1\n200|20|-1\n10|1|-1\n20|2|-1\n"))
        builder.add(relationships)
        for (prefix, origin) in [("192.0.2.0/24", 1), ("198.51.100.0/24", 2), ("203.0.113.0/24", 77)] {
            builder.add(PrefixToASEntry(prefix: try #require(IPPrefix(prefix)), origins: [.asn(UInt32(origin))]))
        }
        let summary = builder.addSimulatedRoutes()
        #expect(summary.vantagePoints == [100, 200])
        #expect(summary.prefixes == 3 && summary.unroutedPrefixes == 1 && summary.routes == 4 && summary.missingRoutes == 2)
        let topology = builder.build()
        #expect(topology.simulation == summary)
        #expect(topology.vantagePoints.map(\.vantagePoint.collector) == ["simulated", "simulated"])
        var seen: [String] = []
        for prefix in topology.prefixes.indices {
            for route in topology.routes.routes(of: Int32(prefix)) {
                let asns = topology.paths[Int32(topology.routes.paths[route])].map { topology.asns[Int($0)] }
                seen.append("\(topology.prefixes[prefix]) " + asns.map(String.init).joined(separator: " "))
            }
        }
        #expect(seen.sorted() == [
            "192.0.2.0/24 100 10 1", "192.0.2.0/24 200 100 10 1", "198.51.100.0/24 100 200 20 2", "198.51.100.0/24 200 20 2",
        ])
    }
}
