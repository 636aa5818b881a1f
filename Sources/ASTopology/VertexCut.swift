/// Minimum vertex cuts on a `DirectedGraph`, by maximum flow (Dinic) on split vertices: each node
/// becomes an inner edge of capacity 1 when it may be removed, unbounded otherwise.
///
/// Levels are measured from the sink backwards and each search stops as soon as it reaches the
/// source: the cuts wanted lie near the sinks (a country's upstreams), so most of a large graph
/// is never touched. The flow network is built once for any number of queries.
public final class VertexCutSolver {
    private let nodeCount: Int
    private let sink: Int
    private let totalNodes: Int
    private let edgeCount: Int
    // Fixed storage, so the hot loops index raw buffers rather than checked arrays.
    private let head: UnsafeMutableBufferPointer<Int32>
    private let target: UnsafeMutableBufferPointer<Int32>
    private let next: UnsafeMutableBufferPointer<Int32>
    private let capacity: UnsafeMutableBufferPointer<Int32>
    private let level: UnsafeMutableBufferPointer<Int32>
    private let iterator: UnsafeMutableBufferPointer<Int32>
    private let queue: UnsafeMutableBufferPointer<Int32>
    private var touched: [Int32] = []
    /// The removable node nearest the sink on each augmenting path: one member per disjoint way found.
    private var pathMembers: [Int32] = []
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

    /// Prepares the flow network of `graph`.
    public init(graph: DirectedGraph) {
        nodeCount = graph.nodeCount
        sink = 2 * nodeCount
        totalNodes = 2 * nodeCount + 1
        edgeCount = 2 * (graph.edgeCount + 2 * nodeCount)
        head = .allocate(capacity: totalNodes)
        head.initialize(repeating: -1)
        target = .allocate(capacity: edgeCount)
        next = .allocate(capacity: edgeCount)
        capacity = .allocate(capacity: edgeCount)
        level = .allocate(capacity: totalNodes)
        iterator = .allocate(capacity: totalNodes)
        queue = .allocate(capacity: totalNodes)
        var count = 0
        func addEdge(_ from: Int, _ to: Int) {
            target[count] = Int32(to); next[count] = head[from]; head[from] = Int32(count)
            target[count + 1] = Int32(from); next[count + 1] = head[to]; head[to] = Int32(count + 1)
            count += 2
        }
        // Edge 4n is node n's inner edge, 4n + 2 its edge to the sink.
        for node in 0..<nodeCount {
            addEdge(2 * node, 2 * node + 1)
            addEdge(2 * node + 1, sink)
        }
        for node in 0..<nodeCount {
            for successor in graph.successors(of: Int32(node)) {
                addEdge(2 * node + 1, 2 * Int(successor))
            }
        }
    }

    deinit {
        head.deallocate()
        target.deallocate()
        next.deallocate()
        capacity.deallocate()
        level.deallocate()
        iterator.deallocate()
        queue.deallocate()
    }

