import ChokepointTestSupport
import ASTopology
import Testing


@Suite("dominators")
struct DominatorTests {
    /// S=0 → 1 → {2, 3} → 4 → 5, and 3 → 5: 1 dominates everything below it; 4 does not dominate 5.
    @Test("a graph worked out by hand")
    func handWorked() {
        let graph = DirectedGraph(nodeCount: 7, edges: [(0, 1), (1, 2), (1, 3), (2, 4), (3, 4), (4, 5), (3, 5), (6, 5)])
        let tree = DominatorTree(graph: graph, source: 0)
        #expect(tree.immediateDominator == [0, 0, 1, 1, 1, 1, -1])
        #expect(tree.dominators(of: 5) == [1, 0])
        #expect(tree.dominates(1, 4))
        #expect(!tree.dominates(2, 4))
        #expect(!tree.dominates(4, 5))
        #expect(!tree.isReachable(6))
    }

    @Test("agrees with brute-force removal on random graphs", arguments: 1...20)
    func bruteForce(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 12
        var edges: [(from: Int32, to: Int32)] = []
        for _ in 0..<28 {
            edges.append((Int32(random.next() % UInt64(count)), Int32(random.next() % UInt64(count))))
        }
        let graph = DirectedGraph(nodeCount: count, edges: edges)
        let tree = DominatorTree(graph: graph, source: 0)
        let reachable = graph.reachable(from: 0)
        for candidate in 1..<count {
            let without = graph.reachable(from: 0, removing: [Int32(candidate)])
            for node in 1..<count where node != candidate && reachable[node] {
                #expect(tree.dominates(Int32(candidate), Int32(node)) == !without[node],
                        "seed \(seed): \(candidate) dominates \(node)?")
            }
        }
    }
}

@Suite("dominators after added edges")
struct OverlayDominatorTests {
    /// S=0 → 1 → 2 → 3, and 0 → 4 → 2: 2 dominates 3, 1 does not. An added edge 5 → 3 from a node
    /// the graph alone never reached leaves 3 as before (5 is still unreached); adding 0 → 5 too
    /// makes 5 an entry, and 3 is then dominated by the source alone.
    @Test("a graph worked out by hand")
    func handWorked() {
        let graph = DirectedGraph(nodeCount: 6, edges: [(0, 1), (1, 2), (2, 3), (0, 4), (4, 2)])
        let tree = DominatorTree(graph: graph, source: 0)
        let unchanged = OverlayDominators(targets: [3], in: graph, adding: [(5, 3)], baseTree: tree)
        #expect(unchanged.dominators(of: 3) == [2, 0])
        let bypassed = OverlayDominators(targets: [3], in: graph, adding: [(5, 3), (0, 5)], baseTree: tree)
        #expect(bypassed.dominators(of: 3) == [0])
        let isolated = OverlayDominators(targets: [5], in: graph, adding: [(5, 3)], baseTree: tree)
        #expect(!isolated.isReachable(5))
        // 5 reached only over the added 3 → 5: 3's own dominators (2, below 1 and 4) dominate it too.
        let entered = OverlayDominators(targets: [5], in: graph, adding: [(3, 5)], baseTree: tree)
        #expect(entered.dominators(of: 5) == [3, 2, 0])
        let chain = DirectedGraph(nodeCount: 4, edges: [(0, 1), (1, 2)])
        let below = OverlayDominators(targets: [3], in: chain, adding: [(2, 3)], baseTree: DominatorTree(graph: chain, source: 0))
        #expect(below.dominators(of: 3) == [2, 1, 0])
    }

    /// Truth: the whole tree of the graph with the edges added. Graphs sparse enough that many
    /// nodes are reached only over added edges, and dense enough that many hang from the source alone.
    @Test("agrees with the whole tree on random graphs and added edges", arguments: 1...80)
    func againstWholeTree(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 30
        func edges(_ number: Int) -> [(from: Int32, to: Int32)] {
            (0..<number).map { _ in (Int32(random.next() % UInt64(count)), Int32(random.next() % UInt64(count))) }
        }
        let graph = DirectedGraph(nodeCount: count, edges: edges(30 + Int(random.next() % 20)))
        let extra = edges(Int(random.next() % 12))
        let targets = (0..<4).map { _ in Int32(1 + random.next() % UInt64(count - 1)) }
        let whole = DominatorTree(graph: DirectedGraph(base: graph, adding: extra), source: 0)
        let found = OverlayDominators(targets: targets, in: graph, adding: extra, baseTree: DominatorTree(graph: graph, source: 0))
        for target in targets {
            #expect(found.isReachable(target) == whole.isReachable(target), "seed \(seed): \(target) reached?")
            #expect(found.dominators(of: target) == whole.dominators(of: target), "seed \(seed): dominators of \(target)")
        }
    }
}

