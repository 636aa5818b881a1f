import ASTopology
import InternetAddresses
import ReferenceData

/// What the graph into a country says: which ASes dominate its origins, and the minimum cuts, by
/// AS and by organisation.
struct GraphMetrics {
    /// Address-space weight whose origins each node dominates.
    var dominated: [Int32: Double] = [:]
    var cuts: CountryProfile.Cuts
    var organisationCuts: CountryProfile.OrganisationCuts
}

extension CountryAnalyzer {
    /// The graph into the country (relationships, the super-source, and the paths the selected
    /// vantage points observed toward the country's own networks; only the part that can reach its
    /// origins), its dominator tree and its minimum cuts.
    func graphMetrics(of country: CountryCode, networks: CountryNetworks, family: AddressFamily) -> GraphMetrics {
        func isDomestic(_ node: Int32) -> Bool { node < topology.superSource && nodeCountries[Int(node)] == country }
        // Placed nowhere is neither: such an AS is removable only when any AS is.
        func isForeign(_ node: Int32) -> Bool {
            node < topology.superSource && nodeCountries[Int(node)] != nil && nodeCountries[Int(node)] != country
        }
        let overlay = topology.observedEdges(toward: networks.prefixes, included: selection.included(for: family))
        let sinks = Array(Set(networks.origins.joined())).sorted()
        let sub = baseGraph.ancestorSubgraph(of: sinks, adding: overlay, keeping: [topology.superSource])
        let source = sub.renumbered[Int(topology.superSource)]
        let dominators = DominatorTree(graph: sub.graph, source: source)

        var dominated: [Int32: Double] = [:]
        for slot in networks.prefixes.indices {
            let weight = networks.weights[slot]
            let origins = networks.origins[slot].map { sub.renumbered[Int($0)] }
            var common: Set<Int32>?
            for origin in origins {
                guard dominators.isReachable(origin) else { common = []; break }
                let ancestors = Set(dominators.dominators(of: origin)).union([origin])
                common = common.map { $0.intersection(ancestors) } ?? ancestors
            }
            // x counts when it dominates every origin other than itself: an origin counts for its own
            // networks, and for another origin's only if it dominates that one too.
            for node in common ?? [] where node != source {
                dominated[sub.original[Int(node)], default: 0] += weight
            }
        }

        let solver = VertexCutSolver(graph: sub.graph)
        let localSinks = sinks.map { sub.renumbered[Int($0)] }
        func cut(_ removable: @escaping (Int32) -> Bool) -> CountryProfile.Cut {
            guard !sinks.isEmpty else { return CountryProfile.Cut(size: 0, asns: [], isLowerBound: false) }
            let result = solver.minimumCut(from: source, to: localSinks,
                                           isRemovable: { $0 != source && removable(sub.original[Int($0)]) },
                                           limit: options.cutLimit)
            let nodes = result.nodes.map { sub.original[Int($0)] }
            let touchesSource = nodes.contains { sourceNeighbours.contains($0) }
            return CountryProfile.Cut(size: result.size, asns: nodes.map { topology.asns[Int($0)] }.sorted(),
                                      isLowerBound: result.isUnbounded || touchesSource)
        }
        let cuts = CountryProfile.Cuts(kappa: cut { _ in true }, kappaInternational: cut { isForeign($0) },
                                       kappaDomestic: cut { isDomestic($0) })

        // By organisation: the organisations of each minimum AS cut. Removing them removes the cut,
        // so the country is cut off; fewer organisations may do it by another cut (the minimum by
        // organisation is NP-hard in general), so this is the fewest Chokepoint shows, exact when 1.
        func organisationCut(_ cut: CountryProfile.Cut) -> CountryProfile.OrganisationCut {
            let ids = Set(cut.asns.compactMap { topology.nodeIndex[$0] }.map { organisationIDs[Int(organisationOfNode[Int($0)])] })
            return CountryProfile.OrganisationCut(size: cut.isLowerBound && cut.asns.isEmpty ? cut.size : ids.count,
                                                  organisations: ids.sorted(), asns: cut.asns, isLowerBound: cut.isLowerBound)
        }
        let organisationCuts = CountryProfile.OrganisationCuts(
            kappa: organisationCut(cuts.kappa), kappaInternational: organisationCut(cuts.kappaInternational),
            kappaDomestic: organisationCut(cuts.kappaDomestic))
        return GraphMetrics(dominated: dominated, cuts: cuts, organisationCuts: organisationCuts)
    }
}
