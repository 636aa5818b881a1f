import ChokepointTestSupport
import ASTopology
import Testing

/// A random relationship graph (for the propagation and simulation tests): provider-to-customer links from lower to higher node numbers (so
/// no one is its own indirect provider), and some peer links.
func randomRelationships(_ random: inout SplitMix, nodes: Int, links: Int) -> RelationshipGraph {
    var list: [RelationshipGraph.Link] = []
    for _ in 0..<links {
        let a = Int32(random.next() % UInt64(nodes)), b = Int32(random.next() % UInt64(nodes))
        guard a != b else { continue }
        if random.next() % 3 == 0 {
            list.append(RelationshipGraph.Link(from: a, to: b, relationship: .peer))
        } else {
            list.append(RelationshipGraph.Link(from: min(a, b), to: max(a, b), relationship: .providerToCustomer))
        }
    }
    return RelationshipGraph(nodeCount: nodes, links: list)
}

/// Whether some valley-free path joins `from` to a node of `to` avoiding `removed`, by trying every
/// simple path: the independent truth for propagation and policy cuts.
private func valleyFreePathExists(_ graph: RelationshipGraph, from source: Int32, to targets: Set<Int32>, removed: Set<Int32>) -> Bool {
    var onPath = Set<Int32>()
    func walk(_ node: Int32, descending: Bool) -> Bool {
        if targets.contains(node) { return true }
        onPath.insert(node)
        defer { onPath.remove(node) }
        var moves: [(Int32, Bool)] = graph.customers(of: node).map { ($0, true) }
        if !descending {
            moves += graph.providers(of: node).map { ($0, false) }
            moves += graph.peers(of: node).map { ($0, true) }
        }
        for (next, descends) in moves where !onPath.contains(next) && !removed.contains(next) {
            if walk(next, descending: descends) { return true }
        }
        return false
    }
    return !removed.contains(source) && walk(source, descending: false)
}

@Suite("route propagation under policy")
struct RoutePropagationTests {
    /// A = B = C peers in a row, C the origin: B hears C across one peer link; A would need a second.
    @Test("a peer-peer-peer path is not a route")
    func peerPeerPeer() {
        let graph = RelationshipGraph(nodeCount: 3, links: [
            .init(from: 0, to: 1, relationship: .peer), .init(from: 1, to: 2, relationship: .peer),
        ])
        let routes = RoutePropagation(graph: graph, origins: [2])
        #expect(routes.kinds == [.none, .peer, .origin])
        #expect(routes.lengths == [-1, 1, 0])
        #expect(graph.valleyFreedom(of: [0, 1, 2] as [Int32]) == .valley)
        #expect(graph.valleyFreedom(of: [1, 2] as [Int32]) == .valleyFree)
    }

    /// P sells transit to X and to the origin O; X peers with Y. X hears O from its provider P, and
    /// must not pass that route to its peer Y. Nodes: O=0, P=1, X=2, Y=3.
    @Test("a provider's route is not passed to a peer")
    func providerRouteNotToPeer() {
        let graph = RelationshipGraph(nodeCount: 4, links: [
            .init(from: 1, to: 0, relationship: .providerToCustomer), .init(from: 1, to: 2, relationship: .providerToCustomer),
            .init(from: 2, to: 3, relationship: .peer),
        ])
        let routes = RoutePropagation(graph: graph, origins: [0])
        #expect(routes.kinds == [.origin, .customer, .provider, .none])
        #expect(Array(routes.nextHops(of: 2)) == [1])
        #expect(graph.valleyFreedom(of: [3, 2, 1, 0] as [Int32]) == .valley)
        #expect(graph.valleyFreeReach(from: [0]) == [true, true, true, false])
    }

    /// X reaches the origin O three ways: down a chain of two customers (C1, C2: length 3), across a
    /// peer (length 1) and up a provider (length 1). The customer route wins although it is longest;
    /// without it the peer's; without both the provider's. Nodes: O=0, X=1, C1=2, C2=3, Q=4, P=5.
    @Test("the preferred route follows customer > peer > provider, then length")
    func preference() {
        let links: [RelationshipGraph.Link] = [
            .init(from: 1, to: 2, relationship: .providerToCustomer), .init(from: 2, to: 3, relationship: .providerToCustomer),
            .init(from: 3, to: 0, relationship: .providerToCustomer),
            .init(from: 1, to: 4, relationship: .peer), .init(from: 4, to: 0, relationship: .providerToCustomer),
            .init(from: 5, to: 1, relationship: .providerToCustomer), .init(from: 5, to: 0, relationship: .providerToCustomer),
        ]
        let graph = RelationshipGraph(nodeCount: 6, links: links)
        let all = RoutePropagation(graph: graph, origins: [0])
        #expect(all.kinds[1] == .customer)
        #expect(all.lengths[1] == 3)
        #expect(Array(all.nextHops(of: 1)) == [2])
        var removed = [Bool](repeating: false, count: 6)
        removed[2] = true
        let noCustomer = RoutePropagation(graph: graph, origins: [0], removed: removed)
        #expect(noCustomer.kinds[1] == .peer)
        #expect(Array(noCustomer.nextHops(of: 1)) == [4])
        removed[4] = true
        let providerOnly = RoutePropagation(graph: graph, origins: [0], removed: removed)
        #expect(providerOnly.kinds[1] == .provider)
        #expect(providerOnly.lengths[1] == 2)
        #expect(Array(providerOnly.nextHops(of: 1)) == [5])
    }

