import ASTopology
import ReferenceData

/// A what-if scenario made concrete on an analyzer's topology: the nodes removed, the links cut
/// and added as node ids, and the relationship graph after the change. Countries are then read
/// one by one, each from its own graph (the shared one plus what was observed toward it).
struct WhatIfWorld: Sendable {
    let analyzer: CountryAnalyzer
    /// Policy, unless the topology has no relationships to simulate routing on.
    let routing: WhatIfScenario.Routing
    private let removed: [Bool]
    private let removedSet: Set<Int32>
    private let removedPairs: Set<UInt64>
    private let added: [RelationshipGraph.Link]
    /// The shared relationship graph after the change (policy only).
    private let policyAfter: RelationshipGraph?

    init(analyzer: CountryAnalyzer, scenario: WhatIfScenario) {
        self.analyzer = analyzer
        let topology = analyzer.topology
        routing = analyzer.policy == nil ? .topological : scenario.routing
        var removed = [Bool](repeating: false, count: topology.nodeCount + 1)
        var removedSet = Set<Int32>()
        for asn in scenario.removedASes {
            guard let node = topology.nodeIndex[asn] else { continue }
            removed[Int(node)] = true
            removedSet.insert(node)
        }
        self.removed = removed
        self.removedSet = removedSet
        func node(_ asn: UInt32) -> Int32? { topology.nodeIndex[asn] }
        removedPairs = Set(scenario.removedLinks.compactMap { link in
            guard let a = node(link.from), let b = node(link.to) else { return nil }
            return PolicyContext.pairKey(a, b)
        })
        added = scenario.addedLinks.compactMap { link in
            guard let a = node(link.from), let b = node(link.to) else { return nil }
            return RelationshipGraph.Link(from: a, to: b, relationship: link.isPeering ? .peer : .providerToCustomer)
        }
        if let policy = analyzer.policy, routing == .policy, !removedPairs.isEmpty || !added.isEmpty {
            let pairs = removedPairs
            let kept = policy.graph.links.filter { !pairs.contains(PolicyContext.pairKey($0.from, $0.to)) }
            policyAfter = RelationshipGraph(nodeCount: topology.nodeCount, links: added + kept)
        } else {
            policyAfter = analyzer.policy?.graph
        }
    }

    private func isKept(_ a: Int32, _ b: Int32) -> Bool { !removedPairs.contains(PolicyContext.pairKey(a, b)) }

    /// The edges observed toward a country's networks, by the vantage points that count.
    private func observedEdges(_ networks: CountryNetworks) -> [(from: Int32, to: Int32)] {
        analyzer.topology.observedEdges(toward: networks.prefixes, included: analyzer.selection.included(for: .ipv4))
    }

    /// Which nodes the world reaches, before and after the change.
    private func reach(_ networks: CountryNetworks) -> (before: [Bool], after: [Bool]) {
        let observed = observedEdges(networks)
        if routing == .policy, let policy = analyzer.policy, let policyAfter {
            let overlay = policy.inferredLinks(among: observed).map { policy.inferred.links[$0] }
            let before = policy.graph.adding(overlay, overriding: false)
            // A link the scenario cuts or redefines is gone from the country's inferred links too.
            let after = policyAfter.adding(overlay.filter { isKept($0.from, $0.to) }, overriding: false)
            return (before.valleyFreeReach(from: policy.sources),
                    after.valleyFreeReach(from: policy.sources, removed: removed))
        }
        let topology = analyzer.topology
        let before = DirectedGraph(base: analyzer.baseGraph, adding: observed)
        guard !removedPairs.isEmpty || !added.isEmpty else {
            return (before.reachable(from: topology.superSource), before.reachable(from: topology.superSource, removing: removedSet))
        }
        var edges: [(from: Int32, to: Int32)] = []
        for node in 0..<Int32(before.nodeCount) {
            for next in before.successors(of: node) where node == topology.superSource || next == topology.superSource || isKept(node, next) {
                edges.append((node, next))
            }
        }
        for link in added {
            edges.append((link.from, link.to))
            if link.relationship == .peer { edges.append((link.to, link.from)) }
        }
        let after = DirectedGraph(nodeCount: before.nodeCount, edges: edges)
        return (before.reachable(from: topology.superSource), after.reachable(from: topology.superSource, removing: removedSet))
    }

