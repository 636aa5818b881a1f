/// Minimum vertex cuts on a `DirectedGraph`, by maximum flow (Dinic) on split vertices: each node
/// becomes an inner edge of capacity 1 when it may be removed, unbounded otherwise.
///
/// Each query first finds the world side: everything the source reaches through unremovable nodes
/// alone. That region cannot be cut, so it acts as the source; levels are measured from the sink
/// backwards and each search stops as soon as it reaches that region. The cuts wanted lie near the
/// sinks (a country's upstreams), so most of a large graph is never touched. The flow network is
/// built once, with each node's arcs side by side, for any number of queries; a query sets a node's
/// capacities only when a search first meets it and restores only the arcs it changed, so its cost
/// follows the region it searches, not the size of the graph.
public final class VertexCutSolver {
    private let nodeCount: Int
    private let sink: Int
    private let totalNodes: Int
    private let arcCount: Int
    // Fixed storage, so the hot loops index raw buffers rather than checked arrays. Node `v`'s arcs
    // are `arcStart[v]..<arcStart[v + 1]`; `partner[a]` is the reverse of arc `a`.
    /// Owns the arrays that describe the network (`arcStart` to `sinkArc`), shared by solvers made
    /// with `init(sharing:)`; each solver has its own capacities and search state.
    private let network: Network
    private let arcStart: UnsafeMutableBufferPointer<Int32>
    private let target: UnsafeMutableBufferPointer<Int32>
    private let partner: UnsafeMutableBufferPointer<Int32>
    private let capacity: UnsafeMutableBufferPointer<Int32>
    /// Capacities before a query: unbounded on graph edges, zero on reverse arcs, inner and sink arcs set per query.
    private let initialCapacity: UnsafeMutableBufferPointer<Int32>
    /// Node `v`'s inner arc (in-half 2v to out-half 2v + 1) and its arc to the sink.
    private let innerArc: UnsafeMutableBufferPointer<Int32>
    private let sinkArc: UnsafeMutableBufferPointer<Int32>
    private let level: UnsafeMutableBufferPointer<Int32>
    private let iterator: UnsafeMutableBufferPointer<Int32>
    private let queue: UnsafeMutableBufferPointer<Int32>
    /// Whether a flow node is on the world side of the current query.
    private let worldSide: UnsafeMutableBufferPointer<Bool>
    /// The query that last set each node's inner and sink arcs (`State.query` numbers them).
    private let preparedIn: UnsafeMutableBufferPointer<UInt32>
    /// The query in which each node is a sink.
    private let sinkIn: UnsafeMutableBufferPointer<UInt32>
    /// The query in which `hasUnremovableWay` met each node.
    private let backSeen: UnsafeMutableBufferPointer<UInt32>
    /// The query in which flow was first pushed along an edge out of each node. Until then no
    /// reverse arc of its edges has capacity, so a backward search skips them: a large provider's
    /// out-half has thousands of edges, and scanning them was most of `buildLevels`.
    private let flowOutIn: UnsafeMutableBufferPointer<UInt32>
    /// The query in which each node was found blocked (when it was prepared).
    private let blockedIn: UnsafeMutableBufferPointer<UInt32>
    /// What a query keeps besides the flow network, moved out of the solver while the query runs
    /// (a class's arrays are checked for exclusive access at every use; a local's are not).
    private var scratch = State()

    private struct State {
        var query: UInt32 = 0
        var source = -1
        /// The query's sinks, in node order (the sink's arcs are only theirs).
        var sinks: [Int32] = []
        /// Nodes whose inner and sink arcs the query set, and arcs its flow changed: what the next
        /// query restores.
        var preparedNodes: [Int32] = []
        var changedArcs: [Int32] = []
        var worldSideNodes: [Int32] = []
        var touched: [Int32] = []
        /// World-side nodes at the level where the last search met the world side: where augmenting paths start.
        var exits: [Int32] = []
        /// The removable node nearest the sink on each augmenting path: one member per disjoint way found.
        var pathMembers: [Int32] = []
    }

    static let unbounded: Int32 = 1 << 28
    /// Above this, a capacity is an unbounded one less the finite flow through it (at most the number of nodes).
    static let boundless: Int32 = 1 << 27

