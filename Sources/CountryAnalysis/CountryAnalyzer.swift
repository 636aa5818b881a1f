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
        /// The largest cut searched for; larger cuts are reported as lower bounds.
        public var cutLimit = 64
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
    /// The country each node is registered in.
    public let nodeCountries: [CountryCode?]
    /// The country-independent part of every country's graph (relationships and the super-source).
    public let baseGraph: DirectedGraph
    /// Which vantage points count, and how they group into witnesses.
    public let selection: VantagePointSelection
    let sourceNeighbours: Set<Int32>
    let prefixesByCountry: [CountryCode: [Int]]

    /// Prepares the shared work.
    public init(topology: Topology, geography: Geography, options: Options = Options()) {
        self.topology = topology
        self.geography = geography
        self.options = options
        prefixCountries = topology.prefixes.map { geography.country(of: $0) }
        nodeCountries = topology.asns.map { geography.country(of: $0) }
        baseGraph = topology.relationshipGraph()
        sourceNeighbours = Set(baseGraph.successors(of: topology.superSource))
        selection = VantagePointSelection(topology: topology, fullFeedShare: options.fullFeedShare,
                                          includesPartial: options.includesPartialPeers)
        var byCountry: [CountryCode: [Int]] = [:]
        for (index, country) in prefixCountries.enumerated() {
            if let country { byCountry[country, default: []].append(index) }
        }
        prefixesByCountry = byCountry
    }

    /// Every country with at least one located IPv4 network.
    public var countries: [CountryCode] {
        var seen = Set<CountryCode>()
        for (index, country) in prefixCountries.enumerated() where topology.prefixes[index].family == .ipv4 {
            if let country { seen.insert(country) }
        }
        return seen.sorted()
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
        DispatchQueue.concurrentPerform(iterations: countries.count) { index in
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
            CountryProfile.Upstream(asn: topology.asns[Int(entry.node)], share: scale > 0 ? entry.share / scale : 0,
                                    onlyShare: scale > 0 ? entry.onlyShare / scale : 0,
                                    evidence: providers[entry.node] == nil ? .path : .both, witnesses: entry.witnesses)
        }.sorted { $0.share != $1.share ? $0.share > $1.share : $0.asn < $1.asn }
        let possible = providers.filter { !pathUpstreams.contains($0.key) }.map { provider, customers in
            CountryProfile.PossibleUpstream(asn: topology.asns[Int(provider)], customers: customers.map { topology.asns[Int($0)] }.sorted())
        }.sorted { $0.asn < $1.asn }
        let hhi = upstreams.reduce(0) { $0 + $1.share * $1.share }
        let effective = hhi > 0 ? 1 / hhi : 0

        let graph = graphMetrics(of: country, networks: networks, family: family)
        func failures(_ values: [Int32: Double], threshold: Double) -> [CountryProfile.PointOfFailure] {
            values.compactMap { node, weight in
                let share = total > 0 ? weight / total : 0
                guard share >= threshold - 1e-12 else { return nil }
                return CountryProfile.PointOfFailure(asn: topology.asns[Int(node)], dominatedShare: share, domestic: isDomestic(node))
            }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn }
        }
        let chokepoints = paths.onEveryPath.filter { $0.share >= options.criticalThreshold - 1e-12 }.map {
            CountryProfile.PointOfFailure(asn: topology.asns[Int($0.node)], dominatedShare: $0.share, domestic: isDomestic($0.node))
        }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn }
        let hegemony = paths.hegemony.map {
            CountryProfile.Hegemony(asn: topology.asns[Int($0.node)], hegemony: $0.value, witnesses: $0.witnesses, domestic: isDomestic($0.node))
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
            reason = "none of the \(networks.located) \(family) networks located here has a known domestic origin "
                + "(\(networks.foreignOriginated) originated abroad, \(networks.unknownOrigin) with no known origin)"
        } else if paths.witnesses == 0 {
            reason = "no vantage point saw a path into its networks"
        }
        let parts = reason == nil
            ? ResilienceScore.parts(kappa: graph.cuts.kappa.size, effectiveUpstreams: effective, largestDominatedShare: maxDominated)
            : .zero
        let borders = paths.borders.union(relationshipBorders).map { topology.asns[Int($0)] }.sorted()
        return CountryProfile(
            country: country, family: family, networks: networks.located, networksIPv6: networks.locatedIPv6,
            addressSpace24: total, originASes: Set(networks.origins.joined()).map { topology.asns[Int($0)] }.sorted(),
            foreignOriginASes: networks.foreignOrigins.sorted(), foreignOriginatedNetworks: networks.foreignOriginated,
            unknownOriginNetworks: networks.unknownOrigin, borderASes: borders, tier: ResilienceTier(borderCount: borders.count),
            upstreams: upstreams, possibleUpstreams: possible, hhi: hhi, effectiveUpstreams: effective, cuts: graph.cuts,
            pointsOfFailure: failures(graph.dominated, threshold: options.pointOfFailureThreshold),
            criticalASes: failures(graph.dominated, threshold: options.criticalThreshold),
            observedPathChokepoints: chokepoints, hegemony: hegemony, originConcentration: concentration,
            witnesses: paths.witnesses, witnessASes: paths.witnessASes,
            score: reason == nil ? parts.total : nil, scoreReason: reason, scoreParts: parts)
    }
}

/// Slots that concurrent workers fill, one each.
///
/// `@unchecked Sendable`: each index is written by exactly one worker, under `lock`, and read only
/// after all workers have finished.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = [Value?](repeating: nil, count: count)
    }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.compactMap { $0 } }
}
