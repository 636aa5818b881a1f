/// Policy cuts: the fewest ASes whose removal leaves a set of core ASes with no valley-free route
/// to a set of origins (so, under the usual export rules, with no route at all).
///
/// A valley-free path is a path in a layered graph with two copies of every AS: climbing (it may
/// still go up to a provider, across to a peer, or down) and descending (down only). Removing an AS
/// removes both copies, which a plain vertex cut does not model: the minimum cut of the layered
/// graph, counted in distinct ASes, is an upper bound; half its copies, and the number of paths
/// found that share no removable AS, are lower bounds. When the bounds differ, smaller cuts are
/// searched for exactly (branching on the ASes of a shortest remaining path),
/// within a budget; a result the budget cut short says so, with the bound it proved.
public final class PolicyCutSolver {
    /// The result of one query.
    public struct Cut: Hashable, Sendable {
        /// The number of ASes in the smallest cut found.
        public var size: Int
        /// Its members, as node ids, in increasing order.
        public var nodes: [Int32]
        /// What was proved: no cut has fewer than this many ASes (equal to `size` when exact).
        public var lowerBound: Int
        /// Whether no cut exists with the ASes allowed to be removed.
        public var isUnbounded: Bool
        /// Whether the flow search stopped at its limit (`size` is then a lower bound and `nodes`
        /// the members found so far).
        public var limitReached: Bool

        /// Whether `size` is the minimum.
        public var isExact: Bool { lowerBound == size && !limitReached && !isUnbounded }
    }

    /// The relationships every query uses.
    public let graph: RelationshipGraph
    /// Links a query may switch on (links inferred for one country, say), by index.
    public let optionalLinks: [RelationshipGraph.Link]
    private let layered: DirectedGraph
    private let solver: VertexCutSolver
    private let core: [Int32]
    /// The optional link each gate node stands for (gates are numbered from `2 × nodeCount + 1`).
    private let gateLinks: [Int32]
    // Scratch for the searches, reused by every query (a solver serves one thread at a time):
    // a layered node is a sink, or was reached, when its stamp is the current query's or search's.
    // Sized at the first query that needs them.
    private var sinkStamp: [UInt32] = []
    private var reachedStamp: [UInt32] = []
    private var parent: [Int32] = []
    private var queue: [Int32] = []
    private var query: UInt32 = 0
    private var pathSearch: UInt32 = 0
    /// The current query's sinks, and for the backward search of `shortestPath`, its stamps and
    /// each node's hops to the nearest sink.
    private var sinkList: [Int32] = []
    private var backStamp: [UInt32] = []
    private var toSink: [Int32] = []
    private var backSearch: UInt32 = 0

    /// A solver of the same cuts as `other`, sharing its graphs (read only) and with scratch space of
    /// its own: for another thread.
    public init(sharing other: PolicyCutSolver) {
        graph = other.graph
        optionalLinks = other.optionalLinks
        core = other.core
        gateLinks = other.gateLinks
        layered = other.layered
        solver = VertexCutSolver(sharing: other.solver)
    }

    /// A solver for cuts between `core` (the world side) and any origins, over `graph` and, where a
    /// query switches them on, `optionalLinks`.
    public init(graph: RelationshipGraph, optionalLinks: [RelationshipGraph.Link] = [], core: [Int32]) {
        self.graph = graph
        self.optionalLinks = optionalLinks
        self.core = core
        let count = Int32(graph.nodeCount)
        // Node x climbing is x, descending is count + x; the source is 2 × count. Edges point the
        // way traffic goes (from the core toward the origins); the reverse of a valley-free path is one.
        var edges: [(from: Int32, to: Int32)] = []
        // Optional links pass through gate nodes, one per layered edge, blocked unless switched on.
        var gates: [Int32] = []
        var nextGate = 2 * count + 1
        func add(_ from: Int32, _ to: Int32, gatedBy optional: Int?) {
            guard let optional else { return edges.append((from, to)) }
            gates.append(Int32(optional))
            edges.append((from, nextGate))
            edges.append((nextGate, to))
            nextGate += 1
        }
        func add(_ link: RelationshipGraph.Link, gatedBy optional: Int?) {
            switch link.relationship {
            case .providerToCustomer:
                add(link.to, link.from, gatedBy: optional)
                add(link.from, count + link.to, gatedBy: optional)
                add(count + link.from, count + link.to, gatedBy: optional)
            case .peer:
                add(link.from, count + link.to, gatedBy: optional)
                add(link.to, count + link.from, gatedBy: optional)
            }
        }
        for link in graph.links { add(link, gatedBy: nil) }
        for node in core { edges.append((2 * count, node)) }
        for (index, link) in optionalLinks.enumerated() { add(link, gatedBy: index) }
        gateLinks = gates
        // Each pair has one link, so no edge repeats: no need to deduplicate.
        let whole = DirectedGraph(nodeCount: Int(nextGate), edges: edges, deduplicating: false)
        // Only what the source reaches (every optional link on) can carry a route to an origin. The
        // rest is most of the climbing layer (an AS climbs only to its providers, so the climbing
        // copies below the core are out of reach), yet searches backwards from the origins would
        // cross it at every step: its edges are left out. Its nodes keep their numbers, and the
        // edges kept their order, so every search meets the nodes that matter in the same order.
        let reached = whole.reachable(from: 2 * count)
        layered = DirectedGraph(nodeCount: Int(nextGate), edges: edges.filter { reached[Int($0.from)] }, deduplicating: false)
        solver = VertexCutSolver(graph: layered)
    }