    /// The result of one query.
    public struct Cut: Hashable, Sendable {
        /// The number of nodes in the cut (at most the query's limit).
        public var size: Int
        /// The nodes of one minimum cut; when the limit was reached, the saturated nodes at the edge of
        /// what the search found (at most the limit); empty when no cut exists at all.
        public var nodes: [Int32]
        /// Whether no cut exists (the sinks stay reachable whatever is removed) or the flow reached the limit.
        public var isUnbounded: Bool
        /// Whether the search stopped at the limit (the cut is at least `size`) rather than finding none.
        public var limitReached: Bool

        /// Creates a result.
        public init(size: Int, nodes: [Int32], isUnbounded: Bool, limitReached: Bool = false) {
            self.size = size
            self.nodes = nodes
            self.isUnbounded = isUnbounded
            self.limitReached = limitReached
        }
    }

    /// The arrays of a flow network, freed with the last solver using them.
    private final class Network {
        let nodeCount: Int
        let sink: Int
        let totalNodes: Int
        let arcCount: Int
        let arcStart: UnsafeMutableBufferPointer<Int32>
        let target: UnsafeMutableBufferPointer<Int32>
        let partner: UnsafeMutableBufferPointer<Int32>
        let initialCapacity: UnsafeMutableBufferPointer<Int32>
        let innerArc: UnsafeMutableBufferPointer<Int32>
        let sinkArc: UnsafeMutableBufferPointer<Int32>

        /// The network of the graph whose node `v` has the successors
        /// `successors[successorStart[v]..<successorStart[v + 1]]` and `inDegree[v]` edges into it.
        init(nodeCount: Int, successorStart: [Int32], successors: [Int32], inDegree: [Int32]) {
            self.nodeCount = nodeCount
            sink = 2 * nodeCount
            totalNodes = 2 * nodeCount + 1
            // In-half 2v: its inner arc, then the reverses of the edges into v. Out-half 2v + 1: the
            // inner arc's reverse, its arc to the sink, then the edges out of v. The sink: the reverses
            // of every arc into it. The order decides which of several equal ways a search takes first.
            arcCount = 2 * (successors.count + 2 * nodeCount)
            arcStart = .allocate(capacity: totalNodes + 1)
            var offset: Int32 = 0
            for node in 0..<nodeCount {
                arcStart[2 * node] = offset
                offset += 1 + inDegree[node]
                arcStart[2 * node + 1] = offset
                offset += 2 + successorStart[node + 1] - successorStart[node]
            }
            arcStart[sink] = offset
            arcStart[totalNodes] = offset + Int32(nodeCount)
            target = .allocate(capacity: arcCount)
            partner = .allocate(capacity: arcCount)
            initialCapacity = .allocate(capacity: arcCount)
            initialCapacity.initialize(repeating: 0)
            innerArc = .allocate(capacity: max(nodeCount, 1))
            sinkArc = .allocate(capacity: max(nodeCount, 1))
            // The next free reverse slot of each in-half.
            var reverseFill = [Int32](repeating: 0, count: nodeCount)
            for node in 0..<nodeCount {
                let inner = Int(arcStart[2 * node]), outStart = Int(arcStart[2 * node + 1])
                let toSink = outStart + 1, fromSink = Int(arcStart[sink]) + node
                target[inner] = Int32(2 * node + 1); partner[inner] = Int32(outStart)
                target[outStart] = Int32(2 * node); partner[outStart] = Int32(inner)
                target[toSink] = Int32(sink); partner[toSink] = Int32(fromSink)
                target[fromSink] = Int32(2 * node + 1); partner[fromSink] = Int32(toSink)
                innerArc[node] = Int32(inner)
                sinkArc[node] = Int32(toSink)
                reverseFill[node] = Int32(inner + 1)
            }
            for node in 0..<nodeCount {
                var arc = Int(arcStart[2 * node + 1]) + 2
                for slot in Int(successorStart[node])..<Int(successorStart[node + 1]) {
                    let successor = successors[slot]
                    let reverse = Int(reverseFill[Int(successor)])
                    reverseFill[Int(successor)] += 1
                    target[arc] = 2 * successor; partner[arc] = Int32(reverse)
                    target[reverse] = Int32(2 * node + 1); partner[reverse] = Int32(arc)
                    initialCapacity[arc] = VertexCutSolver.unbounded
                    arc += 1
                }
            }
        }