@Suite("vertex cuts")
struct VertexCutTests {
    /// S=0 → {1, 2} → 3 → {4, 5} → sink 6, and 2 → 5: a cut of one ({3}) only if 2 → 5 is absent.
    @Test("graphs worked out by hand")
    func handWorked() {
        let diamond = DirectedGraph(nodeCount: 7, edges: [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 6), (5, 6)])
        let solver = VertexCutSolver(graph: diamond)
        let cut = solver.minimumCut(from: 0, to: [6], isRemovable: { _ in true })
        #expect(cut.size == 1)
        // {3} and {6} are both minimum; the solver reports the cut nearest the sinks.
        #expect(cut.nodes == [6])
        let notThree = solver.minimumCut(from: 0, to: [6], isRemovable: { $0 != 3 && $0 != 6 })
        #expect(notThree.size == 2)
        let bypass = DirectedGraph(nodeCount: 7, edges: [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 6), (5, 6), (2, 5)])
        let bypassCut = VertexCutSolver(graph: bypass).minimumCut(from: 0, to: [6], isRemovable: { $0 != 6 })
        #expect(bypassCut.size == 2)
        let none = VertexCutSolver(graph: diamond).minimumCut(from: 0, to: [6], isRemovable: { _ in false })
        #expect(none.isUnbounded)
    }

    @Test("a way in through unremovable ASes is found after a short removable one used its last edge")
    func unboundedAfterUnitFlow() {
        // 0 → 1 → 4 (1 removable) is the shortest way; 0 → 2 → 3 → 4 needs nothing removable, so no
        // cut exists. The first way's unit of flow lowers the edges into the sink 4 by one; the
        // second way must still count as unbounded, not as a finite flow past the limit.
        let graph = DirectedGraph(nodeCount: 5, edges: [(0, 1), (1, 4), (0, 2), (2, 3), (3, 4)])
        let cut = VertexCutSolver(graph: graph).minimumCut(from: 0, to: [4], isRemovable: { $0 == 1 })
        #expect(cut.isUnbounded)
        #expect(!cut.limitReached)
    }

    @Test("several sinks: all must be cut off")
    func severalSinks() {
        let graph = DirectedGraph(nodeCount: 6, edges: [(0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 5)])
        let cut = VertexCutSolver(graph: graph).minimumCut(from: 0, to: [3, 4], isRemovable: { _ in true })
        #expect(cut.size == 2)
        #expect(cut.nodes.count == 2)
        let reach = graph.reachable(from: 0, removing: Set(cut.nodes))
        #expect(!reach[3] && !reach[4])
    }

    @Test("agrees with brute-force removal on random graphs", arguments: 1...15)
    func bruteForce(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 10
        var edges: [(from: Int32, to: Int32)] = []
        for _ in 0..<22 {
            edges.append((Int32(random.next() % UInt64(count)), Int32(random.next() % UInt64(count))))
        }
        let graph = DirectedGraph(nodeCount: count, edges: edges)
        let sinks: [Int32] = [Int32(count - 1), Int32(count - 2)]
        let removable: (Int32) -> Bool = { $0 % 3 != 1 }
        let cut = VertexCutSolver(graph: graph).minimumCut(from: 0, to: sinks, isRemovable: removable)
        // Brute force: the smallest set of removable nodes (not the source) that cuts every sink off.
        let best = bruteForceCutSize(in: graph, from: 0, to: sinks, candidates: (1..<count).map(Int32.init).filter(removable))
        if let best {
            #expect(cut.size == best, "seed \(seed)")
            #expect(!cut.isUnbounded)
            let reach = graph.reachable(from: 0, removing: Set(cut.nodes))
            #expect(sinks.allSatisfy { !reach[Int($0)] }, "the reported cut must disconnect")
            #expect(cut.nodes.count == cut.size)
        } else {
            #expect(cut.isUnbounded, "seed \(seed)")
        }
    }
}

@Suite("vertex cuts on larger graphs")
struct LargerVertexCutTests {
    /// Forty nodes of which only twelve may be removed: most of the graph is the world side that
    /// each query folds into the source, and the sinks sit a few layers below it.
    @Test("a world side of unremovable nodes: agrees with brute force", arguments: 1...25)
    func worldSide(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 40
        let removable = Set((0..<12).map { _ in Int32(1 + random.next() % UInt64(count - 3)) })
        var edges: [(from: Int32, to: Int32)] = []
        for node in 1..<count where random.next() % 3 == 0 { edges.append((0, Int32(node))) }
        for _ in 0..<110 {
            let from = Int32(random.next() % UInt64(count)), to = Int32(1 + random.next() % UInt64(count - 1))
            // Edges into the two sinks come only from removable nodes half of the time, so cuts exist.
            if to >= Int32(count - 2) && !removable.contains(from) && random.next() % 2 == 0 { continue }
            edges.append((from, to))
        }
        let graph = DirectedGraph(nodeCount: count, edges: edges)
        let sinks: [Int32] = [Int32(count - 2), Int32(count - 1)]
        let solver = VertexCutSolver(graph: graph)
        // The same solver answers twice: nothing of one query may leak into the next.
        for limit in [64, 3] {
            let cut = solver.minimumCut(from: 0, to: sinks, isRemovable: { removable.contains($0) }, limit: limit)
            let best = bruteForceCutSize(in: graph, from: 0, to: sinks, candidates: removable.sorted())
            if let best, best < limit {
                #expect(cut.size == best && !cut.isUnbounded, "seed \(seed) limit \(limit)")
                let reach = graph.reachable(from: 0, removing: Set(cut.nodes))
                #expect(sinks.allSatisfy { !reach[Int($0)] }, "the reported cut must disconnect, seed \(seed)")
                #expect(cut.nodes.count == cut.size)
            } else if let best {
                #expect(cut.limitReached && cut.size == limit && best >= limit, "seed \(seed) limit \(limit)")
                #expect(cut.nodes.allSatisfy { removable.contains($0) })
            } else {
                #expect(cut.isUnbounded && !cut.limitReached, "seed \(seed)")
            }
        }
    }
}

