import Dispatch
import ASTopology
import ReferenceData

/// The impact of removing ASes: for each country, the networks left with no path from the rest of
/// the world.
public struct WhatIfResult: Encodable, Sendable, Hashable {
    /// One country's loss.
    public struct CountryImpact: Codable, Sendable, Hashable {
        /// The country.
        public var country: String
        /// Networks (IPv4 prefixes) left unreachable.
        public var networksCut: Int
        /// The share of the country's address space left unreachable.
        public var shareCut: Double
        /// The country's origin ASes left unreachable.
        public var originsCut: [UInt32]
        /// The country's networks (IPv4 prefixes) in all.
        public var networks: Int

        /// Creates an impact.
        public init(country: String, networksCut: Int, shareCut: Double, originsCut: [UInt32], networks: Int) {
            self.country = country
            self.networksCut = networksCut
            self.shareCut = shareCut
            self.originsCut = originsCut
            self.networks = networks
        }
    }

    /// The ASes removed.
    public var removed: [UInt32]
    /// The organisations removed (with all their ASes), when organisations were named.
    public var organisations: [String]?
    /// Countries that lose anything, largest share first.
    public var countries: [CountryImpact]
    /// The vantage points the graph's observed edges come from.
    public var view: VantagePointView?
}

extension CountryAnalyzer {
    /// Removes `asns` and reports, for every country, what is left with no path from the super-source.
    public func whatIf(removing asns: [UInt32]) -> WhatIfResult {
        let removed = Set(asns.compactMap { topology.nodeIndex[$0] })
        let countries = self.countries
        // Countries are independent: each is read from its own graph, on every core.
        let slots = ResultSlots<WhatIfResult.CountryImpact?>(count: countries.count)
        DispatchQueue.concurrentPerform(iterations: countries.count) { index in
            let country = countries[index]
            let networks = networks(of: country)
            let graph = DirectedGraph(base: baseGraph, adding: topology.observedEdges(toward: networks.prefixes, included: selection.included(for: .ipv4)))
            let reachable = graph.reachable(from: topology.superSource, removing: removed)
            let before = graph.reachable(from: topology.superSource)
            var cut = 0, weight = 0.0
            var originsCut = Set<UInt32>()
            for (slot, origins) in networks.origins.enumerated() {
                // Only what was reachable before can be cut off.
                guard origins.contains(where: { before[Int($0)] }) else { continue }
                for origin in origins where !reachable[Int(origin)] && before[Int(origin)] {
                    originsCut.insert(topology.asns[Int(origin)])
                }
                if !origins.contains(where: { reachable[Int($0)] }) {
                    cut += 1
                    weight += networks.weights[slot]
                }
            }
            slots.store(cut == 0 ? nil : WhatIfResult.CountryImpact(
                country: country.description, networksCut: cut,
                shareCut: networks.totalWeight > 0 ? weight / networks.totalWeight : 0, originsCut: originsCut.sorted(),
                networks: networks.prefixes.count), at: index)
        }
        var impacts = slots.values.compactMap { $0 }
        impacts.sort { $0.shareCut != $1.shareCut ? $0.shareCut > $1.shareCut : $0.country < $1.country }
        return WhatIfResult(removed: asns.sorted(), organisations: nil, countries: impacts, view: nil)
    }
}