        deinit {
            arcStart.deallocate()
            target.deallocate()
            partner.deallocate()
            initialCapacity.deallocate()
            innerArc.deallocate()
            sinkArc.deallocate()
        }
    }

    /// Prepares the flow network of `graph`.
    public convenience init(graph: DirectedGraph) {
        let inDegree = (0..<graph.nodeCount).map { graph.predecessorStart[$0 + 1] - graph.predecessorStart[$0] }
        self.init(network: Network(nodeCount: graph.nodeCount, successorStart: graph.successorStart, successors: graph.successors,
                                   inDegree: inDegree))
    }

    /// Prepares the flow network of `subgraph`, numbered as its nodes are: the same network as
    /// `init(graph: subgraph.graph)` builds, without that graph's predecessor lists.
    public convenience init(subgraph: AncestorSubgraph) {
        self.init(network: Network(nodeCount: subgraph.nodeCount, successorStart: subgraph.successorStart,
                                   successors: subgraph.successors, inDegree: subgraph.inDegree))
    }

    /// A solver over the same network as `other` (which it shares, read only), with state of its
    /// own: for another thread, at the cost of the state alone.
    public convenience init(sharing other: VertexCutSolver) {
        self.init(network: other.network)
    }

    private init(network: Network) {
        self.network = network
        nodeCount = network.nodeCount
        sink = network.sink
        totalNodes = network.totalNodes
        arcCount = network.arcCount
        arcStart = network.arcStart
        target = network.target
        partner = network.partner
        initialCapacity = network.initialCapacity
        innerArc = network.innerArc
        sinkArc = network.sinkArc
        capacity = .allocate(capacity: arcCount)
        _ = capacity.initialize(fromContentsOf: initialCapacity)
        level = .allocate(capacity: totalNodes)
        level.initialize(repeating: -1)
        iterator = .allocate(capacity: totalNodes)
        queue = .allocate(capacity: totalNodes)
        worldSide = .allocate(capacity: totalNodes)
        worldSide.initialize(repeating: false)
        preparedIn = .allocate(capacity: max(nodeCount, 1))
        preparedIn.initialize(repeating: 0)
        sinkIn = .allocate(capacity: max(nodeCount, 1))
        sinkIn.initialize(repeating: 0)
        backSeen = .allocate(capacity: max(nodeCount, 1))
        backSeen.initialize(repeating: 0)
        flowOutIn = .allocate(capacity: max(nodeCount, 1))
        flowOutIn.initialize(repeating: 0)
        blockedIn = .allocate(capacity: max(nodeCount, 1))
        blockedIn.initialize(repeating: 0)
    }

    deinit {
        capacity.deallocate()
        level.deallocate()
        iterator.deallocate()
        queue.deallocate()
        worldSide.deallocate()
        preparedIn.deallocate()
        sinkIn.deallocate()
        backSeen.deallocate()
        flowOutIn.deallocate()
        blockedIn.deallocate()
    }

