import ASTopology
import Dispatch
import Foundation
import Synchronization
import Geography
import InternetAddresses
import PrefixMatching
import ReferenceData

#if canImport(Glibc)
import Glibc
#endif

/// Computes country profiles from a topology and a geography. Work shared by all countries (prefix
/// countries, the vantage-point selection, the reachability graph) is done once.
public final class CountryAnalyzer: Sendable {
    /// Thresholds, the vantage-point rules and the aggregation.
    public struct Options: Sendable {
        /// Dominated share from which an AS is a point of failure.
        public var pointOfFailureThreshold = 0.99
        /// Dominated share from which an AS is critical.
        public var criticalThreshold = 0.5
        /// The largest cut searched for; larger cuts are reported as lower bounds with the members found.
        public var cutLimit = 64
        /// ASes whose customer cone holds more than this many ASes are the core: the world side of
        /// every country's graph, never removable in a cut (with the inferred clique).
        public var coreConeThreshold = 1000
        /// A vantage point is full-feed when it sees at least this share of the largest one's prefixes.
        public var fullFeedShare = 0.75
        /// Whether partial vantage points enter the path metrics too.
        public var includesPartialPeers = false
        /// How witnesses are combined.
        public var trimmedMean = TrimmedMean(fraction: 0.1)

        /// Creates the default options.
        public init() {}
    }

    /// The topology analysed.
    public let topology: Topology
    /// Where ASes and prefixes are.
    public let geography: Geography
    /// The options.
    public let options: Options
    /// The country of each topology prefix.
    public let prefixCountries: [CountryCode?]
    /// Which source placed each prefix (an index into `geography.tables`), nil when none did.
    public let prefixSources: [Int?]
    /// Where each node is, and from what evidence.
    public let placements: ASPlacements
    /// The country each node is placed in (nil: placed nowhere).
    public var nodeCountries: [CountryCode?] { placements.countries }
    /// Which organisation holds each AS.
    public let organisations: Organisations
    /// Each node's organisation, as an index into `organisationIDs`.
    let organisationOfNode: [Int32]
    /// The id of each organisation that holds a node of the topology.
    let organisationIDs: [String]
    /// AS names, for labels (from the names file, then CAIDA's AS handles).
    public let names: [UInt32: String]
    /// The country-independent part of every country's graph (relationships and the super-source).
    public let baseGraph: DirectedGraph
    /// `baseGraph`'s dominator tree from the super-source: each country's dominators are found from it.
    let baseDominators: DominatorTree
    /// Which vantage points count, and how they group into witnesses.
    public let selection: VantagePointSelection
    /// The core (the clique and the ASes of large customer cones), as node ids: the world side.
    public let core: [Int32]
    /// Whether each node is in the core.
    let isCore: [Bool]
    let sourceNeighbours: Set<Int32>
    let prefixesByCountry: [CountryCode: [Int]]
    /// Scratch space for the path metrics, one per thread at work.
    let pathTallies: PathTally.Pool
    /// The relationship graph for routing policy; nil without relationships.
    public let policy: PolicyContext?

    /// Prepares the shared work.
    public init(topology: Topology, geography: Geography, organisations: Organisations = Organisations(),
                names: [UInt32: String] = [:], options: Options = Options()) {
        self.topology = topology
        self.geography = geography
        self.options = options
        self.organisations = organisations
        self.names = names.merging(organisations.asNames) { file, _ in file }
        // Where things are and how routing is shaped do not depend on each other: side by side.
        let (located, routing) = ChunkedWork.pair({
            Located(topology: topology, geography: geography, organisations: organisations)
        }, {
            RoutingBase(topology: topology, options: options)
        })
        prefixCountries = located.prefixCountries
        prefixSources = located.prefixSources
        placements = located.placements
        organisationOfNode = located.organisationOfNode
        organisationIDs = located.organisationIDs
        prefixesByCountry = located.prefixesByCountry
        core = routing.core
        isCore = routing.isCore
        baseGraph = routing.baseGraph
        sourceNeighbours = routing.sourceNeighbours
        baseDominators = routing.baseDominators
        selection = routing.selection
        policy = routing.policy
        pathTallies = PathTally.Pool(pathCount: topology.paths.count, nodeCount: topology.nodeCount,
                                     organisationCount: located.organisationIDs.count)
    }

