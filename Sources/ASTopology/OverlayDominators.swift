/// The dominators of a few targets in a graph with some edges added, found from the dominator
/// tree of the graph without them, on a small graph instead of the whole.
///
/// Adding edges only adds paths, so a node dominates a target after the addition only if it did
/// before: the candidates are the targets' old dominator chains. A node the source alone dominated
/// still has no other dominator afterwards, so every such node that is no candidate can be merged
/// into the source: a path from the source to it avoids any other node. What remains is the part
/// of the graph the targets hang from below those nodes: for a country, its own networks and its
/// providers up to where the Internet's mesh begins, rather than the whole mesh each time.
public struct OverlayDominators: Sendable {
    /// The merged graph's tree (its source, node 0, stands for the source and every merged node).
    private let tree: DominatorTree
    /// Each merged-graph node's original id.
    private let original: [Int32]
    /// Merged-graph ids of the original nodes kept, by original id (only those nodes are asked about).
    private let local: [Int32: Int32]
    /// The original source.
    public let source: Int32

    /// The dominators of `targets` in `graph` plus `extra` edges, from `source`; `baseTree` is
    /// `graph`'s own dominator tree from `source`.
    public init(targets: [Int32], in graph: DirectedGraph, adding extra: [(from: Int32, to: Int32)], baseTree: DominatorTree) {
        let source = baseTree.source
        self.source = source
        var extraInto: [Int32: [Int32]] = [:]
        for edge in extra where edge.from != edge.to { extraInto[edge.to, default: []].append(edge.from) }
        func predecessors(of node: Int32) -> [Int32] {
            Array(graph.predecessors(of: node)) + (extraInto[node] ?? [])
        }
        // The candidates: every target and its old dominators. A target the graph alone did not
        // reach is reached, if at all, over added edges from nodes it did reach ("entries", found
        // backwards through unreached nodes); a node dominating it must then dominate the entry
        // of every path, so the entries' old dominators are the candidates.
        var candidates = Set<Int32>()
        var unreached: [Int32] = []
        var seenUnreached = Set<Int32>()
        for target in targets {
            candidates.insert(target)
            if baseTree.isReachable(target) {
                candidates.formUnion(baseTree.dominators(of: target))
            } else if seenUnreached.insert(target).inserted {
                unreached.append(target)
            }
        }
        var head = 0
        while head < unreached.count {
            let node = unreached[head]
            head += 1
            for previous in predecessors(of: node) {
                if baseTree.isReachable(previous) {
                    if candidates.insert(previous).inserted { candidates.formUnion(baseTree.dominators(of: previous)) }
                } else if seenUnreached.insert(previous).inserted {
                    unreached.append(previous)
                }
            }
        }
        func mergesIntoSource(_ node: Int32) -> Bool {
            node == source || (baseTree.immediateDominator[Int(node)] == source && !candidates.contains(node))
        }

        // Backwards from the targets, stopping at the nodes merged into the source.
        var local: [Int32: Int32] = [:]
        var original: [Int32] = [source]
        for target in targets where local[target] == nil && !mergesIntoSource(target) {
            local[target] = Int32(original.count)
            original.append(target)
        }
        head = 1
        while head < original.count {
            let node = original[head]
            head += 1
            for previous in predecessors(of: node) where local[previous] == nil && !mergesIntoSource(previous) {
                local[previous] = Int32(original.count)
                original.append(previous)
            }
        }
        var edges: [(from: Int32, to: Int32)] = []
        for (index, node) in original.enumerated().dropFirst() {
            for previous in predecessors(of: node) {
                edges.append((from: local[previous] ?? 0, to: Int32(index)))
            }
        }
        tree = DominatorTree(graph: DirectedGraph(nodeCount: original.count, edges: edges), source: 0)
        self.original = original
        self.local = local
    }

    /// Whether `node` (a target, or a node on a target's old dominator chain) is reachable from the source.
    public func isReachable(_ node: Int32) -> Bool {
        guard node != source else { return true }
        guard let id = local[node] else { return true }
        return tree.isReachable(id)
    }

    /// The strict dominators of `node` (a target), nearest first, ending with the source; empty if unreachable.
    public func dominators(of node: Int32) -> [Int32] {
        guard node != source else { return [] }
        // A node merged into the source has the source alone.
        guard let id = local[node] else { return [source] }
        return tree.dominators(of: id).map { $0 == 0 ? source : original[Int($0)] }
    }
}