    /// The fewest removable nodes whose removal leaves every sink unreachable from `source`.
    ///
    /// - Parameters:
    ///   - source: Where flow starts; never removable.
    ///   - sinks: The nodes to separate from the source; they may themselves be removed if removable.
    ///   - isRemovable: Which nodes may be cut.
    ///   - limit: Stop once the cut is known to be at least this large; the result then lists the
    ///     saturated nodes found so far and says the limit was reached.
    ///   - isBlocked: Nodes left out of the graph for this query (nothing passes them; never in a cut).
    public func minimumCut(from source: Int32, to sinks: [Int32], isRemovable: (Int32) -> Bool, limit: Int = 64,
                           isBlocked: ((Int32) -> Bool)? = nil) -> Cut {
        var state = scratch
        scratch = State()
        defer { scratch = state }
        begin(source: source, sinks: sinks, &state)
        // A way in through unremovable nodes alone means no cut exists. Looked for backwards from
        // the sinks first: the world side (forwards from the source) may be most of the graph.
        if hasUnremovableWay(&state, isRemovable, isBlocked)
            || markWorldSide(from: 2 * Int(source) + 1, &state, isRemovable, isBlocked) {
            return Cut(size: limit, nodes: [], isUnbounded: true)
        }
        var flow = 0
        while flow < limit && buildLevels(stopping: true, &state, isRemovable, isBlocked) {
            for node in state.touched { iterator[Int(node)] = arcStart[Int(node)] }
            for exit in state.exits {
                while flow < limit {
                    let pushed = augment(from: Int(exit), &state)
                    if pushed == 0 { break }
                    // Earlier unit flows may have lowered an unbounded edge a little: a path is unbounded
                    // when its bottleneck is beyond anything removable nodes could carry.
                    if pushed > Self.boundless { return Cut(size: limit, nodes: [], isUnbounded: true) }
                    flow += Int(pushed)
                }
            }
        }
        if flow >= limit {
            // Not a cut (more ways in remain): the members of the ways found so far, one each.
            return Cut(size: limit, nodes: Array(Set(state.pathMembers)).sorted(), isUnbounded: true, limitReached: true)
        }
        // The sink side: everything that can still reach the sink. A node whose out-half is on it
        // and whose in-half is not is in the cut.
        _ = buildLevels(stopping: false, &state, isRemovable, isBlocked)
        var nodes: [Int32] = []
        for node in state.touched where node < Int32(2 * nodeCount) && node & 1 == 1 && level[Int(node) - 1] < 0 {
            // A blocked node's halves are apart whatever the flow: it is not a member.
            if capacity[Int(innerArc[Int(node >> 1)])] == 0 && capacity[Int(partner[Int(innerArc[Int(node >> 1)])])] == 0 { continue }
            nodes.append(node >> 1)
        }
        return Cut(size: flow, nodes: nodes.sorted(), isUnbounded: false)
    }

    /// Restores what the last query changed and starts a new one.
    private func begin(source: Int32, sinks: [Int32], _ state: inout State) {
        for arc in state.changedArcs { capacity[Int(arc)] = initialCapacity[Int(arc)] }
        state.changedArcs.removeAll(keepingCapacity: true)
        func restore(_ arc: Int32) {
            capacity[Int(arc)] = initialCapacity[Int(arc)]
            capacity[Int(partner[Int(arc)])] = initialCapacity[Int(partner[Int(arc)])]
        }
        for node in state.preparedNodes {
            restore(innerArc[Int(node)])
            restore(sinkArc[Int(node)])
        }
        state.preparedNodes.removeAll(keepingCapacity: true)
        state.pathMembers.removeAll(keepingCapacity: true)
        if state.query == UInt32.max {
            // After four billion queries the numbers start again: no node may look prepared.
            preparedIn.update(repeating: 0)
            sinkIn.update(repeating: 0)
            backSeen.update(repeating: 0)
            flowOutIn.update(repeating: 0)
            blockedIn.update(repeating: 0)
            state.query = 0
        }
        state.query += 1
        state.source = Int(source)
        state.sinks.removeAll(keepingCapacity: true)
        for sink in sinks where sink != source && sinkIn[Int(sink)] != state.query {
            sinkIn[Int(sink)] = state.query
            state.sinks.append(sink)
        }
        // In node order, as the sink's arcs lie: the order decides which of several equal cuts is found.
        state.sinks.sort()
    }

    /// Sets node `node`'s inner arc (capacity 1 when removable, unbounded when not, none when
    /// blocked) and its arc to the sink (unbounded for the query's sinks), the first time a search
    /// of this query meets either half of it.
    @inline(__always)
    private func prepare(_ node: Int, _ state: inout State, _ isRemovable: (Int32) -> Bool, _ isBlocked: ((Int32) -> Bool)?) {
        guard preparedIn[node] != state.query else { return }
        preparedIn[node] = state.query
        state.preparedNodes.append(Int32(node))
        let inner = Int(innerArc[node])
        if node != state.source, let isBlocked, isBlocked(Int32(node)) {
            capacity[inner] = 0
            blockedIn[node] = state.query
        } else {
            capacity[inner] = node != state.source && isRemovable(Int32(node)) ? 1 : Self.unbounded
        }
        if sinkIn[node] == state.query { capacity[Int(sinkArc[node])] = Self.unbounded }
    }

