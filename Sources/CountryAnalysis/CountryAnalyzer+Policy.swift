import ASTopology
import Dispatch
import ReferenceData
import Synchronization

/// What routing policy needs, shared by every country: CAIDA's relationship graph, the links
/// observed paths cross and CAIDA lacks (with a relationship inferred from all paths), and policy
/// cut solvers for the threads.
///
/// A country's graph is CAIDA's plus the inferred links on the observed paths toward its own
/// networks: a link seen only on the way to some other network may carry only that network's
/// routes (selective announcement), and says nothing about how this country is reached. The same
/// rule builds the observed-path graph.
public struct PolicyContext: Sendable {
    /// CAIDA's relationships.
    public let graph: RelationshipGraph
    /// Links CAIDA lacks, inferred from observed paths, and how many of each kind.
    public let inferred: Topology.InferredLinks
    /// Observed distinct paths under CAIDA's relationships alone: valley-free, with a valley, or
    /// crossing a link CAIDA does not know.
    public let census: Topology.ValleyFreeCensus
    /// Each inferred link's index in `inferred.links`, by pair.
    private let inferredByPair: [UInt64: Int]
    let solvers: PolicyCutSolverPool
    /// Where routes are wanted: the core (the clique and the large customer cones), or without
    /// one, the first AS of every observed path (the world as the vantage points see it).
    public let sources: [Int32]
    /// Whether each node is one of `sources`.
    let isSource: [Bool]

    /// The context for `topology`, with `core` as the world side of policy cuts; nil when the
    /// topology has no relationships to simulate routing on.
    init?(topology: Topology, core: [Int32]) {
        guard !topology.relationships.isEmpty else { return nil }
        graph = RelationshipGraph(nodeCount: topology.nodeCount, links: topology.relationshipLinks())
        let summary = topology.policySummary(under: graph)
        inferred = summary.inferred
        var byPair: [UInt64: Int] = [:]
        for (index, link) in inferred.links.enumerated() { byPair[Self.pairKey(link.from, link.to)] = index }
        inferredByPair = byPair
        census = summary.census
        sources = core.isEmpty ? topology.entryNodes.sorted() : core
        var isSource = [Bool](repeating: false, count: topology.nodeCount)
        for node in sources { isSource[Int(node)] = true }
        self.isSource = isSource
        solvers = PolicyCutSolverPool(graph: graph, optionalLinks: inferred.links, core: sources)
    }

    static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: min(a, b))) << 32 | UInt64(UInt32(bitPattern: max(a, b)))
    }

    /// The inferred links among `edges` (a country's observed path edges), as indices into `inferred.links`.
    func inferredLinks(among edges: [(from: Int32, to: Int32)]) -> [Int] {
        Array(Set(edges.compactMap { inferredByPair[Self.pairKey($0.from, $0.to)] })).sorted()
    }

    /// A country's graph: CAIDA's links and the inferred links `overlay` (indices into `inferred.links`).
    func graph(with overlay: [Int]) -> RelationshipGraph {
        overlay.isEmpty ? graph : graph.adding(overlay.map { inferred.links[$0] }, overriding: false)
    }

    /// Which inferred links `overlay` switches on, for a policy cut query.
    func enabled(_ overlay: [Int]) -> [Bool]? {
        guard !overlay.isEmpty else { return nil }
        var enabled = [Bool](repeating: false, count: inferred.links.count)
        for index in overlay { enabled[index] = true }
        return enabled
    }
}

/// Policy cut solvers lent to one thread at a time (a solver holds scratch space).
final class PolicyCutSolverPool: Sendable {
    /// A solver in the pool. `@unchecked Sendable`: only the thread that took it from the pool uses it.
    final class Lease: @unchecked Sendable {
        let solver: PolicyCutSolver
        init(_ solver: PolicyCutSolver) { self.solver = solver }
    }

    private let graph: RelationshipGraph
    private let optionalLinks: [RelationshipGraph.Link]
    private let core: [Int32]
    /// Idle solvers, and the first one made: later ones share its graphs.
    private let idle = Mutex<(solvers: [Lease], first: Lease?)>(([], nil))

    init(graph: RelationshipGraph, optionalLinks: [RelationshipGraph.Link], core: [Int32]) {
        self.graph = graph
        self.optionalLinks = optionalLinks
        self.core = core
    }

    /// Runs `body` with a solver no other thread is using.
    func withSolver<Result>(_ body: (PolicyCutSolver) -> Result) -> Result {
        let lease = idle.withLock { state -> Lease in
            if let lease = state.solvers.popLast() { return lease }
            // Made under the lock: one thread builds the graphs while the others wait to share them.
            let lease = Lease(state.first.map { PolicyCutSolver(sharing: $0.solver) }
                              ?? PolicyCutSolver(graph: graph, optionalLinks: optionalLinks, core: core))
            if state.first == nil { state.first = lease }
            return lease
        }
        defer { idle.withLock { $0.solvers.append(lease) } }
        return body(lease.solver)
    }
}

extension CountryAnalyzer {
    /// The policy profiles of `countries` alone (no path metrics, so no agreement), on every core.
    public func policyProfiles(of countries: [CountryCode]) -> [PolicyProfile?] {
        let slots = ResultSlots<PolicyProfile?>(count: countries.count)
        DispatchQueue.concurrentPerform(iterations: countries.count) { index in
            let networks = networks(of: countries[index])
            let edges = topology.observedEdges(toward: networks.prefixes, included: selection.included(for: .ipv4))
            slots.store(policyProfile(of: countries[index], networks: networks, edges: edges, observedUpstreams: []), at: index)
        }
        return slots.values
    }

