import ASTopology
import Geography
import ReferenceData

extension CountryAnalyzer {
    /// Where the topology's prefixes, ASes and organisations are: the half of the shared work that
    /// needs the geography.
    struct Located: Sendable {
        let prefixCountries: [CountryCode?]
        let prefixSources: [Int?]
        let placements: ASPlacements
        /// Each node's organisation, as an index into `organisationIDs`.
        let organisationOfNode: [Int32]
        let organisationIDs: [String]
        let prefixesByCountry: [CountryCode: [Int]]

        init(topology: Topology, geography: Geography, organisations: Organisations) {
            // Half a million lookups and more: in chunks on every core.
            let prefixes = topology.prefixes
            let placed = ChunkedWork.map(count: prefixes.count, chunk: 16_384) { range in
                geography.placements(of: prefixes[range])
            }.flatMap { $0 }
            prefixCountries = placed.map { $0?.country }
            prefixSources = placed.map { $0?.source }
            placements = ASPlacements(topology: topology, prefixCountries: prefixCountries, geography: geography,
                                      organisations: organisations)
            // Numbered in node order of first appearance; an AS no source knows is its own organisation.
            var numberOfOrganisation = [Int32](repeating: -1, count: organisations.all.count)
            var ids: [String] = []
            organisationOfNode = topology.asns.map { asn in
                guard let index = organisations.index(of: asn) else {
                    ids.append(organisations.id(of: asn))
                    return Int32(ids.count - 1)
                }
                if numberOfOrganisation[index] < 0 {
                    numberOfOrganisation[index] = Int32(ids.count)
                    ids.append(organisations.all[index].id)
                }
                return numberOfOrganisation[index]
            }
            organisationIDs = ids
            var byCountry: [CountryCode: [Int]] = [:]
            for (index, country) in prefixCountries.enumerated() {
                if let country { byCountry[country, default: []].append(index) }
            }
            prefixesByCountry = byCountry
        }
    }

    /// How routing is shaped, from the topology alone: the other half of the shared work.
    struct RoutingBase: Sendable {
        let core: [Int32]
        let isCore: [Bool]
        let baseGraph: DirectedGraph
        let sourceNeighbours: Set<Int32>
        let baseDominators: DominatorTree
        let selection: VantagePointSelection
        let policy: PolicyContext?

        init(topology: Topology, options: Options) {
            // Without AS relationships there is no core to find: the world side is then every
            // path's first AS, as the vantage points see the world.
            core = topology.core(coneThreshold: options.coreConeThreshold)
            var isCore = [Bool](repeating: false, count: topology.nodeCount + 1)
            for node in core { isCore[Int(node)] = true }
            self.isCore = isCore
            baseGraph = topology.relationshipGraph(worldSide: core.isEmpty ? nil : core)
            sourceNeighbours = Set(baseGraph.successors(of: topology.superSource))
            baseDominators = DominatorTree(graph: baseGraph, source: topology.superSource)
            selection = VantagePointSelection(topology: topology, fullFeedShare: options.fullFeedShare,
                                              includesPartial: options.includesPartialPeers)
            policy = PolicyContext(topology: topology, core: core)
        }
    }
}
