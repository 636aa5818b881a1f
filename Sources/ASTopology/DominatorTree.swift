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
        // Postorder by an iterative depth-first search.
        var postorderNumber = [Int32](repeating: -1, count: count)
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
                postorderNumber[Int(top.node)] = Int32(order.count)
                order.append(top.node)
            }
        }
        var idom = [Int32](repeating: -1, count: count)
        idom[Int(source)] = source
        func intersect(_ first: Int32, _ second: Int32) -> Int32 {
            var a = first, b = second
            while a != b {
                while postorderNumber[Int(a)] < postorderNumber[Int(b)] { a = idom[Int(a)] }
                while postorderNumber[Int(b)] < postorderNumber[Int(a)] { b = idom[Int(b)] }
            }
            return a
        }
        var changed = true
        while changed {
            changed = false
            for node in order.reversed() where node != source {
                var candidate: Int32 = -1
                for predecessor in graph.predecessors(of: node) where idom[Int(predecessor)] >= 0 {
                    candidate = candidate < 0 ? predecessor : intersect(predecessor, candidate)
                }
                if candidate >= 0 && idom[Int(node)] != candidate {
                    idom[Int(node)] = candidate
                    changed = true
                }
            }
        }
        immediateDominator = idom
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
