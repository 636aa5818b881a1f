import ASTopology
import ReferenceData

/// What a country's topology diagram shows: the country's ASes, its border ASes, its international
/// upstreams (and, with depth, theirs), the address-space share each edge carries, and the points
/// of failure. Built by `CountryAnalyzer.diagram(of:)`; drawn by the rendering module.
public struct CountryDiagram: Sendable, Hashable {
    /// A node: one AS, or several folded into one.
    public struct Node: Sendable, Hashable {
        /// Where the node sits.
        public enum Role: String, Sendable, Hashable {
            /// Registered in the country.
            case domestic
            /// An international upstream.
            case upstream
            /// An upstream of an upstream (with depth).
            case transit
        }

        /// A unique id (`AS4837`, or `more-domestic` for a folded node).
        public var id: String
        /// The first label line (`AS4837`, or `+12 more ASes`).
        public var title: String
        /// The AS name, when known.
        public var name: String?
        /// Where the node sits.
        public var role: Role
        /// Whether it is a border AS.
        public var isBorder: Bool
        /// The share of the country's address space it dominates, when it is critical (≥ 0.5).
        public var dominatedShare: Double?
        /// Whether it is a point of failure (DS ≥ 0.99).
        public var isPointOfFailure: Bool
        /// The share of the address space whose paths it carries (upstreams: their upstream share).
        public var share: Double
        /// How many ASes the node stands for.
        public var folded: Int
    }

    /// A directed edge toward the country, carrying a share of its address space.
    public struct Edge: Sendable, Hashable {
        /// The tail's id.
        public var from: String
        /// The head's id.
        public var to: String
        /// The share of the address space it carries.
        public var share: Double
    }

    /// The country's profile, for the headline numbers.
    public var profile: CountryProfile
    /// The nodes.
    public var nodes: [Node]
    /// The edges.
    public var edges: [Edge]
}

