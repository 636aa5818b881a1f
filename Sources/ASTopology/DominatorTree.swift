/// The dominator tree of a directed graph from a source (Cooper, Harvey and Kennedy's iterative
/// algorithm): `x` dominates `y` when every path from the source to `y` passes through `x`.
public struct DominatorTree: Sendable {
    /// The source.
    public let source: Int32
    /// Each node's immediate dominator; the source's is itself, an unreachable node's is -1.
    public let immediateDominator: [Int32]

    /// Computes the tree of `graph` from `source`.
    public init(graph: DirectedGraph, source: Int32) {
        self.source = source
        let count = graph.nodeCount
        // Reverse postorder by an iterative depth-first search; the iteration then runs on nodes
        // numbered in that order, with their reachable predecessors side by side.
        var order: [Int32] = []
        order.reserveCapacity(count)
        var visited = [Bool](repeating: false, count: count)
        var stack: [(node: Int32, next: Int32)] = [(source, graph.successorStart[Int(source)])]
        visited[Int(source)] = true
        while let top = stack.last {
            let end = graph.successorStart[Int(top.node) + 1]
            if top.next < end {
                stack[stack.count - 1].next += 1
                let child = graph.successors[Int(top.next)]
                if !visited[Int(child)] {
                    visited[Int(child)] = true
                    stack.append((child, graph.successorStart[Int(child)]))
                }
            } else {
                stack.removeLast()
                order.append(top.node)
            }
        }
        order.reverse()
        let reached = order.count
        var number = [Int32](repeating: -1, count: count)
        for (index, node) in order.enumerated() { number[Int(node)] = Int32(index) }
        var predecessorStart = [Int32](repeating: 0, count: reached + 1)
        var predecessors: [Int32] = []
        for (index, node) in order.enumerated() {
            for predecessor in graph.predecessors(of: node) where number[Int(predecessor)] >= 0 {
                predecessors.append(number[Int(predecessor)])
            }
            predecessorStart[index + 1] = Int32(predecessors.count)
        }
        // Cooper, Harvey and Kennedy on reverse-postorder numbers: a dominator has a smaller number.
        var idom = [Int32](repeating: -1, count: reached)
        if reached > 0 { idom[0] = 0 }
        idom.withUnsafeMutableBufferPointer { idom in
            predecessorStart.withUnsafeBufferPointer { starts in
                predecessors.withUnsafeBufferPointer { predecessors in
                    var changed = true
                    while changed {
                        changed = false
                        for node in 1..<max(reached, 1) {
                            var candidate: Int32 = -1
                            for slot in Int(starts[node])..<Int(starts[node + 1]) {
                                var a = predecessors[slot]
                                guard idom[Int(a)] >= 0 else { continue }
                                if candidate < 0 { candidate = a; continue }
                                var b = candidate
                                while a != b {
                                    while a > b { a = idom[Int(a)] }
                                    while b > a { b = idom[Int(b)] }
                                }
                                candidate = a
                            }
                            if candidate >= 0 && idom[node] != candidate {
                                idom[node] = candidate
                                changed = true
                            }
                        }
                    }
                }
            }
        }
        var result = [Int32](repeating: -1, count: count)
        for (index, node) in order.enumerated() { result[Int(node)] = order[Int(idom[index])] }
        immediateDominator = result
    }

    /// Whether `node` is reachable from the source.
    public func isReachable(_ node: Int32) -> Bool { immediateDominator[Int(node)] >= 0 }

    /// The strict dominators of `node`, nearest first, ending with the source; empty if unreachable.
    public func dominators(of node: Int32) -> [Int32] {
        guard isReachable(node), node != source else { return [] }
        var result: [Int32] = []
        var current = immediateDominator[Int(node)]
        while true {
            result.append(current)
            if current == source { break }
            current = immediateDominator[Int(current)]
        }
        return result
    }

    /// Whether `dominator` dominates `node` (every node dominates itself).
    public func dominates(_ dominator: Int32, _ node: Int32) -> Bool {
        guard isReachable(node) else { return false }
        var current = node
        while true {
            if current == dominator { return true }
            if current == source { return false }
            current = immediateDominator[Int(current)]
        }
    }
}