    /// Every country with at least one located IPv4 network.
    public var countries: [CountryCode] {
        var seen = Set<CountryCode>()
        for (index, country) in prefixCountries.enumerated() where topology.prefixes[index].family == .ipv4 {
            if let country { seen.insert(country) }
        }
        return seen.sorted()
    }

    /// An organisation's name: CAIDA's, else the name of the first of `asns` (the ASes in
    /// question) or of its other ASes that has one.
    func organisationName(_ organisation: Int32, preferring asns: [UInt32] = []) -> String? {
        let id = organisationIDs[Int(organisation)]
        let known = organisations.organisation(withID: id)
        if let name = known?.name { return name }
        return (asns + (known?.asns ?? [])).lazy.compactMap { self.names[$0] }.first
    }

    /// How many ASes an organisation holds (1 for an AS no source places in one).
    func organisationSize(_ organisation: Int32) -> Int {
        organisations.organisation(withID: organisationIDs[Int(organisation)])?.asns.count ?? 1
    }

    /// The organisation id of a node.
    func organisationID(of node: Int32) -> String {
        organisationIDs[Int(organisationOfNode[Int(node)])]
    }

    /// The distinct paths the selected vantage points saw to `prefix`.
    func selectedPaths(to prefix: Int32, family: AddressFamily) -> [Int32] {
        let included = selection.included(for: family)
        var seen = Set<UInt32>()
        var result: [Int32] = []
        for route in topology.routes.routes(of: prefix) where included[Int(topology.routes.vantagePoints[route])] {
            if seen.insert(topology.routes.paths[route]).inserted { result.append(Int32(topology.routes.paths[route])) }
        }
        return result
    }

    /// The profiles of `countries`, computed on every core (the analyzer is read-only).
    ///
    /// - Parameter progress: Called, from any thread, with the number of profiles done so far.
    public func profiles(of countries: [CountryCode], family: AddressFamily = .ipv4,
                         progress: (@Sendable (Int) -> Void)? = nil) -> [CountryProfile] {
        let results = ResultSlots<CountryProfile>(count: countries.count)
        let finished = Atomic<Int>(0)
        // Largest first, so that no large country is left to run alone at the end.
        let order = countries.indices.sorted {
            (prefixesByCountry[countries[$0]]?.count ?? 0, $1) > (prefixesByCountry[countries[$1]]?.count ?? 0, $0)
        }
        DispatchQueue.concurrentPerform(iterations: countries.count) { position in
            let index = order[position]
            results.store(profile(of: countries[index], family: family), at: index)
            let done = finished.add(1, ordering: .relaxed).newValue
            progress?(done)
        }
        return results.values
    }