extension CountryAnalyzer {
    /// The diagram of `country`: its top `limit` domestic ASes and top `limit` upstreams by share
    /// (the rest folded into one node each), and `depth` hops of the upstreams' own upstreams.
    /// Edges carrying less than `minimumEdgeShare` of the address space are left out. Pass the
    /// country's IPv4 `profile` when already computed, to save computing it again.
    public func diagram(of country: CountryCode, depth: Int = 0, limit: Int = 25, names: [UInt32: String] = [:],
                        minimumEdgeShare: Double = 0.01, profile known: CountryProfile? = nil) -> CountryDiagram {
        let profile = known ?? profile(of: country)
        let networks = networks(of: country)
        let total = max(networks.totalWeight, .leastNonzeroMagnitude)
        func isDomestic(_ node: Int32) -> Bool { nodeCountries[Int(node)] == country }
        var carried: [Int32: Double] = [:]
        var edgeShare: [Topology.EdgeKey: Double] = [:]
        var transit: [Int32: Int] = [:]
        for (slot, prefix) in networks.prefixes.enumerated() {
            let weight = networks.weights[slot] / total
            var nodesSeen = Set<Int32>()
            var edgesSeen = Set<Topology.EdgeKey>()
            for origin in networks.origins[slot] { nodesSeen.insert(origin) }
            for pathID in selectedPaths(to: prefix, family: .ipv4) {
                let path = Array(topology.paths[pathID])
                guard let last = path.last, isDomestic(last) else { continue }
                var index = path.count - 1
                while index > 0 && isDomestic(path[index - 1]) {
                    edgesSeen.insert(Topology.EdgeKey(from: path[index - 1], to: path[index]))
                    index -= 1
                }
                nodesSeen.formUnion(path[index...])
                guard index > 0 else { continue }
                edgesSeen.insert(Topology.EdgeKey(from: path[index - 1], to: path[index]))
                // Upstreams of the upstream, toward the vantage point, for `depth` hops.
                var hop = 1
                var position = index - 1
                while hop <= depth && position > 0 {
                    edgesSeen.insert(Topology.EdgeKey(from: path[position - 1], to: path[position]))
                    if (transit[path[position - 1]] ?? Int.max) > hop { transit[path[position - 1]] = hop }
                    position -= 1
                    hop += 1
                }
            }
            for node in nodesSeen { carried[node, default: 0] += weight }
            for edge in edgesSeen { edgeShare[edge, default: 0] += weight }
        }
        // Upstreams seen only in relationships join through their domestic customers.
        let upstreamShare = Dictionary(uniqueKeysWithValues: profile.upstreams.map { ($0.asn, $0.share) })
        for upstream in profile.upstreams {
            guard let node = topology.nodeIndex[upstream.asn] else { continue }
            let customers = profile.borderASes.compactMap { topology.nodeIndex[$0] }.filter { border in
                topology.providers(of: border).contains(node)
            }
            for customer in customers where edgeShare[Topology.EdgeKey(from: node, to: customer)] == nil {
                edgeShare[Topology.EdgeKey(from: node, to: customer)] = upstream.share / Double(customers.count)
            }
        }
        let critical = Dictionary(profile.criticalASes.map { ($0.asn, $0) }, uniquingKeysWith: { first, _ in first })
        let failures = Set(profile.pointsOfFailure.map(\.asn))
        let borders = Set(profile.borderASes)
        func node(_ id: Int32, role: CountryDiagram.Node.Role) -> CountryDiagram.Node {
            let asn = topology.asns[Int(id)]
            let share = role == .upstream ? (upstreamShare[asn] ?? 0) : (carried[id] ?? 0)
            return CountryDiagram.Node(id: "AS\(asn)", title: "AS\(asn)", name: names[asn], role: role,
                                       isBorder: borders.contains(asn), dominatedShare: critical[asn]?.dominatedShare,
                                       isPointOfFailure: failures.contains(asn), share: share, folded: 1)
        }
        var domestic: [CountryDiagram.Node] = []
        var upstreams: [CountryDiagram.Node] = []
        var transits: [CountryDiagram.Node] = []
        var allDomestic = Set(carried.keys.filter(isDomestic))
        allDomestic.formUnion(profile.borderASes.compactMap { topology.nodeIndex[$0] })
        for id in allDomestic { domestic.append(node(id, role: .domestic)) }
        for upstream in profile.upstreams {
            if let id = topology.nodeIndex[upstream.asn] { upstreams.append(node(id, role: .upstream)) }
        }
        let upstreamIDs = Set(upstreams.map(\.id))
        // Foreign critical ASes that are not upstreams (a lone vantage point, a transit further out)
        // are drawn too, so every point of failure is on the picture.
        for failure in profile.criticalASes where !failure.domestic {
            if let id = topology.nodeIndex[failure.asn], transit[id] == nil { transit[id] = depth + 1 }
        }
        for (id, _) in transit where !isDomestic(id) && !upstreamIDs.contains("AS\(topology.asns[Int(id)])") {
            transits.append(node(id, role: .transit))
        }
        func fold(_ list: [CountryDiagram.Node], role: CountryDiagram.Node.Role, label: String) -> ([CountryDiagram.Node], [String: String]) {
            // Points of failure are never folded away.
            let sorted = list.sorted { $0.share != $1.share ? $0.share > $1.share : $0.id < $1.id }
            var kept = Array(sorted.prefix(limit))
            let keptIDs = Set(kept.map(\.id))
            let rest = sorted.dropFirst(limit).filter { candidate in
                if candidate.isPointOfFailure {
                    kept.append(candidate)
                    return false
                }
                return !keptIDs.contains(candidate.id)
            }
            var mapping: [String: String] = [:]
            if !rest.isEmpty {
                let id = "more-\(role.rawValue)"
                let share = rest.reduce(0) { $0 + $1.share }
                kept.append(CountryDiagram.Node(id: id, title: "+\(rest.count) more \(label)", name: nil, role: role,
                                                isBorder: false, dominatedShare: nil, isPointOfFailure: false,
                                                share: share, folded: rest.count))
                for node in rest { mapping[node.id] = id }
            }
            return (kept, mapping)
        }
        let (keptDomestic, domesticMap) = fold(domestic, role: .domestic, label: "ASes")
        let (keptUpstreams, upstreamMap) = fold(upstreams, role: .upstream, label: "upstreams")
        let (keptTransits, transitMap) = fold(transits, role: .transit, label: "ASes")
        let mapping = domesticMap.merging(upstreamMap) { first, _ in first }.merging(transitMap) { first, _ in first }
        let nodes = keptDomestic + keptUpstreams + keptTransits
        let present = Set(nodes.map(\.id))
        var merged: [String: Double] = [:]
        var order: [String] = []
        for (edge, share) in edgeShare {
            var from = "AS\(topology.asns[Int(edge.from)])", to = "AS\(topology.asns[Int(edge.to)])"
            from = mapping[from] ?? from
            to = mapping[to] ?? to
            guard from != to, present.contains(from), present.contains(to) else { continue }
            let key = from + "\u{1}" + to
            if merged[key] == nil { order.append(key) }
            merged[key, default: 0] += share
        }
        // Edges carrying under 1% of the space are left out: in a large country they are most of the
        // edges and little of the traffic, and they make the picture unreadable.
        let edges = order.sorted().compactMap { key -> CountryDiagram.Edge? in
            let parts = key.split(separator: "\u{1}").map(String.init)
            let share = min(1, merged[key] ?? 0)
            guard share >= minimumEdgeShare else { return nil }
            return CountryDiagram.Edge(from: parts[0], to: parts[1], share: share)
        }
        return CountryDiagram(profile: profile,
                              nodes: nodes.sorted { ($0.role.rawValue, $0.id) < ($1.role.rawValue, $1.id) },
                              edges: edges)
    }
}
