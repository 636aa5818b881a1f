import ASTopology

/// The size of the smallest set of `candidates` whose removal leaves none of `sinks` reachable
/// from `source`, found by trying every subset (keep the candidates to about sixteen); nil when
/// even removing all of them leaves a sink reachable. The independent truth for the cut solver.
public func bruteForceCutSize(in graph: DirectedGraph, from source: Int32, to sinks: [Int32], candidates: [Int32]) -> Int? {
    var best: Int?
    for mask in 0..<(1 << candidates.count) {
        let removed = Set(candidates.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
        if let best, removed.count >= best { continue }
        let reach = graph.reachable(from: source, removing: removed)
        if sinks.allSatisfy({ !reach[Int($0)] }) { best = removed.count }
    }
    return best
}
