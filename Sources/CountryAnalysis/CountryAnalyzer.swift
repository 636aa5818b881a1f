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
/// countries, the reachability graph, its dominator tree, the cut solver) is done once.
public final class CountryAnalyzer: Sendable {
    /// Thresholds for points of failure and critical ASes.
    public struct Options: Sendable {
        /// Dominated share from which an AS is a point of failure.
        public var pointOfFailureThreshold = 0.99
        /// Dominated share from which an AS is critical.
        public var criticalThreshold = 0.5
        /// The largest cut searched for; larger cuts are reported as lower bounds.
        public var cutLimit = 64

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
    private let sourceNeighbours: Set<Int32>
    private let prefixesByCountry: [CountryCode: [Int]]

    /// Prepares the shared work.
    public init(topology: Topology, geography: Geography, options: Options = Options()) {
        self.topology = topology
        self.geography = geography
        self.options = options
        prefixCountries = topology.prefixes.map { geography.country(of: $0) }
        nodeCountries = topology.asns.map { geography.country(of: $0) }
        baseGraph = topology.relationshipGraph()
        sourceNeighbours = Set(baseGraph.successors(of: topology.superSource))
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

    /// The networks of a country that enter the analysis: IPv4 prefixes located there with at least
    /// one domestic origin, each with its address-space weight (/24 equivalents, the parts covered by
    /// a more specific prefix of the country going to that prefix), and the domestic origins.
    struct CountryNetworks {
        var prefixes: [Int32] = []
        var weights: [Double] = []
        var origins: [[Int32]] = []
        var totalWeight = 0.0
        var located = 0
        var locatedIPv6 = 0
        var foreignOriginated = 0
        var unknownOrigin = 0
        var foreignOrigins = Set<UInt32>()
    }

    func networks(of country: CountryCode, family: AddressFamily = .ipv4) -> CountryNetworks {
        var result = CountryNetworks()
        var builder = PrefixTable<Int>.Builder()
        for index in prefixesByCountry[country] ?? [] {
            let prefix = topology.prefixes[index]
            if prefix.family == .ipv6 { result.locatedIPv6 += 1 }
            guard prefix.family == family else { continue }
            result.located += 1
            let origins = topology.prefixOrigins[index]
            guard !origins.isEmpty else {
                result.unknownOrigin += 1
                continue
            }
            let domestic = origins.filter { nodeCountries[Int($0)] == country }
            for origin in origins where nodeCountries[Int(origin)] != country {
                result.foreignOrigins.insert(topology.asns[Int(origin)])
            }
            guard !domestic.isEmpty else {
                result.foreignOriginated += 1
                continue
            }
            builder.insert(prefix, value: result.prefixes.count)
            result.prefixes.append(Int32(index))
            result.origins.append(domestic)
        }
        // Each address counts once, for the most specific prefix holding it.
        result.weights = [Double](repeating: 0, count: result.prefixes.count)
        let table = builder.build()
        // IPv4 space is counted in /24s, IPv6 space in /48s.
        let everything = family == .ipv4 ? IPAddressRange(first: .v4(0), last: .v4(.max)) : IPAddressRange(first: .v6(0), last: .v6(.max))
        let unit = family == .ipv4 ? 256.0 : Double(sign: .plus, exponent: 80, significand: 1)
        for piece in table.overlaps(with: everything ?? IPAddressRange(IPPrefix(address: .v4(0), length: 0))) {
            result.weights[piece.value] += piece.range.addressCount / unit
        }
        result.totalWeight = result.weights.reduce(0, +)
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

        // Border crossings along observed paths, and relationship evidence.
        var upstreamEvidence: [Int32: (path: Bool, relationship: Bool)] = [:]
        var borders = Set<Int32>()
        var prefixUpstreams: [Set<Int32>] = []
        for (slot, prefix) in networks.prefixes.enumerated() {
            var upstreams = Set<Int32>()
            var domesticChain = Set(networks.origins[slot])
            for pathID in topology.prefixPaths[Int(prefix)] {
                let path = topology.paths[pathID]
                guard let last = path.last, isDomestic(last) else { continue }
                var index = path.endIndex - 1
                while index > path.startIndex && isDomestic(path[index - 1]) {
                    domesticChain.insert(path[index - 1])
                    index -= 1
                }
                domesticChain.insert(path[index])
                guard index > path.startIndex else { continue }  // the vantage point is domestic
                let upstream = path[index - 1]
                upstreams.insert(upstream)
                borders.insert(path[index])
                upstreamEvidence[upstream, default: (false, false)].path = true
            }
            for member in domesticChain {
                for provider in topology.providers(of: member) where !isDomestic(provider) {
                    upstreams.insert(provider)
                    borders.insert(member)
                    upstreamEvidence[upstream: provider].relationship = true
                }
            }
            prefixUpstreams.append(upstreams)
        }
        var shares: [Int32: Double] = [:]
        var onlyShares: [Int32: Double] = [:]
        var carriedWeight = 0.0
        for (slot, upstreams) in prefixUpstreams.enumerated() where !upstreams.isEmpty {
            let weight = networks.weights[slot]
            carriedWeight += weight
            for upstream in upstreams { shares[upstream, default: 0] += weight / Double(upstreams.count) }
            if upstreams.count == 1, let only = upstreams.first { onlyShares[only, default: 0] += weight }
        }
        var upstreams: [CountryProfile.Upstream] = []
        let scale = carriedWeight > 0 ? 1 / carriedWeight : 0
        for (node, share) in shares {
            let evidence = upstreamEvidence[node] ?? (false, false)
            let kind: String
            if evidence.path && evidence.relationship {
                kind = "both"
            } else {
                kind = evidence.path ? "path" : "relationship"
            }
            let only: Double = onlyShares[node] ?? 0
            upstreams.append(CountryProfile.Upstream(asn: topology.asns[Int(node)], share: share * scale,
                                                     onlyShare: only * scale, evidence: kind))
        }
        upstreams.sort { $0.share != $1.share ? $0.share > $1.share : $0.asn < $1.asn }
        var hhi = 0.0
        for upstream in upstreams { hhi += upstream.share * upstream.share }
        let effective = hhi > 0 ? 1 / hhi : 0

        // The graph into the country: relationships, the super-source, and the paths observed toward
        // the country's own networks; only the part that can reach its origins matters.
        let overlay = topology.observedEdges(toward: networks.prefixes)
        let sinks = Array(Set(networks.origins.joined())).sorted()
        let sub = baseGraph.ancestorSubgraph(of: sinks, adding: overlay, keeping: [topology.superSource])
        let source = sub.renumbered[Int(topology.superSource)]
        let dominators = DominatorTree(graph: sub.graph, source: source)

        // Dominated shares, on that graph and on the observed paths.
        var dominated: [Int32: Double] = [:]
        var observedOnEveryPath: [Int32: Double] = [:]
        for (slot, prefix) in networks.prefixes.enumerated() {
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
            var onAll: Set<Int32>?
            for pathID in topology.prefixPaths[Int(prefix)] {
                // The vantage point is on its own paths by construction; it says nothing.
                let members = Set(topology.paths[pathID].dropFirst())
                onAll = onAll.map { $0.intersection(members) } ?? members
            }
            for node in onAll ?? [] {
                observedOnEveryPath[node, default: 0] += weight
            }
        }
        func failures(_ values: [Int32: Double], threshold: Double) -> [CountryProfile.PointOfFailure] {
            values.compactMap { node, weight in
                let share = total > 0 ? weight / total : 0
                guard share >= threshold - 1e-12 else { return nil }
                return CountryProfile.PointOfFailure(asn: topology.asns[Int(node)], dominatedShare: share, domestic: isDomestic(node))
            }.sorted { $0.dominatedShare != $1.dominatedShare ? $0.dominatedShare > $1.dominatedShare : $0.asn < $1.asn }
        }
        let maxDominated = total > 0 ? (dominated.values.max() ?? 0) / total : 0

        // Cuts.
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
        let kappa = cut { _ in true }
        let international = cut { !isDomestic($0) }
        let domestic = cut { isDomestic($0) }

        // Origin concentration.
        var byOrigin: [Int32: Double] = [:]
        for (slot, origins) in networks.origins.enumerated() {
            for origin in origins { byOrigin[origin, default: 0] += networks.weights[slot] / Double(origins.count) }
        }
        let concentration = total > 0 ? (byOrigin.values.max() ?? 0) / total : 0

        let parts = CountryProfile.ScoreParts(
            cut: 40 * min(1, log2(1 + Double(kappa.size)) / log2(41)),
            diversity: 30 * min(1, log2(1 + effective) / log2(21)),
            dominance: 30 * (1 - maxDominated))
        let origins = Set(networks.origins.joined()).map { topology.asns[Int($0)] }.sorted()
        let borderList = borders.map { topology.asns[Int($0)] }.sorted()
        return CountryProfile(
            country: country.description, family: family.description,
            networks: networks.located,
            networksIPv6: networks.locatedIPv6,
            addressSpace24: total, originASes: origins, foreignOriginASes: networks.foreignOrigins.sorted(),
            foreignOriginatedNetworks: networks.foreignOriginated, unknownOriginNetworks: networks.unknownOrigin,
            borderASes: borderList, tier: ResilienceTier(borderCount: borderList.count).rawValue,
            upstreams: upstreams, upstreamCount: upstreams.count, hhi: hhi, effectiveUpstreams: effective,
            kappa: kappa.size, kappaInternational: international.size, kappaDomestic: domestic.size,
            cuts: ["kappa": kappa, "kappaInternational": international, "kappaDomestic": domestic],
            pointsOfFailure: failures(dominated, threshold: options.pointOfFailureThreshold),
            criticalASes: failures(dominated, threshold: options.criticalThreshold),
            observedPathChokepoints: failures(observedOnEveryPath, threshold: options.criticalThreshold),
            originConcentration: concentration,
            score: parts.cut + parts.diversity + parts.dominance, scoreParts: parts)
    }
}

private extension Dictionary where Key == Int32, Value == (path: Bool, relationship: Bool) {
    subscript(upstream key: Int32) -> (path: Bool, relationship: Bool) {
        get { self[key] ?? (false, false) }
        set { self[key] = newValue }
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