    /// The fewest ASes (allowed by `isRemovable`; core ASes among them only if it allows them) whose
    /// removal leaves the core with no valley-free route to `origins`.
    ///
    /// - Parameters:
    ///   - enabled: Which of `optionalLinks` hold for this query (none when nil).
    ///   - failed: ASes out of the graph for this query (a what-if's): nothing passes them.
    ///   - limit: The largest cut the flow search looks for.
    ///   - searchBudget: How many shortest-path searches the exact search may make.
    public func minimumCut(to origins: [Int32], isRemovable: (Int32) -> Bool, enabled: [Bool]? = nil, failed: [Bool]? = nil,
                           limit: Int = 64, searchBudget: Int = 64) -> Cut {
        let count = graph.nodeCount
        let source = Int32(2 * count)
        guard !origins.isEmpty else { return Cut(size: 0, nodes: [], lowerBound: 0, isUnbounded: false, limitReached: false) }
        let sinks = origins + origins.map { Int32(count) + $0 }
        let firstGate = source + 1
        let blocked = { (node: Int32) -> Bool in
            if node < source { return failed?[Int(node % Int32(count))] ?? false }
            return node >= firstGate && !(enabled?[Int(self.gateLinks[Int(node - firstGate)])] ?? false)
        }
        let flow = solver.minimumCut(from: source, to: sinks, isRemovable: { copy in
            copy < source && isRemovable(copy % Int32(count))
        }, limit: limit, isBlocked: gateLinks.isEmpty && failed == nil ? nil : blocked)
        if flow.isUnbounded && !flow.limitReached {
            return Cut(size: 0, nodes: [], lowerBound: 0, isUnbounded: true, limitReached: false)
        }
        let members = Array(Set(flow.nodes.filter { $0 < source }.map { $0 % Int32(count) })).sorted()
        if flow.limitReached {
            return Cut(size: max(flow.size, members.count), nodes: members, lowerBound: flow.size, isUnbounded: false, limitReached: true)
        }
        if sinkStamp.isEmpty {
            sinkStamp = [UInt32](repeating: 0, count: layered.nodeCount)
            reachedStamp = [UInt32](repeating: 0, count: layered.nodeCount)
            parent = [Int32](repeating: -1, count: layered.nodeCount)
            backStamp = [UInt32](repeating: 0, count: layered.nodeCount)
            toSink = [Int32](repeating: 0, count: layered.nodeCount)
        }
        query = Self.next(query, clearing: &sinkStamp)
        for sink in sinks { sinkStamp[Int(sink)] = query }
        sinkList = sinks
        let none = failed ?? [Bool](repeating: false, count: count)
        var removed = none
        // Lower bounds: each AS counts for at most two copies of the layered cut; and paths sharing
        // no removable AS each need a member of their own (found greedily, shortest first).
        var disjoint = 0
        while disjoint < members.count, let path = shortestPath(removed: removed, isBlocked: blocked) {
            disjoint += 1
            for node in path where isRemovable(node) { removed[Int(node)] = true }
        }
        removed = none
        var proved = max((flow.size + 1) / 2, disjoint)
        guard proved < members.count else {
            return Cut(size: members.count, nodes: members, lowerBound: members.count, isUnbounded: false, limitReached: false)
        }
        var budget = searchBudget
        // Iterative deepening: the first depth with a cut is the minimum, as every smaller one failed.
        while proved < members.count {
            switch search(depth: proved, removed: &removed, isBlocked: blocked, isRemovable: isRemovable, budget: &budget) {
            case .found(let cut):
                return Cut(size: cut.count, nodes: cut.sorted(), lowerBound: cut.count, isUnbounded: false, limitReached: false)
            case .none:
                proved += 1
            case .outOfBudget:
                return Cut(size: members.count, nodes: members, lowerBound: proved, isUnbounded: false, limitReached: false)
            }
        }
        return Cut(size: members.count, nodes: members, lowerBound: members.count, isUnbounded: false, limitReached: false)
    }

