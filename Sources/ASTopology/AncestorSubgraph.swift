/// The part of a graph (with extra edges) from which some of a set of targets can be reached, as
/// successor lists over renumbered nodes: `DirectedGraph.ancestors(of:adding:keeping:)` makes it.
///
/// A country's minimum cuts are searched on this part, and for most countries it is most of the
/// graph: its flow network is built from the successor lists and the count of edges into each node,
/// without the predecessor lists a `DirectedGraph` derives (perf, a full ranking at 120 peers: the
/// part and its network 1,156 samples, against 1,337 through a `DirectedGraph`).
public struct AncestorSubgraph: Sendable {
    /// The old id of each new node, in increasing order.
    public let original: [Int32]
    /// The new id of each old node, or -1 when it is not kept.
    public let renumbered: [Int32]
    /// Offsets into `successors`, one more than there are nodes.
    let successorStart: [Int32]
    /// Successor node ids (new ones): a node's own edges first, then the extra ones.
    let successors: [Int32]
    /// How many kept edges end at each node.
    let inDegree: [Int32]

    /// The number of nodes kept.
    public var nodeCount: Int { original.count }

    /// The part as a graph, with its predecessor lists.
    public var graph: DirectedGraph {
        DirectedGraph(nodeCount: original.count, successorStart: successorStart, successors: successors)
    }
}