    /// Whether a sink is reached from the source through nodes that are neither removable nor
    /// blocked (so over unbounded arcs alone, as `markWorldSide` would find), searched backwards
    /// from the sinks over the edges into each node.
    private func hasUnremovableWay(_ state: inout State, _ isRemovable: (Int32) -> Bool, _ isBlocked: ((Int32) -> Bool)?) -> Bool {
        let query = state.query
        func isOpen(_ node: Int) -> Bool {
            !(isBlocked?(Int32(node)) ?? false) && !isRemovable(Int32(node))
        }
        var tail = 0, position = 0
        for sink in state.sinks where backSeen[Int(sink)] != query {
            backSeen[Int(sink)] = query
            if isOpen(Int(sink)) { queue[tail] = sink; tail += 1 }
        }
        while position < tail {
            let node = Int(queue[position])
            position += 1
            // The in-half's arcs after its inner arc are the reverses of the edges into the node.
            for arc in Int(arcStart[2 * node]) + 1..<Int(arcStart[2 * node + 1]) {
                let previous = Int(target[arc]) >> 1
                if previous == state.source { return true }
                if backSeen[previous] == query { continue }
                backSeen[previous] = query
                if isOpen(previous) { queue[tail] = Int32(previous); tail += 1 }
            }
        }
        return false
    }

    /// Marks the world side: what `start` (the source's out-half) reaches over unbounded arcs.
    /// Returns whether that reaches the sink. Runs before the query pushes any flow.
    private func markWorldSide(from start: Int, _ state: inout State, _ isRemovable: (Int32) -> Bool,
                               _ isBlocked: ((Int32) -> Bool)?) -> Bool {
        for node in state.worldSideNodes { worldSide[Int(node)] = false }
        state.worldSideNodes.removeAll(keepingCapacity: true)
        var tail = 0, position = 0
        queue[tail] = Int32(start); tail += 1
        worldSide[start] = true
        state.worldSideNodes.append(Int32(start))
        while position < tail {
            let node = Int(queue[position])
            position += 1
            prepare(node >> 1, &state, isRemovable, isBlocked)
            // No flow yet this query, so no reverse arc has capacity: an in-half's only arc that may
            // is its inner arc, the first; the rest are the reverses of the edges into it.
            let end = node & 1 == 0 && node < sink ? Int(arcStart[node]) + 1 : Int(arcStart[node + 1])
            for arc in Int(arcStart[node])..<end where capacity[arc] >= Self.unbounded {
                let to = Int(target[arc])
                if worldSide[to] { continue }
                if to == sink { return true }
                worldSide[to] = true
                state.worldSideNodes.append(Int32(to))
                queue[tail] = Int32(to); tail += 1
            }
        }
        return false
    }