    /// The country under policy: its origins' routes propagated over the relationship graph.
    ///
    /// - Parameters:
    ///   - edges: The edges of the observed paths toward the country's networks (their inferred links join its graph).
    ///   - observedUpstreams: The upstreams the observed paths show, for the agreement.
    ///   - variant: A what-if's changes, when the profile is wanted after them.
    func policyProfile(of country: CountryCode, networks: CountryNetworks, edges: [(from: Int32, to: Int32)], observedUpstreams: [UInt32],
                       variant: PolicyVariant? = nil) -> PolicyProfile? {
        guard let policy else { return nil }
        let origins = networks.distinctOrigins
        guard !origins.isEmpty else { return nil }
        // A link the what-if cuts or redefines leaves the country's inferred links too.
        let overlay = policy.inferredLinks(among: edges).filter { index in
            let link = policy.inferred.links[index]
            return !(variant?.changedPairs.contains(PolicyContext.pairKey(link.from, link.to)) ?? false)
        }
        let graph = variant.map { $0.graph.adding(overlay.map { policy.inferred.links[$0] }, overriding: false) } ?? policy.graph(with: overlay)
        let routes = RoutePropagation(graph: graph, origins: origins, removed: variant?.failed)
        let count = topology.nodeCount
        var isOrigin = [Bool](repeating: false, count: count)
        for origin in origins { isOrigin[Int(origin)] = true }
        func isDomestic(_ node: Int32) -> Bool { nodeCountries[Int(node)] == country }

        // The best routes from the core's ASes that have one.
        let coreWithRoute = policy.sources.filter { routes.hasRoute($0) }
        let best = routes.bestRouteGraph(from: coreWithRoute)
        let source = Int32(count)
        let tree = DominatorTree(graph: best, source: source)
        // As for observed paths: an AS dominates a network when it dominates each of its origins
        // (or is one); its share is the address space of the networks it dominates.
        var dominated: [Int32: Double] = [:]
        for slot in networks.prefixes.indices {
            var common: Set<Int32>?
            for origin in networks.origins[slot] {
                guard tree.isReachable(origin) else { common = []; break }
                let ancestors = Set(tree.dominators(of: origin)).union([origin])
                common = common.map { $0.intersection(ancestors) } ?? ancestors
            }
            for node in common ?? [] where node != source { dominated[node, default: 0] += networks.weights[slot] }
        }
        let total = networks.totalWeight

        var upstreams = Set<UInt32>()
        for node in 0..<Int32(count) where tree.isReachable(node) && !isDomestic(node) && !isOrigin[Int(node)] {
            if routes.nextHops(of: node).contains(where: { isDomestic($0) || isOrigin[Int($0)] }) {
                upstreams.insert(topology.asns[Int(node)])
            }
        }
        let enabled = policy.enabled(overlay)
        func cuts(_ solver: PolicyCutSolver) -> (cut: PolicyCutSolver.Cut, reachesCore: Bool) {
            let failed = variant?.failed
            let first = solver.minimumCut(to: origins, isRemovable: { !isOrigin[Int($0)] && !policy.isSource[Int($0)] }, enabled: enabled,
                                          failed: failed, limit: options.cutLimit)
            guard first.isUnbounded else { return (first, false) }
            return (solver.minimumCut(to: origins, isRemovable: { !isOrigin[Int($0)] }, enabled: enabled, failed: failed,
                                      limit: options.cutLimit), true)
        }
        let cut = variant.map { cuts($0.solver) } ?? policy.solvers.withSolver(cuts)
        let observed = Set(observedUpstreams)
        let either = observed.union(upstreams)
        return PolicyProfile(
            upstreams: upstreams.sorted(),
            dominators: dominated.compactMap { node, weight -> PolicyProfile.Dominator? in
                let share = total > 0 ? weight / total : 0
                guard share >= options.pointOfFailureThreshold - 1e-12 else { return nil }
                let asn = topology.asns[Int(node)]
                return PolicyProfile.Dominator(asn: asn, name: names[asn], dominatedShare: share, domestic: isDomestic(node))
            }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn },
            kappa: cut.cut.isUnbounded ? 0 : cut.cut.size, kappaASes: cut.cut.nodes.map { topology.asns[Int($0)] }.sorted(),
            kappaLowerBound: cut.cut.isUnbounded ? 0 : cut.cut.lowerBound, kappaReachesCore: cut.reachesCore,
            kappaLimitReached: cut.cut.limitReached, kappaUnbounded: cut.cut.isUnbounded,
            coreWithRoute: coreWithRoute.count, coreSize: policy.sources.count,
            reachingASes: routes.kinds.lazy.filter { $0 != .none }.count,
            agreement: observed.isEmpty ? nil : Double(observed.intersection(upstreams).count) / Double(either.count))
    }
}

/// The relationship graph after a what-if, for policy profiles after it.
struct PolicyVariant {
    /// The shared graph after the change.
    let graph: RelationshipGraph
    /// Pairs whose link the change cut or redefined.
    let changedPairs: Set<UInt64>
    /// ASes that failed.
    let failed: [Bool]?
    /// A cut solver over `graph`.
    let solver: PolicyCutSolver
}
