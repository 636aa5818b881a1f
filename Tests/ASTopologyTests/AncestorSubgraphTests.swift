import ASTopology
import ChokepointTestSupport
import Testing

/// The part of a graph that can reach a set of targets, against reachability node by node, and its
/// flow network against the one built from the part as a graph.
@Suite("ancestor subgraphs")
struct AncestorSubgraphTests {
    @Test("kept nodes and edges against forward reachability; its network's cuts as on the part's graph", arguments: 1...20)
    func againstReachability(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 40
        func edges(_ number: Int) -> [(from: Int32, to: Int32)] {
            (0..<number).map { _ in (Int32(random.next() % UInt64(count)), Int32(random.next() % UInt64(count))) }
        }
        let base = DirectedGraph(nodeCount: count, edges: edges(70))
        // Extra edges may repeat base edges or loop, as a country's observed edges can.
        let extra = edges(25) + [(5, 5)]
        let targets: [Int32] = [Int32(count - 1), Int32(count - 3)]
        let always: [Int32] = [0]
        let sub = base.ancestors(of: targets, adding: extra, keeping: always)

        let whole = DirectedGraph(base: base, adding: extra)
        let expected = (0..<Int32(count)).filter { node in
            always.contains(node) || whole.reachable(from: node).enumerated().contains { $0.element && targets.contains(Int32($0.offset)) }
        }
        #expect(sub.original == expected, "seed \(seed)")
        for (old, new) in sub.renumbered.enumerated() {
            #expect(new == (expected.firstIndex(of: Int32(old)).map(Int32.init) ?? -1))
        }
        // Each kept node's successors: its own edges to kept nodes, then the extra ones (loops left out).
        let graph = sub.graph
        for (new, old) in sub.original.enumerated() {
            let own = base.successors(of: old).filter { sub.renumbered[Int($0)] >= 0 }
            let added = extra.filter { $0.from == old && $0.to != old && sub.renumbered[Int($0.to)] >= 0 }.map(\.to)
            #expect(graph.successors(of: Int32(new)).map { sub.original[Int($0)] } == own + added, "seed \(seed) node \(old)")
        }

        // The network built from the successor lists is the one built from the graph: the same
        // answers, the members found at a limit included (they follow the order of the arcs).
        let fromPart = VertexCutSolver(subgraph: sub)
        let fromGraph = VertexCutSolver(graph: graph)
        let source = sub.renumbered[0]
        let sinks = targets.map { sub.renumbered[Int($0)] }
        for (limit, rule) in [(64, 2), (64, 3), (2, 2), (1, 5)] {
            let removable: (Int32) -> Bool = { sub.original[Int($0)] % Int32(rule) != 1 }
            let a = fromPart.minimumCut(from: source, to: sinks, isRemovable: removable, limit: limit)
            let b = fromGraph.minimumCut(from: source, to: sinks, isRemovable: removable, limit: limit)
            #expect(a == b, "seed \(seed) limit \(limit) rule \(rule)")
        }
    }
}