    /// The fewest removable nodes whose removal leaves every sink unreachable from `source`.
    ///
    /// - Parameters:
    ///   - source: Where flow starts; never removable.
    ///   - sinks: The nodes to separate from the source; they may themselves be removed if removable.
    ///   - isRemovable: Which nodes may be cut.
    ///   - limit: Stop once the cut is known to be at least this large; the result then lists the
    ///     saturated nodes found so far and says the limit was reached.
    public func minimumCut(from source: Int32, to sinks: [Int32], isRemovable: (Int32) -> Bool, limit: Int = 64) -> Cut {
        for node in 0..<nodeCount {
            capacity[4 * node] = isRemovable(Int32(node)) && node != Int(source) ? 1 : Self.unbounded
            capacity[4 * node + 1] = 0
            capacity[4 * node + 2] = 0
            capacity[4 * node + 3] = 0
        }
        for edge in stride(from: 4 * nodeCount, to: edgeCount, by: 2) {
            capacity[edge] = Self.unbounded
            capacity[edge + 1] = 0
        }
        for sinkNode in sinks where sinkNode != source {
            capacity[4 * Int(sinkNode) + 2] = Self.unbounded
        }
        let start = 2 * Int(source) + 1
        var flow = 0
        pathMembers.removeAll(keepingCapacity: true)
        while flow < limit && buildLevels(toward: start, stopping: true) {
            for node in touched { iterator[Int(node)] = head[Int(node)] }
            while flow < limit {
                let pushed = augment(from: start)
                if pushed == 0 { break }
                // Earlier unit flows may have lowered an unbounded edge a little: a path is unbounded
                // when its bottleneck is beyond anything removable nodes could carry.
                if pushed > Self.boundless { return Cut(size: limit, nodes: [], isUnbounded: true) }
                flow += Int(pushed)
            }
        }
        // The sink side: everything that can still reach the sink. A node whose out-half is on it
        // and whose in-half is not is in the cut; at the limit, those are the saturated nodes found so far.
        _ = buildLevels(toward: start, stopping: false)
        var nodes: [Int32] = []
        for node in touched where node < Int32(2 * nodeCount) && node & 1 == 1 && level[Int(node) - 1] < 0 {
            nodes.append(node >> 1)
        }
        if flow >= limit {
            // Not a cut (more ways in remain): the members of the ways found so far, one each.
            return Cut(size: limit, nodes: Array(Set(pathMembers)).sorted(), isUnbounded: true, limitReached: true)
        }
        return Cut(size: flow, nodes: nodes.sorted(), isUnbounded: false)
    }

    /// Distances to the sink over residual edges, searched backwards from the sink; with `stopping`,
    /// the search ends once the source's distance is known. Returns whether the source was reached.
    private func buildLevels(toward start: Int, stopping: Bool) -> Bool {
        for node in touched { level[Int(node)] = -1 }
        if touched.isEmpty { level.update(repeating: -1) }
        touched.removeAll(keepingCapacity: true)
        var tail = 0, position = 0
        queue[tail] = Int32(sink); tail += 1
        level[sink] = 0
        touched.append(Int32(sink))
        var sourceLevel: Int32 = -1
        while position < tail {
            let node = Int(queue[position])
            position += 1
            if sourceLevel >= 0 && level[node] >= sourceLevel { break }
            var edge = head[node]
            while edge >= 0 {
                // Edge `edge` runs node → u; its partner runs u → node with residual capacity.
                let from = Int(target[Int(edge)])
                if capacity[Int(edge ^ 1)] > 0 && level[from] < 0 {
                    level[from] = level[node] + 1
                    queue[tail] = Int32(from); tail += 1
                    touched.append(Int32(from))
                    if from == start && stopping { sourceLevel = level[from] }
                }
                edge = next[Int(edge)]
            }
        }
        return level[start] >= 0
    }

    /// One augmenting path down the levels (iteratively, as paths can be long).
    private func augment(from start: Int) -> Int32 {
        var path: [Int32] = []
        var node = start
        while true {
            if node == sink {
                var bottleneck = Self.unbounded
                for edge in path { bottleneck = min(bottleneck, capacity[Int(edge)]) }
                // Inner edges are the even ones below 4n whose index is a multiple of 4; the last
                // one of capacity 1 on the path is the removable node nearest the sink.
                if bottleneck <= Self.boundless, let member = path.last(where: { $0 < Int32(4 * nodeCount) && $0 % 4 == 0
                    && capacity[Int($0)] == 1 }) {
                    pathMembers.append(member / 4)
                }
                for edge in path {
                    capacity[Int(edge)] -= bottleneck
                    capacity[Int(edge ^ 1)] += bottleneck
                }
                return bottleneck
            }
            var advanced = false
            while iterator[node] >= 0 {
                let edge = Int(iterator[node])
                let to = Int(target[edge])
                if capacity[edge] > 0 && level[to] >= 0 && level[to] == level[node] - 1 {
                    path.append(Int32(edge))
                    node = to
                    advanced = true
                    break
                }
                iterator[node] = next[edge]
            }
            if !advanced {
                if node == start { return 0 }
                // A dead end: retreat and skip the edge that led here.
                level[node] = -1
                let edge = Int(path.removeLast())
                node = Int(target[edge ^ 1])
                iterator[node] = next[edge]
            }
        }
    }
}