    private enum SearchOutcome {
        case found([Int32])
        case none
        case outOfBudget
    }

    /// A cut of at most `depth` more ASes, branching on the removable ASes of a shortest path left.
    private func search(depth: Int, removed: inout [Bool], isBlocked: (Int32) -> Bool, isRemovable: (Int32) -> Bool,
                        budget: inout Int) -> SearchOutcome {
        guard budget > 0 else { return .outOfBudget }
        budget -= 1
        guard let path = shortestPath(removed: removed, isBlocked: isBlocked) else { return .found([]) }
        guard depth > 0 else { return .none }
        var exhausted = true
        for node in path where isRemovable(node) && !removed[Int(node)] {
            removed[Int(node)] = true
            let outcome = search(depth: depth - 1, removed: &removed, isBlocked: isBlocked, isRemovable: isRemovable,
                                 budget: &budget)
            removed[Int(node)] = false
            switch outcome {
            case .found(let rest): return .found(rest + [node])
            case .outOfBudget: exhausted = false
            case .none: break
            }
            if !exhausted { return .outOfBudget }
        }
        return .none
    }

    /// The ASes of a shortest valley-free path from the core to a sink of the current query
    /// avoiding `removed`, or nil.
    ///
    /// The path is the one a breadth-first search from the source finds first, but that search
    /// would cross most of the graph before meeting a sink (the core reaches everything within a
    /// few hops). So distances to the sinks are measured first, backwards from them, which only
    /// spans the few hops around the country; the forward search then keeps to the nodes on some
    /// shortest path. A node's parent on the full search lies on a shortest path too, and nodes
    /// are met in the same relative order, so the path found is the same.
    private func shortestPath(removed: [Bool], isBlocked: (Int32) -> Bool) -> [Int32]? {
        let count = Int32(graph.nodeCount)
        let source = 2 * count
        pathSearch = Self.next(pathSearch, clearing: &reachedStamp)
        backSearch = Self.next(backSearch, clearing: &backStamp)
        // Local for the search (moved out and back, not copied): a class's arrays are checked for
        // exclusive access at every use.
        let stamp = pathSearch, back = backSearch, sinkStamp = sinkStamp, query = query
        var reached = reachedStamp, parent = parent, queue = queue, backReached = backStamp, toSink = toSink
        reachedStamp = []
        self.parent = []
        self.queue = []
        backStamp = []
        self.toSink = []
        defer {
            reachedStamp = reached
            self.parent = parent
            self.queue = queue
            backStamp = backReached
            self.toSink = toSink
        }
        func isOpen(_ node: Int32) -> Bool { node > source ? !isBlocked(node) : !removed[Int(node % count)] }

        // Hops to the nearest sink, backwards from the sinks until the source is met.
        queue.removeAll(keepingCapacity: true)
        for sink in sinkList where isOpen(sink) && backReached[Int(sink)] != back {
            backReached[Int(sink)] = back
            toSink[Int(sink)] = 0
            queue.append(sink)
        }
        var head = 0
        var sourceMet = false
        search: while head < queue.count {
            let node = queue[head]
            head += 1
            let hops = toSink[Int(node)] + 1
            for previous in layered.predecessors(of: node) where backReached[Int(previous)] != back {
                if previous == source {
                    backReached[Int(source)] = back
                    toSink[Int(source)] = hops
                    sourceMet = true
                    break search
                }
                guard isOpen(previous) else { continue }
                backReached[Int(previous)] = back
                toSink[Int(previous)] = hops
                queue.append(previous)
            }
        }
        guard sourceMet else { return nil }

        // Forward from the source, one hop nearer a sink at each step.
        reached[Int(source)] = stamp
        parent[Int(source)] = -1
        queue.removeAll(keepingCapacity: true)
        queue.append(source)
        head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            let nearer = toSink[Int(node)] - 1
            for next in layered.successors(of: node) where reached[Int(next)] != stamp {
                guard backReached[Int(next)] == back && toSink[Int(next)] == nearer else { continue }
                reached[Int(next)] = stamp
                parent[Int(next)] = node
                if sinkStamp[Int(next)] == query {
                    var path: [Int32] = []
                    var at = next
                    while at != source {
                        if at < source { path.append(at % count) }
                        at = parent[Int(at)]
                    }
                    return path
                }
                queue.append(next)
            }
        }
        return nil
    }

    /// The stamp after `stamp`; when the numbers run out, every stamp in `stamps` is cleared first.
    private static func next(_ stamp: UInt32, clearing stamps: inout [UInt32]) -> UInt32 {
        guard stamp == UInt32.max else { return stamp + 1 }
        for index in stamps.indices { stamps[index] = 0 }
        return 1
    }
}
