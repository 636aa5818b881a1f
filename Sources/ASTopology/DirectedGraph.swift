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

    /// Builds the graph from an edge list. Duplicates are merged unless `deduplicating` is false
    /// (every algorithm here treats parallel edges as one, so skipping the work is safe).
    public init(nodeCount: Int, edges: [(from: Int32, to: Int32)], deduplicating: Bool = true) {
        self.nodeCount = nodeCount
        var unique = Set<UInt64>()
        if deduplicating { unique.reserveCapacity(edges.count) }
        var kept: [(from: Int32, to: Int32)] = []
        kept.reserveCapacity(edges.count)
        for edge in edges where edge.from != edge.to {
            if !deduplicating || unique.insert(UInt64(UInt32(bitPattern: edge.from)) << 32 | UInt64(UInt32(bitPattern: edge.to))).inserted {
                kept.append(edge)
            }
        }
        (successorStart, successors) = Self.group(kept, nodeCount: nodeCount, byTarget: false)
        (predecessorStart, predecessors) = Self.group(kept, nodeCount: nodeCount, byTarget: true)
    }

    /// Edges grouped by one end, by a counting sort: node `n`'s other ends are
    /// `ends[starts[n]..<starts[n + 1]]`, in the order given. Grouped by their tails (`byTarget`
    /// false) they are successor lists; by their heads, predecessor lists.
    static func group(_ edges: [(from: Int32, to: Int32)], nodeCount: Int, byTarget: Bool) -> (starts: [Int32], ends: [Int32]) {
        var starts = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in edges { starts[Int(byTarget ? edge.to : edge.from) + 1] += 1 }
        for node in 0..<nodeCount { starts[node + 1] += starts[node] }
        var ends = [Int32](repeating: 0, count: edges.count)
        var fill = starts
        for edge in edges {
            let node = Int(byTarget ? edge.to : edge.from)
            ends[Int(fill[node])] = byTarget ? edge.from : edge.to
            fill[node] += 1
        }
        return (starts, ends)
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

    /// The part of this graph plus `extra` edges from which some node of `targets` can be reached,
    /// with `always` kept too: the only part that matters for reaching the targets. Node ids are
    /// renumbered (`AncestorSubgraph.original`, `.renumbered`). Given as successor lists, enough for
    /// a flow network (`VertexCutSolver(subgraph:)`); `.graph` adds the predecessor lists.
    public func ancestors(of targets: [Int32], adding extra: [(from: Int32, to: Int32)], keeping always: [Int32]) -> AncestorSubgraph {
        // The extra edges in both directions, grouped by node, beside the graph's own.
        let (extraIntoStart, extraInto) = Self.group(extra, nodeCount: nodeCount, byTarget: true)
        let (extraOutStart, extraOut) = Self.group(extra, nodeCount: nodeCount, byTarget: false)
        var keep = [Bool](repeating: false, count: nodeCount)
        var queue: [Int32] = []
        for target in targets where !keep[Int(target)] {
            keep[Int(target)] = true
            queue.append(target)
        }
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            for previous in predecessors(of: Int32(node)) where !keep[Int(previous)] {
                keep[Int(previous)] = true
                queue.append(previous)
            }
            for slot in Int(extraIntoStart[node])..<Int(extraIntoStart[node + 1]) where !keep[Int(extraInto[slot])] {
                keep[Int(extraInto[slot])] = true
                queue.append(extraInto[slot])
            }
        }
        for node in always { keep[Int(node)] = true }
        var renumbered = [Int32](repeating: -1, count: nodeCount)
        var original: [Int32] = []
        for node in 0..<nodeCount where keep[node] {
            renumbered[node] = Int32(original.count)
            original.append(Int32(node))
        }
        // Successors of each kept node: its own edges first, then the extra ones, as before.
        var successorStart = [Int32](repeating: 0, count: original.count + 1)
        var successors: [Int32] = []
        var inDegree = [Int32](repeating: 0, count: original.count)
        // Room for every edge out of a kept node at once: the list is ~200k edges for most
        // countries, and growing it by doubling copied it a dozen times.
        var bound = 0
        for node in original {
            bound += Int(self.successorStart[Int(node) + 1] - self.successorStart[Int(node)])
                + Int(extraOutStart[Int(node) + 1] - extraOutStart[Int(node)])
        }
        successors.reserveCapacity(bound)
        for (index, node) in original.enumerated() {
            for next in self.successors(of: node) where keep[Int(next)] {
                successors.append(renumbered[Int(next)])
                inDegree[Int(renumbered[Int(next)])] += 1
            }
            for slot in Int(extraOutStart[Int(node)])..<Int(extraOutStart[Int(node) + 1]) where keep[Int(extraOut[slot])] && extraOut[slot] != node {
                successors.append(renumbered[Int(extraOut[slot])])
                inDegree[Int(renumbered[Int(extraOut[slot])])] += 1
            }
            successorStart[index + 1] = Int32(successors.count)
        }
        return AncestorSubgraph(original: original, renumbered: renumbered, successorStart: successorStart, successors: successors,
                                inDegree: inDegree)
    }

    /// A graph from its successor lists in compressed sparse row form; predecessors are derived.
    init(nodeCount: Int, successorStart: [Int32], successors: [Int32]) {
        self.nodeCount = nodeCount
        var into = [Int32](repeating: 0, count: nodeCount + 1)
        for successor in successors { into[Int(successor) + 1] += 1 }
        for node in 0..<nodeCount { into[node + 1] += into[node] }
        var predecessors = [Int32](repeating: 0, count: successors.count)
        var fill = into
        for node in 0..<nodeCount {
            for slot in Int(successorStart[node])..<Int(successorStart[node + 1]) {
                let successor = Int(successors[slot])
                predecessors[Int(fill[successor])] = Int32(node)
                fill[successor] += 1
            }
        }
        self.successorStart = successorStart
        self.successors = successors
        predecessorStart = into
        self.predecessors = predecessors
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
