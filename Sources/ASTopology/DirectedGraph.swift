/// A directed graph in compressed sparse row form: for node `n`, successors are
/// `successors[successorStart[n]..<successorStart[n + 1]]`, and likewise predecessors.
public struct DirectedGraph: Sendable {
    /// The number of nodes.
    public let nodeCount: Int
    /// Offsets into `successors`, `nodeCount + 1` of them.
    public let successorStart: [Int32]
    /// Successor node ids.
    public let successors: [Int32]
    /// Offsets into `predecessors`.
    public let predecessorStart: [Int32]
    /// Predecessor node ids.
    public let predecessors: [Int32]

    /// Builds the graph from an edge list (duplicates are merged).
    public init(nodeCount: Int, edges: [(from: Int32, to: Int32)]) {
        self.nodeCount = nodeCount
        var unique = Set<UInt64>()
        unique.reserveCapacity(edges.count)
        var out = [Int32](repeating: 0, count: nodeCount + 1)
        var into = [Int32](repeating: 0, count: nodeCount + 1)
        var kept: [(Int32, Int32)] = []
        kept.reserveCapacity(edges.count)
        for edge in edges where edge.from != edge.to {
            if unique.insert(UInt64(UInt32(bitPattern: edge.from)) << 32 | UInt64(UInt32(bitPattern: edge.to))).inserted {
                kept.append((edge.from, edge.to))
                out[Int(edge.from) + 1] += 1
                into[Int(edge.to) + 1] += 1
            }
        }
        for index in 0..<nodeCount {
            out[index + 1] += out[index]
            into[index + 1] += into[index]
        }
        var successors = [Int32](repeating: 0, count: kept.count)
        var predecessors = [Int32](repeating: 0, count: kept.count)
        var outFill = out, inFill = into
        for (from, to) in kept {
            successors[Int(outFill[Int(from)])] = to
            outFill[Int(from)] += 1
            predecessors[Int(inFill[Int(to)])] = from
            inFill[Int(to)] += 1
        }
        successorStart = out
        self.successors = successors
        predecessorStart = into
        self.predecessors = predecessors
    }

    /// The graph with `extra` edges added (duplicates of existing edges are harmless here: every
    /// algorithm in this module treats parallel edges as one).
    public init(base: DirectedGraph, adding extra: [(from: Int32, to: Int32)]) {
        nodeCount = base.nodeCount
        var out = [Int32](repeating: 0, count: nodeCount + 1)
        var into = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in extra {
            out[Int(edge.from) + 1] += 1
            into[Int(edge.to) + 1] += 1
        }
        for node in 0..<nodeCount {
            out[node + 1] += out[node] + base.successorStart[node + 1] - base.successorStart[node]
            into[node + 1] += into[node] + base.predecessorStart[node + 1] - base.predecessorStart[node]
        }
        var successors = [Int32](repeating: 0, count: Int(out[nodeCount]))
        var predecessors = [Int32](repeating: 0, count: Int(into[nodeCount]))
        var outFill = out, inFill = into
        for node in 0..<nodeCount {
            for successor in base.successors(of: Int32(node)) {
                successors[Int(outFill[node])] = successor
                outFill[node] += 1
            }
            for predecessor in base.predecessors(of: Int32(node)) {
                predecessors[Int(inFill[node])] = predecessor
                inFill[node] += 1
            }
        }
        for edge in extra {
            successors[Int(outFill[Int(edge.from)])] = edge.to
            outFill[Int(edge.from)] += 1
            predecessors[Int(inFill[Int(edge.to)])] = edge.from
            inFill[Int(edge.to)] += 1
        }
        successorStart = out
        self.successors = successors
        predecessorStart = into
        self.predecessors = predecessors
    }

    /// The number of edges.
    public var edgeCount: Int { successors.count }

    /// The successors of `node`.
    @inlinable
    public func successors(of node: Int32) -> ArraySlice<Int32> {
        successors[Int(successorStart[Int(node)])..<Int(successorStart[Int(node) + 1])]
    }

    /// The predecessors of `node`.
    @inlinable
    public func predecessors(of node: Int32) -> ArraySlice<Int32> {
        predecessors[Int(predecessorStart[Int(node)])..<Int(predecessorStart[Int(node) + 1])]
    }

    /// Nodes reachable from `source` when the nodes in `removed` (and edges into them) are gone.
    public func reachable(from source: Int32, removing removed: Set<Int32> = []) -> [Bool] {
        var seen = [Bool](repeating: false, count: nodeCount)
        guard !removed.contains(source) else { return seen }
        var queue: [Int32] = [source]
        seen[Int(source)] = true
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in successors(of: node) where !seen[Int(next)] && !removed.contains(next) {
                seen[Int(next)] = true
                queue.append(next)
            }
        }
        return seen
    }
}
