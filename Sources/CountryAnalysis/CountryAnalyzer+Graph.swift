import ASTopology
import InternetAddresses
import ReferenceData

/// What the graph into a country says: which ASes dominate its origins, and the minimum cuts, by
/// AS and by organisation.
struct GraphMetrics {
    /// Address-space weight whose origins each node dominates.
    var dominated: [Int32: Double] = [:]
    /// Cuts with the origins removable.
    var cuts: CountryProfile.Cuts
    /// Cuts of the transit into the country: the origins not removable.
    var transitCuts: CountryProfile.Cuts
    /// The transit cuts counted in organisations.
    var organisationCuts: CountryProfile.OrganisationCuts
}

extension CountryAnalyzer {
    /// The graph into the country (relationships, the super-source, and `overlay`: the edges of the
    /// paths the selected vantage points observed toward the country's own networks; only the part
    /// that can reach its origins), its dominator tree and its minimum cuts.
    func graphMetrics(of country: CountryCode, networks: CountryNetworks, edges overlay: [(from: Int32, to: Int32)]) -> GraphMetrics {
        func isDomestic(_ node: Int32) -> Bool { node < topology.superSource && nodeCountries[Int(node)] == country }
        // Placed nowhere is neither: such an AS is removable only when any AS is.
        func isForeign(_ node: Int32) -> Bool {
            node < topology.superSource && nodeCountries[Int(node)] != nil && nodeCountries[Int(node)] != country
        }
        let sinks = networks.distinctOrigins
        let sub = baseGraph.ancestors(of: sinks, adding: overlay, keeping: [topology.superSource])
        let source = sub.renumbered[Int(topology.superSource)]
        // The origins' dominators, found on the small graph below the mesh (`OverlayDominators`).
        let dominators = OverlayDominators(targets: sinks, in: baseGraph, adding: overlay, baseTree: baseDominators)
        /// An origin and its dominators but the source; nil when no path reaches it.
        func dominatorsAndSelf(of origin: Int32) -> Set<Int32>? {
            guard dominators.isReachable(origin) else { return nil }
            return Set(dominators.dominators(of: origin).filter { $0 != topology.superSource }).union([origin])
        }

        var dominated: [Int32: Double] = [:]
        for slot in networks.prefixes.indices {
            let weight = networks.weights[slot]
            var common: Set<Int32>?
            for origin in networks.origins[slot] {
                guard let ancestors = dominatorsAndSelf(of: origin) else { common = []; break }
                common = common.map { $0.intersection(ancestors) } ?? ancestors
            }
            // x counts when it dominates every origin other than itself: an origin counts for its own
            // networks, and for another origin's only if it dominates that one too.
            for node in common ?? [] { dominated[node, default: 0] += weight }
        }

        // The world side is the super-source and the core (`Options.coreConeThreshold`): core ASes
        // are never removable, so a cut measures what lies between the core and the country. When
        // no cut exists without them, the country is cut off only if the core itself fails: the cut
        // "reaches the core", and its size is the number of disjoint ways in, core ASes counted.
        let solver = VertexCutSolver(subgraph: sub)
        let localSinks = sinks.map { sub.renumbered[Int($0)] }
        var isSink = [Bool](repeating: false, count: sub.nodeCount)
        for local in localSinks { isSink[Int(local)] = true }
        func cut(originsRemovable: Bool, throughCore: Bool = true, _ removable: @escaping (Int32) -> Bool) -> CountryProfile.Cut {
            guard !sinks.isEmpty else { return CountryProfile.Cut(size: 0, asns: [], isLowerBound: false) }
            func run(coreRemovable: Bool) -> VertexCutSolver.Cut {
                solver.minimumCut(from: source, to: localSinks, isRemovable: { local in
                    let node = sub.original[Int(local)]
                    // Counting the ways in through the core, an origin that is itself a core AS is one of them.
                    let coreWay = coreRemovable && isCore[Int(node)]
                    guard local != source, originsRemovable || coreWay || !isSink[Int(local)] else { return false }
                    return (coreRemovable || !isCore[Int(node)]) && (coreWay || removable(node))
                }, limit: options.cutLimit)
            }
            var result = run(coreRemovable: false)
            // Core ASes are foreign: only the cuts that may remove foreign ASes count the ways in through them.
            let reachesCore = throughCore && result.isUnbounded && !result.limitReached
            if reachesCore { result = run(coreRemovable: true) }
            let asns = result.nodes.map { topology.asns[Int(sub.original[Int($0)])] }.sorted()
            if result.isUnbounded && !result.limitReached {
                // Not even the core separates them: an unremovable path (an origin next to the world side).
                return CountryProfile.Cut(size: 0, asns: [], isLowerBound: false, unbounded: true)
            }
            return CountryProfile.Cut(size: result.size, asns: asns, isLowerBound: result.limitReached, reachesCore: reachesCore,
                                      limitReached: result.limitReached)
        }
        let cuts = CountryProfile.Cuts(kappa: cut(originsRemovable: true) { _ in true },
                                       kappaInternational: cut(originsRemovable: true) { isForeign($0) },
                                       kappaDomestic: cut(originsRemovable: true, throughCore: false) { isDomestic($0) })
        let transitCuts = CountryProfile.Cuts(kappa: cut(originsRemovable: false) { _ in true },
                                              kappaInternational: cut(originsRemovable: false) { isForeign($0) },
                                              kappaDomestic: cut(originsRemovable: false, throughCore: false) { isDomestic($0) })

        // By organisation: the organisations of each minimum transit cut. Removing them removes the
        // cut, so the country is cut off; fewer organisations may do it by another cut (the minimum
        // by organisation is NP-hard in general), so this is the fewest Chokepoint shows, exact when 1.
        func organisationCut(_ cut: CountryProfile.Cut) -> CountryProfile.OrganisationCut {
            let ids = Set(cut.asns.compactMap { topology.nodeIndex[$0] }.map { organisationIDs[Int(organisationOfNode[Int($0)])] })
            // At the limit the members are those found so far: the AS count found is the better bound.
            let size = cut.limitReached ? max(cut.size, ids.count) : ids.count
            return CountryProfile.OrganisationCut(size: size, organisations: ids.sorted(), asns: cut.asns, isLowerBound: cut.isLowerBound,
                                                  reachesCore: cut.reachesCore, unbounded: cut.unbounded)
        }
        let organisationCuts = CountryProfile.OrganisationCuts(
            kappa: organisationCut(transitCuts.kappa), kappaInternational: organisationCut(transitCuts.kappaInternational),
            kappaDomestic: organisationCut(transitCuts.kappaDomestic))
        return GraphMetrics(dominated: dominated, cuts: cuts, transitCuts: transitCuts, organisationCuts: organisationCuts)
    }
}