    /// The profile of `country`, for its IPv4 networks (the default) or its IPv6 ones.
    public func profile(of country: CountryCode, family: AddressFamily = .ipv4) -> CountryProfile {
        let networks = networks(of: country, family: family)
        let total = networks.totalWeight
        func isDomestic(_ node: Int32) -> Bool { node < topology.superSource && nodeCountries[Int(node)] == country }
        let paths = pathMetrics(of: country, networks: networks, family: family)

        // Upstreams seen on paths, scaled so their shares sum to 1; relationship providers apart.
        let scale = paths.upstreams.reduce(0) { $0 + $1.share }
        let pathUpstreams = Set(paths.upstreams.map(\.node))
        var providers: [Int32: Set<Int32>] = [:]
        var relationshipBorders = Set<Int32>()
        for member in paths.domesticChain {
            for provider in topology.providers(of: member) where !isDomestic(provider) {
                providers[provider, default: []].insert(member)
                relationshipBorders.insert(member)
            }
        }
        let upstreams = paths.upstreams.map { entry in
            CountryProfile.Upstream(asn: topology.asns[Int(entry.node)], name: names[topology.asns[Int(entry.node)]],
                                    organisation: organisationID(of: entry.node),
                                    share: scale > 0 ? entry.share / scale : 0, onlyShare: scale > 0 ? entry.onlyShare / scale : 0,
                                    evidence: providers[entry.node] == nil ? .path : .both, witnesses: entry.witnesses)
        }.rankedByShare()
        let organisationScale = paths.upstreamOrganisations.reduce(0) { $0 + $1.share }
        let upstreamNodes = paths.upstreams.map(\.node)
        let upstreamOrganisations = paths.upstreamOrganisations.map { entry -> CountryProfile.OrganisationShare in
            let members = upstreamNodes.filter { organisationOfNode[Int($0)] == entry.organisation }
            let asns: [UInt32] = members.map { topology.asns[Int($0)] }.sorted()
            let share: Double = organisationScale > 0 ? entry.share / organisationScale : 0
            let only: Double = organisationScale > 0 ? entry.onlyShare / organisationScale : 0
            return CountryProfile.OrganisationShare(
                organisation: organisationIDs[Int(entry.organisation)], name: organisationName(entry.organisation, preferring: asns),
                asns: asns, members: organisationSize(entry.organisation), share: share, onlyShare: only, witnesses: entry.witnesses)
        }.sorted { $0.share != $1.share ? $0.share > $1.share : $0.organisation < $1.organisation }
        let possible = providers.filter { !pathUpstreams.contains($0.key) }.map { provider, customers in
            CountryProfile.PossibleUpstream(asn: topology.asns[Int(provider)], name: names[topology.asns[Int(provider)]],
                                            organisation: organisationID(of: provider),
                                            customers: customers.map { topology.asns[Int($0)] }.sorted())
        }.sorted { $0.asn < $1.asn }
        let hhi = upstreams.reduce(0) { $0 + $1.share * $1.share }
        let effective = hhi > 0 ? 1 / hhi : 0

        // The graph's cuts and the policy metrics both follow from the paths, not from each other:
        // side by side, so that the last large country of a run does not keep one core alone.
        let observedUpstreams = upstreams.map(\.asn)
        let edges = topology.observedEdges(ofPaths: paths.paths)
        let (graph, policy) = ChunkedWork.pair({
            self.graphMetrics(of: country, networks: networks, edges: edges)
        }, {
            self.policyProfile(of: country, networks: networks, edges: edges, observedUpstreams: observedUpstreams)
        })
        func failures(_ values: [Int32: Double], threshold: Double) -> [CountryProfile.PointOfFailure] {
            values.compactMap { node, weight in
                let share = total > 0 ? weight / total : 0
                guard share >= threshold - 1e-12 else { return nil }
                let asn = topology.asns[Int(node)]
                return CountryProfile.PointOfFailure(asn: asn, name: names[asn], dominatedShare: share, domestic: isDomestic(node))
            }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn }
        }
        let chokepoints = paths.onEveryPath.filter { $0.share >= options.criticalThreshold - 1e-12 }.map {
            CountryProfile.PointOfFailure(asn: topology.asns[Int($0.node)], name: names[topology.asns[Int($0.node)]],
                                          dominatedShare: $0.share, domestic: isDomestic($0.node))
        }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn }
        let hegemony = paths.hegemony.map {
            CountryProfile.Hegemony(asn: topology.asns[Int($0.node)], name: names[topology.asns[Int($0.node)]], hegemony: $0.value,
                                    witnesses: $0.witnesses, domestic: isDomestic($0.node))
        }.sorted { $0.hegemony != $1.hegemony ? $0.hegemony > $1.hegemony : $0.asn < $1.asn }
        let maxDominated = total > 0 ? (graph.dominated.values.max() ?? 0) / total : 0

        var byOrigin: [Int32: Double] = [:]
        for (slot, origins) in networks.origins.enumerated() {
            for origin in origins { byOrigin[origin, default: 0] += networks.weights[slot] / Double(origins.count) }
        }
        let concentration = total > 0 ? (byOrigin.values.max() ?? 0) / total : 0

        // A country with nothing to measure gets no score, and says why.
        var reason: String?
        if networks.located == 0 {
            reason = "no \(family) network is located here"
        } else if networks.prefixes.isEmpty {
            reason = "none of the \(networks.located) \(family) networks located here has a known origin"
        } else if paths.witnesses == 0 {
            reason = topology.simulation != nil
                ? "no simulated route reaches its networks: no relationship links their origins to the rest of the graph"
                : topology.routes.count == 0
                ? "no routing data was read: the policy metrics are the measurement"
                : "no vantage point saw a path into its networks"
        }
        // Sibling ASes are one company: the score counts organisations, for the transit cut and for
        // diversity; a transit cut that reaches the core counts its ways in.
        let organisationHHI = upstreamOrganisations.reduce(0) { $0 + $1.share * $1.share }
        let parts = reason == nil
            ? ResilienceScore.parts(kappa: graph.organisationCuts.kappa.size, uncuttable: graph.organisationCuts.kappa.unbounded,
                                    effectiveUpstreams: organisationHHI > 0 ? 1 / organisationHHI : 0, largestDominatedShare: maxDominated)
            : .zero
        let borderNodes = paths.borders.union(relationshipBorders)
        let borders = borderNodes.map { topology.asns[Int($0)] }.sorted()
        // The frontier's companies: border ASes' organisations, and those serving networks from abroad.
        var borderGroups: [Int32: Set<UInt32>] = [:]
        for node in borderNodes { borderGroups[organisationOfNode[Int(node)], default: []].insert(topology.asns[Int(node)]) }
        for (slot, origins) in networks.origins.enumerated() where networks.servedFromAbroad[slot] {
            for origin in origins { borderGroups[organisationOfNode[Int(origin)], default: []].insert(topology.asns[Int(origin)]) }
        }
        let borderOrganisations = borderGroups.map { organisation, asns in
            CountryProfile.Organisation(organisation: organisationIDs[Int(organisation)],
                                        name: organisationName(organisation, preferring: asns.sorted()), asns: asns.sorted(),
                                        members: organisationSize(organisation))
        }.sorted { $0.organisation < $1.organisation }
        let domesticOrigins = Set(zip(networks.origins, networks.servedFromAbroad).filter { !$0.1 }.flatMap(\.0))
        var originBasis: [String: Int] = [:]
        for origin in domesticOrigins { originBasis[placements.bases[Int(origin)].rawValue, default: 0] += 1 }
        var profile = CountryProfile(
            country: country, family: family, networks: networks.located, networksIPv6: networks.locatedIPv6,
            addressSpace24: total, originASes: domesticOrigins.map { topology.asns[Int($0)] }.sorted(),
            foreignOriginASes: networks.foreignOrigins.sorted(), foreignOriginatedNetworks: networks.foreignOriginated,
            unknownOriginNetworks: networks.unknownOrigin,
            servedFromAbroad: total > 0 ? networks.servedFromAbroadWeight / total : 0, originBasis: originBasis,
            unknownASes: paths.unknown.map { topology.asns[Int($0)] }.sorted(),
            borderASes: borders, borderOrganisations: borderOrganisations,
            upstreams: upstreams, upstreamOrganisations: upstreamOrganisations, possibleUpstreams: possible, hhi: hhi,
            effectiveUpstreams: effective, cuts: graph.cuts, transitCuts: graph.transitCuts, organisationCuts: graph.organisationCuts,
            pointsOfFailure: failures(graph.dominated, threshold: options.pointOfFailureThreshold),
            criticalASes: failures(graph.dominated, threshold: options.criticalThreshold),
            observedPathChokepoints: chokepoints, hegemony: hegemony, originConcentration: concentration,
            witnesses: paths.witnesses, witnessASes: paths.witnessASes,
            score: reason == nil ? parts.total : nil, scoreReason: reason, scoreParts: parts)
        if topology.simulation != nil { profile.routes = .simulated }
        profile.policy = policy
        return profile
    }
}

extension Array where Element == CountryProfile.Upstream {
    /// Largest share first, each given its rank; equal shares (within rounding) share a rank.
    func rankedByShare() -> [CountryProfile.Upstream] {
        var sorted = self.sorted { $0.share != $1.share ? $0.share > $1.share : $0.asn < $1.asn }
        var rank = 0
        var previous: Double?
        for index in sorted.indices {
            if let last = previous, abs(last - sorted[index].share) <= 1e-9 {
                sorted[index].rank = rank
            } else {
                rank = index + 1
                sorted[index].rank = rank
                previous = sorted[index].share
            }
        }
        return sorted
    }
}