    /// Two providers of the origin, both one hop away from X: both are X's next hops.
    @Test("every equally preferred next hop is kept")
    func ties() {
        // O=0, A=1, B=2, X=3: A and B provide O, X provides A and B.
        let graph = RelationshipGraph(nodeCount: 4, links: [
            .init(from: 1, to: 0, relationship: .providerToCustomer), .init(from: 2, to: 0, relationship: .providerToCustomer),
            .init(from: 3, to: 1, relationship: .providerToCustomer), .init(from: 3, to: 2, relationship: .providerToCustomer),
        ])
        let routes = RoutePropagation(graph: graph, origins: [0])
        #expect(Array(routes.nextHops(of: 3)) == [1, 2])
        let best = routes.bestRouteGraph(from: [3])
        let dominators = DominatorTree(graph: best, source: 4)
        #expect(best.nodeCount == 6)
        #expect(dominators.dominators(of: 0) == [3, 4])
    }

    @Test("who has a route agrees with a search of every simple path, on random graphs", arguments: 1...30)
    func reachMatchesPaths(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let graph = randomRelationships(&random, nodes: 10, links: 22)
        let origin = Int32(random.next() % 10)
        var removed = [Bool](repeating: false, count: 10)
        let gone = Int32(random.next() % 10)
        if gone != origin { removed[Int(gone)] = true }
        let routes = RoutePropagation(graph: graph, origins: [origin], removed: removed)
        let reach = graph.valleyFreeReach(from: [origin], removed: removed)
        for node in 0..<Int32(10) {
            let expected = !removed[Int(node)] && valleyFreePathExists(graph, from: node, to: [origin], removed: removed[Int(gone)] ? [gone] : [])
            #expect(routes.hasRoute(node) == expected, "seed \(seed): route at \(node)?")
            #expect(reach[Int(node)] == expected, "seed \(seed): reach at \(node)?")
            // Every next hop offers a route one hop shorter.
            for hop in routes.nextHops(of: node) {
                #expect(routes.lengths[Int(hop)] == routes.lengths[Int(node)] - 1)
            }
        }
    }
}

@Suite("policy cuts")
struct PolicyCutTests {
    /// KP's shape in 2014: the origin (0) buys transit from one provider (1) only, which two
    /// tier-1s (2, 3) serve. Policy kappa is 1, the provider; with the origin removable too,
    /// still 1; with only the tier-1s removable, 2.
    @Test("a single upstream is a policy cut of one")
    func singleUpstream() {
        let graph = RelationshipGraph(nodeCount: 4, links: [
            .init(from: 1, to: 0, relationship: .providerToCustomer), .init(from: 2, to: 1, relationship: .providerToCustomer),
            .init(from: 3, to: 1, relationship: .providerToCustomer), .init(from: 2, to: 3, relationship: .peer),
        ])
        let solver = PolicyCutSolver(graph: graph, core: [2, 3])
        let cut = solver.minimumCut(to: [0], isRemovable: { $0 == 1 || $0 == 0 })
        #expect(cut.size == 1)
        #expect(cut.nodes == [1] || cut.nodes == [0])
        #expect(cut.isExact)
        let transit = solver.minimumCut(to: [0], isRemovable: { $0 == 1 })
        #expect(transit.nodes == [1])
        let throughCore = solver.minimumCut(to: [0], isRemovable: { $0 >= 2 })
        #expect(throughCore.size == 2)
        #expect(solver.minimumCut(to: [0], isRemovable: { _ in false }).isUnbounded)
    }

    /// A path that exists in the graph but is no route: the origin's provider reaches the core only
    /// through a peer of a peer. Topologically one AS away, under policy already cut off (size 0).
    @Test("a graph path that no route takes needs no cut")
    func valleyNeedsNoCut() {
        // core 0 = peer 1 = peer 2, 2 provides the origin 3.
        let graph = RelationshipGraph(nodeCount: 4, links: [
            .init(from: 0, to: 1, relationship: .peer), .init(from: 1, to: 2, relationship: .peer),
            .init(from: 2, to: 3, relationship: .providerToCustomer),
        ])
        let cut = PolicyCutSolver(graph: graph, core: [0]).minimumCut(to: [3], isRemovable: { $0 != 0 })
        #expect(cut.size == 0)
        #expect(cut.isExact)
    }