    /// What the change does to `country`; nil when it neither cuts nor restores anything.
    func impact(on country: CountryCode) -> WhatIfResult.CountryImpact? {
        let networks = analyzer.networks(of: country)
        guard !networks.prefixes.isEmpty else { return nil }
        let (before, after) = reach(networks)
        var cut = 0, own = 0, unreachable = 0, restored = 0
        var weight = 0.0
        var originsCut = Set<UInt32>()
        for (slot, origins) in networks.origins.enumerated() {
            let reachedBefore = origins.contains { before[Int($0)] }
            let reachedAfter = origins.contains { after[Int($0)] }
            guard reachedBefore else {
                unreachable += 1
                if reachedAfter { restored += 1 }
                continue
            }
            for origin in origins where before[Int(origin)] && !after[Int(origin)] {
                originsCut.insert(analyzer.topology.asns[Int(origin)])
            }
            guard !reachedAfter else { continue }
            cut += 1
            weight += networks.weights[slot]
            if origins.allSatisfy({ removed[Int($0)] }) { own += 1 }
        }
        guard cut > 0 || restored > 0 else { return nil }
        return WhatIfResult.CountryImpact(
            country: country.description, networksCut: cut, shareCut: networks.totalWeight > 0 ? weight / networks.totalWeight : 0,
            originsCut: originsCut.sorted(), networks: networks.prefixes.count, ownNetworksCut: own,
            unreachableBefore: unreachable, networksRestored: restored, unknownOriginNetworks: networks.unknownOrigin)
    }

    /// Countries a changed link touches, under policy before and after the change (links only:
    /// a failed AS's effect is what `impact(on:)` counts).
    func policyChanges() -> [WhatIfResult.PolicyChange] {
        guard routing == .policy, let policy = analyzer.policy, let policyAfter, !removedPairs.isEmpty || !added.isEmpty else { return [] }
        var ends = Set<Int32>()
        for link in added { ends.formUnion([link.from, link.to]) }
        for key in removedPairs {
            ends.formUnion([Int32(bitPattern: UInt32(key >> 32)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF))])
        }
        let changed = removedPairs.union(added.map { PolicyContext.pairKey($0.from, $0.to) })
        let variant = PolicyVariant(graph: policyAfter, changedPairs: changed, failed: removedSet.isEmpty ? nil : removed,
                                    solver: PolicyCutSolver(graph: policyAfter, optionalLinks: policy.inferred.links, core: policy.sources))
        var changes: [WhatIfResult.PolicyChange] = []
        for country in analyzer.countries {
            let networks = analyzer.networks(of: country)
            let touched = ends.contains { analyzer.nodeCountries[Int($0)] == country }
                || networks.origins.contains { $0.contains(where: ends.contains) }
            guard touched else { continue }
            let edges = observedEdges(networks)
            let observed = analyzer.profile(of: country).upstreams.map(\.asn)
            guard let before = analyzer.policyProfile(of: country, networks: networks, edges: edges, observedUpstreams: observed),
                  let after = analyzer.policyProfile(of: country, networks: networks, edges: edges, observedUpstreams: observed,
                                                     variant: variant) else { continue }
            changes.append(WhatIfResult.PolicyChange(country: country.description, before: before, after: after))
        }
        return changes
    }

    /// The nodes whose failure could cut anything off `country`: under policy those on its best
    /// routes from the core, topologically those with a path to its origins.
    func candidates(for country: CountryCode) -> [Int32] {
        let networks = analyzer.networks(of: country)
        let origins = networks.distinctOrigins
        guard !origins.isEmpty else { return [] }
        let observed = observedEdges(networks)
        let count = analyzer.topology.nodeCount
        var seen = [Bool](repeating: false, count: count + 2)
        if routing == .policy, let policy = analyzer.policy {
            let graph = policy.graph(with: policy.inferredLinks(among: observed))
            let routes = RoutePropagation(graph: graph, origins: origins)
            let best = routes.bestRouteGraph(from: policy.sources.filter { routes.hasRoute($0) })
            seen = best.reachable(from: Int32(count))
        } else {
            let graph = DirectedGraph(base: analyzer.baseGraph, adding: observed)
            var stack = origins
            for origin in origins { seen[Int(origin)] = true }
            while let node = stack.popLast() {
                for previous in graph.predecessors(of: node) where !seen[Int(previous)] {
                    seen[Int(previous)] = true
                    stack.append(previous)
                }
            }
        }
        return (0..<Int32(count)).filter { seen[Int($0)] }
    }
}
