/// Minimum vertex cuts on a `DirectedGraph`, by maximum flow (Dinic) on split vertices: each node
/// becomes an inner edge of capacity 1 when it may be removed, unbounded otherwise.
///
/// The flow network is built once; each query only resets capacities, so many queries (one per
/// country) share the construction cost.
public final class VertexCutSolver {
    private let graph: DirectedGraph
    private let nodeCount: Int
    private let sink: Int
    private var head: [Int32]
    private var target: [Int32] = []
    private var next: [Int32] = []
    private var capacity: [Int32] = []
    private var baseCapacity: [Int32] = []
    /// Index of each node's inner edge (in → out) and of its edge to the sink.
    private var innerEdge: [Int32]
    private var sinkEdge: [Int32]
    private var level: [Int32]
    private var iterator: [Int32]
    static let unbounded: Int32 = 1 << 28

    /// The result of one query.
    public struct Cut: Hashable, Sendable {
        /// The number of nodes in the cut (at most the query's limit).
        public var size: Int
        /// The nodes of one minimum cut; empty when no cut exists within the removable nodes.
        public var nodes: [Int32]
        /// Whether no cut exists (the sinks stay reachable whatever is removed) or the flow reached the limit.
        public var isUnbounded: Bool
    }

    /// Prepares the flow network of `graph`.
    public init(graph: DirectedGraph) {
        self.graph = graph
        nodeCount = graph.nodeCount
        sink = 2 * nodeCount
        let total = 2 * nodeCount + 1
        head = [Int32](repeating: -1, count: total)
        innerEdge = [Int32](repeating: 0, count: nodeCount)
        sinkEdge = [Int32](repeating: 0, count: nodeCount)
        level = [Int32](repeating: 0, count: total)
        iterator = [Int32](repeating: 0, count: total)
        let edgeEstimate = 2 * (graph.edgeCount + 2 * nodeCount)
        target.reserveCapacity(edgeEstimate)
        next.reserveCapacity(edgeEstimate)
        capacity.reserveCapacity(edgeEstimate)
        for node in 0..<nodeCount {
            innerEdge[node] = addEdge(from: 2 * node, to: 2 * node + 1, capacity: 1)
            sinkEdge[node] = addEdge(from: 2 * node + 1, to: sink, capacity: 0)
        }
        for node in 0..<nodeCount {
            for successor in graph.successors(of: Int32(node)) {
                _ = addEdge(from: 2 * node + 1, to: 2 * Int(successor), capacity: Self.unbounded)
            }
        }
        baseCapacity = capacity
    }

    private func addEdge(from: Int, to: Int, capacity forward: Int32) -> Int32 {
        let index = Int32(target.count)
        target.append(Int32(to)); capacity.append(forward); next.append(head[from]); head[from] = index
        target.append(Int32(from)); capacity.append(0); next.append(head[to]); head[to] = index + 1
        return index
    }

    /// The fewest removable nodes whose removal leaves every sink unreachable from `source`.
    ///
    /// - Parameters:
    ///   - source: Where flow starts; never removable.
    ///   - sinks: The nodes to separate from the source; they may themselves be removed if removable.
    ///   - isRemovable: Which nodes may be cut.
    ///   - limit: Stop once the cut is known to be at least this large.
    public func minimumCut(from source: Int32, to sinks: [Int32], isRemovable: (Int32) -> Bool, limit: Int = 64,
                           extraEdges: [(from: Int32, to: Int32)] = []) -> Cut {
        // Extra edges are appended for this query only and taken out again afterwards.
        let savedCount = target.count
        var savedHeads: [(Int, Int32)] = []
        capacity = baseCapacity
        for edge in extraEdges {
            let tail = 2 * Int(edge.from) + 1, tip = 2 * Int(edge.to)
            savedHeads.append((tail, head[tail]))
            savedHeads.append((tip, head[tip]))
            _ = addEdge(from: tail, to: tip, capacity: Self.unbounded)
        }
        defer {
            for (node, saved) in savedHeads.reversed() { head[node] = saved }
            target.removeLast(target.count - savedCount)
            next.removeLast(next.count - savedCount)
            capacity.removeLast(capacity.count - savedCount)
        }
        for node in 0..<nodeCount {
            capacity[Int(innerEdge[node])] = isRemovable(Int32(node)) && node != Int(source) ? 1 : Self.unbounded
        }
        for sinkNode in sinks where sinkNode != source {
            capacity[Int(sinkEdge[Int(sinkNode)])] = Self.unbounded
        }
        let start = 2 * Int(source) + 1
        var flow = 0
        while flow < limit && buildLevels(from: start) {
            for index in 0..<iterator.count { iterator[index] = head[index] }
            while flow < limit {
                let pushed = augment(from: start, amount: Self.unbounded)
                if pushed == 0 { break }
                if pushed >= Self.unbounded { return Cut(size: limit, nodes: [], isUnbounded: true) }
                flow += Int(pushed)
            }
        }
        if flow >= limit { return Cut(size: limit, nodes: [], isUnbounded: true) }
        // The cut: nodes whose inner edge crosses from the residual-reachable side.
        _ = buildLevels(from: start)
        var nodes: [Int32] = []
        for node in 0..<nodeCount where level[2 * node] >= 0 && level[2 * node + 1] < 0 {
            nodes.append(Int32(node))
        }
        return Cut(size: flow, nodes: nodes, isUnbounded: false)
    }

    private func buildLevels(from start: Int) -> Bool {
        for index in 0..<level.count { level[index] = -1 }
        var queue = [Int32(start)]
        level[start] = 0
        var position = 0
        while position < queue.count {
            let node = Int(queue[position])
            position += 1
            var edge = head[node]
            while edge >= 0 {
                let to = Int(target[Int(edge)])
                if capacity[Int(edge)] > 0 && level[to] < 0 {
                    level[to] = level[node] + 1
                    queue.append(Int32(to))
                }
                edge = next[Int(edge)]
            }
        }
        return level[sink] >= 0
    }

    /// One augmenting path in the level graph (iteratively, as paths can be long).
    private func augment(from start: Int, amount: Int32) -> Int32 {
        var path: [Int32] = []
        var node = start
        while true {
            if node == sink {
                var bottleneck = amount
                for edge in path { bottleneck = min(bottleneck, capacity[Int(edge)]) }
                for edge in path {
                    capacity[Int(edge)] -= bottleneck
                    capacity[Int(edge ^ 1)] += bottleneck
                }
                return bottleneck
            }
            var advanced = false
            while iterator[node] >= 0 {
                let edge = iterator[node]
                let to = Int(target[Int(edge)])
                if capacity[Int(edge)] > 0 && level[to] == level[node] + 1 {
                    path.append(edge)
                    node = to
                    advanced = true
                    break
                }
                iterator[node] = next[Int(edge)]
            }
            if !advanced {
                if node == start { return 0 }
                // Dead end: retreat and skip the edge that led here.
                level[node] = -1
                let edge = path.removeLast()
                node = Int(target[Int(edge ^ 1)])
                iterator[node] = next[Int(edge)]
            }
        }
    }
}