    @Test("policy kappa (with optional links switched on or off) agrees with brute-force removal and propagation, on random graphs",
          arguments: 1...40)
    func bruteForce(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 12
        let base = randomRelationships(&random, nodes: count, links: 26)
        // Some optional links (a country's inferred ones), half of them switched on for the query.
        let optional = randomRelationships(&random, nodes: count, links: 6).links.filter { base.role(of: $0.from, toward: $0.to) == nil }
        let enabled = optional.map { _ in random.next() % 2 == 0 }
        let graph = base.adding(zip(optional, enabled).filter(\.1).map(\.0), overriding: false)
        // The core: the two lowest numbers (the top of the hierarchy); one or two origins among the rest.
        let core: [Int32] = [0, 1]
        var origins = [Int32(2 + random.next() % 10)]
        if random.next() % 2 == 0 { origins.append(Int32(2 + random.next() % 10)) }
        let candidates = (2..<Int32(count)).map { $0 }
        func coreCutOff(_ removedSet: Set<Int32>) -> Bool {
            var removed = [Bool](repeating: false, count: count)
            for node in removedSet { removed[Int(node)] = true }
            let routes = RoutePropagation(graph: graph, origins: origins, removed: removed)
            return !core.contains { routes.hasRoute($0) }
        }
        var best: Int?
        for mask in 0..<(1 << candidates.count) where best.map({ mask.nonzeroBitCount < $0 }) ?? true {
            let removed = Set(candidates.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            if coreCutOff(removed) { best = removed.count }
        }
        let cut = PolicyCutSolver(graph: base, optionalLinks: optional, core: core)
            .minimumCut(to: origins, isRemovable: { $0 >= 2 }, enabled: enabled, searchBudget: 512)
        #expect(cut.isExact, "seed \(seed): exact?")
        #expect(cut.size == best, "seed \(seed): origins \(origins)")
        #expect(coreCutOff(Set(cut.nodes)), "seed \(seed): the members found cut the core off")
    }
}

@Suite("relationship graphs and solvers reused")
struct RelationshipGraphReuseTests {
    @Test("a graph with links added is the graph built from all the links at once", arguments: 1...20)
    func adding(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 30
        let base = randomRelationships(&random, nodes: count, links: 70)
        // Extra links: new pairs, pairs the base links already (the base's link wins), pairs given
        // twice (the first wins), and links out of range (left out).
        var extra = randomRelationships(&random, nodes: count, links: 25).links
        extra += extra.prefix(3).map { RelationshipGraph.Link(from: $0.to, to: $0.from, relationship: .providerToCustomer) }
        extra.append(RelationshipGraph.Link(from: 2, to: Int32(count + 4), relationship: .peer))
        let added = base.adding(extra, overriding: false)
        let whole = RelationshipGraph(nodeCount: count, links: base.links + extra)
        #expect(added.links == whole.links, "seed \(seed)")
        for node in 0..<Int32(count) {
            #expect(Array(added.providers(of: node)) == Array(whole.providers(of: node)), "seed \(seed) node \(node)")
            #expect(Array(added.customers(of: node)) == Array(whole.customers(of: node)), "seed \(seed) node \(node)")
            #expect(Array(added.peers(of: node)) == Array(whole.peers(of: node)), "seed \(seed) node \(node)")
            for other in 0..<Int32(count) {
                #expect(added.role(of: node, toward: other) == whole.role(of: node, toward: other), "seed \(seed) \(node)-\(other)")
            }
        }
    }

    /// Small worlds like those of the brute-force test above, where the bounds often differ and the
    /// exact search (which reuses the solver's scratch arrays) runs.
    @Test("a policy cut solver answering many queries in turn answers each as a fresh one", arguments: 1...30)
    func policySolverReused(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 12
        let base = randomRelationships(&random, nodes: count, links: 26)
        let optional = randomRelationships(&random, nodes: count, links: 6).links.filter { base.role(of: $0.from, toward: $0.to) == nil }
        let core: [Int32] = [0, 1]
        let reused = PolicyCutSolver(graph: base, optionalLinks: optional, core: core)
        for query in 0..<12 {
            var origins = [Int32(2 + random.next() % 10)]
            if random.next() % 2 == 0 { origins.append(Int32(2 + random.next() % 10)) }
            let enabled = random.next() % 3 == 0 ? nil : optional.map { _ in random.next() % 2 == 0 }
            let failed = random.next() % 3 != 0 ? nil : (0..<count).map { $0 >= 2 && random.next() % 9 == 0 }
            let limit = query % 6 == 5 ? 1 : 64
            let fresh = PolicyCutSolver(graph: base, optionalLinks: optional, core: core)
                .minimumCut(to: origins, isRemovable: { $0 >= 2 }, enabled: enabled, failed: failed, limit: limit, searchBudget: 512)
            let again = reused.minimumCut(to: origins, isRemovable: { $0 >= 2 }, enabled: enabled, failed: failed, limit: limit,
                                          searchBudget: 512)
            #expect(again == fresh, "seed \(seed) query \(query)")
        }
    }
}