    /// Distances to the sink over residual arcs, searched backwards from the sink; with `stopping`,
    /// the search ends at the first level that holds world-side nodes, and those are the `exits`.
    /// Returns whether the world side was reached.
    private func buildLevels(stopping: Bool, _ state: inout State, _ isRemovable: (Int32) -> Bool,
                             _ isBlocked: ((Int32) -> Bool)?) -> Bool {
        for node in state.touched { level[Int(node)] = -1 }
        state.touched.removeAll(keepingCapacity: true)
        state.exits.removeAll(keepingCapacity: true)
        var tail = 0, position = 0
        queue[tail] = Int32(sink); tail += 1
        level[sink] = 0
        // Every node given a level is queued once, in that order: the queue is the list of
        // touched nodes, copied out in one piece at the end rather than appended node by node.
        defer { state.touched.append(contentsOf: UnsafeBufferPointer(rebasing: queue[0..<tail])) }
        var worldLevel: Int32 = -1
        while position < tail {
            let node = Int(queue[position])
            position += 1
            let nextLevel = level[node] + 1
            if worldLevel >= 0 && nextLevel > worldLevel { break }
            // World-side nodes are where paths start: nothing beyond them is needed.
            if worldSide[node] && stopping { continue }
            // Arc `arc` runs node → from; its partner runs from → node with residual capacity.
            func visit(_ arc: Int, _ state: inout State) {
                let from = Int(target[arc])
                if level[from] < 0 && capacity[Int(partner[arc])] > 0 {
                    if from & 1 == 1 {
                        // An out-half, whose node is prepared now rather than when it is taken from
                        // the queue: a blocked node's out-half leads nowhere (nothing enters its
                        // in-half, and it is never on the world side), so it is not queued at all.
                        // A policy cut's graph has a blocked gate for every link inferred for other
                        // countries, and the search met them around every node it crossed.
                        prepare(from >> 1, &state, isRemovable, isBlocked)
                        if blockedIn[from >> 1] == state.query { return }
                    }
                    level[from] = nextLevel
                    queue[tail] = Int32(from); tail += 1
                    if worldSide[from] && stopping {
                        worldLevel = nextLevel
                        state.exits.append(Int32(from))
                    }
                }
            }
            if node == sink {
                // The sink's arcs come from every node, but only the query's sinks may send it flow.
                for index in state.sinks.indices {
                    let sinkNode = Int(state.sinks[index])
                    prepare(sinkNode, &state, isRemovable, isBlocked)
                    visit(Int(partner[Int(sinkArc[sinkNode])]), &state)
                }
            } else {
                prepare(node >> 1, &state, isRemovable, isBlocked)
                let first = Int(arcStart[node])
                var last = Int(arcStart[node + 1])
                // An out-half's arcs: the inner arc's reverse, its arc to the sink, then its edges,
                // whose reverses have capacity only once flow went along them.
                if node & 1 == 1 && flowOutIn[node >> 1] != state.query { last = min(last, first + 2) }
                for arc in first..<last { visit(arc, &state) }
            }
        }
        return !state.exits.isEmpty
    }

    /// One augmenting path down the levels from `exit` (iteratively, as paths can be long).
    private func augment(from exit: Int, _ state: inout State) -> Int32 {
        var path: [Int32] = []
        var node = exit
        while true {
            if node == sink {
                var bottleneck = Self.unbounded
                for arc in path { bottleneck = min(bottleneck, capacity[Int(arc)]) }
                // The last inner arc of capacity 1 on the path is the removable node nearest the sink.
                if bottleneck <= Self.boundless {
                    for arc in path.reversed() {
                        let tail = Int(target[Int(partner[Int(arc)])])
                        if tail & 1 == 0 && tail < 2 * nodeCount && innerArc[tail >> 1] == arc && capacity[Int(arc)] == 1 {
                            state.pathMembers.append(Int32(tail >> 1))
                            break
                        }
                    }
                }
                for arc in path {
                    // An edge arc (an out-half's third arc on; odd nodes are out-halves, the sink is
                    // even) gives its reverse capacity.
                    let tail = Int(target[Int(partner[Int(arc)])])
                    if tail & 1 == 1 && Int(arc) >= Int(arcStart[tail]) + 2 { flowOutIn[tail >> 1] = state.query }
                    capacity[Int(arc)] -= bottleneck
                    capacity[Int(partner[Int(arc)])] += bottleneck
                    state.changedArcs.append(arc)
                    state.changedArcs.append(partner[Int(arc)])
                }
                return bottleneck
            }
            var advanced = false
            let end = arcStart[node + 1]
            while iterator[node] < end {
                let arc = Int(iterator[node])
                let to = Int(target[arc])
                if capacity[arc] > 0 && level[to] >= 0 && level[to] == level[node] - 1 {
                    path.append(Int32(arc))
                    node = to
                    advanced = true
                    break
                }
                iterator[node] += 1
            }
            if !advanced {
                if node == exit { return 0 }
                // A dead end: retreat and skip the arc that led here.
                level[node] = -1
                let arc = Int(path.removeLast())
                node = Int(target[Int(partner[arc])])
                iterator[node] += 1
            }
        }
    }
}