extension LargerVertexCutTests {
    /// A query sets capacities only where its searches go and restores only what it changed: a
    /// solver that has answered other queries (other sinks, sources, rules, limits) must answer as
    /// a fresh one would.
    @Test("a solver answering many queries in turn answers each as a fresh one", arguments: 1...20)
    func reused(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let count = 30
        var edges: [(from: Int32, to: Int32)] = []
        for _ in 0..<90 { edges.append((Int32(random.next() % UInt64(count)), Int32(random.next() % UInt64(count)))) }
        let graph = DirectedGraph(nodeCount: count, edges: edges)
        let reused = VertexCutSolver(graph: graph)
        for query in 0..<15 {
            let source = Int32(random.next() % 3)
            let sinks = (0..<(1 + random.next() % 4)).map { _ in Int32(3 + random.next() % UInt64(count - 3)) }
            let removable = Set((0..<Int32(count)).filter { _ in random.next() % 3 != 0 })
            let blocked = random.next() % 2 == 0 ? nil : Set((0..<Int32(count)).filter { _ in random.next() % 8 == 0 })
            let limit = query % 5 == 4 ? 1 : 64
            func run(_ solver: VertexCutSolver) -> VertexCutSolver.Cut {
                solver.minimumCut(from: source, to: sinks, isRemovable: { removable.contains($0) }, limit: limit,
                                  isBlocked: blocked.map { set in { set.contains($0) } })
            }
            #expect(run(reused) == run(VertexCutSolver(graph: graph)), "seed \(seed) query \(query)")
        }
    }
}

@Suite("flat tables")
struct FlatTableTests {
    @Test("sums and membership agree with a dictionary, across growth", arguments: 1...5)
    func againstDictionary(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for round in 0..<2 {
            var table = FlatTable<Double>()
            var set = FlatTable<Void>(empty: ())
            var reference: [UInt64: Double] = [:]
            for _ in 0..<5_000 {
                // Keys crowd a narrow range and a wide one, as node ids and (vantage point, path) keys do.
                let key = random.next() % 2 == 0 ? random.next() % 300 : random.next() >> 2
                let amount = Double(random.next() % 1_000) / 8
                let isNew = reference[key] == nil
                table.add(amount, to: key)
                reference[key, default: 0] += amount
                #expect(set.insert(key) == isNew)
            }
            #expect(table.count == reference.count, "round \(round)")
            var seen = 0
            table.forEach { key, value in
                seen += 1
                #expect(reference[key] == value)
            }
            #expect(seen == reference.count)
            #expect(reference.keys.allSatisfy { table[$0] != nil })
            #expect(table[UInt64.max - 1] == nil)
        }
    }
}

@Suite("directed graphs")
struct DirectedGraphTests {
    @Test("repeated edges and loops dropped, lists in the order given, as with a set", arguments: 1...10)
    func deduplication(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let nodeCount = 2 + Int(random.next() % 30)
        // Few nodes, many edges: most pairs repeat, some several times, some are loops.
        let edges = (0..<(200 + Int(random.next() % 400))).map { _ in
            (from: Int32(random.next() % UInt64(nodeCount)), to: Int32(random.next() % UInt64(nodeCount)))
        }
        let graph = DirectedGraph(nodeCount: nodeCount, edges: edges)
        var seen = Set<[Int32]>()
        let firsts = edges.filter { $0.from != $0.to && seen.insert([$0.from, $0.to]).inserted }
        for node in 0..<Int32(nodeCount) {
            #expect(Array(graph.successors(of: node)) == firsts.filter { $0.from == node }.map(\.to), "seed \(seed)")
            #expect(Array(graph.predecessors(of: node)) == firsts.filter { $0.to == node }.map(\.from), "seed \(seed)")
        }
        #expect(edges.count - firsts.count > 10, "seed \(seed): the edges must repeat")
        // Kept as given when asked not to merge (loops still dropped).
        let parallel = DirectedGraph(nodeCount: nodeCount, edges: edges, deduplicating: false)
        #expect(parallel.successors.count == edges.filter { $0.from != $0.to }.count)
    }
}
