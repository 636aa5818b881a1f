import ASTopology
import ReferenceData

/// What a country's topology diagram shows: the country's ASes, its border ASes, its international
/// upstreams (and, with depth, theirs), the address-space share each node and edge carries on the
/// observed paths, and the points of failure. Every node drawn has an edge. Built by
/// `CountryAnalyzer.diagram(of:)`; drawn by the rendering module.
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
        /// The share of the country's address space with an observed path through it (for a folded
        /// node, through any of its ASes): one definition for every node, the same as the edges'.
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
        /// The share of the country's address space with an observed path along it.
        public var share: Double
    }

    /// The id of the node standing for the networks whose origins are all abroad.
    public static let servedFromAbroadID = "served-from-abroad"

    /// The country's profile, for the headline numbers.
    public var profile: CountryProfile
    /// The nodes.
    public var nodes: [Node]
    /// The edges.
    public var edges: [Edge]
    /// The least share an edge between two drawn ASes must carry to be drawn.
    public var minimumEdgeShare: Double
    /// Nodes left off because no drawn edge joins them to the rest, by role: a picture never shows a
    /// node with no edge, and its caption says what it left off.
    public var notDrawn: [Node.Role: Int]
    /// How many witnesses' paths the shares rest on (distinct vantage-point ASes).
    public var witnesses: Int
}

extension CountryAnalyzer {
    /// The diagram of `country`: its top `limit` domestic ASes and top `limit` upstreams by the share
    /// of space their observed paths carry (the rest folded into one node each), and `depth` hops of
    /// the upstreams' own upstreams (further out only to reach a foreign critical AS). ASes carrying
    /// less than `minimumEdgeShare` of the space are folded too (points of failure never), and edges
    /// carrying less are left out (a folded node keeps its largest); a node left with no edge is
    /// folded, and a folded node with no edge is left off and counted in `notDrawn`.
    /// Pass the country's IPv4 `profile` when already computed, to save computing it again.
    public func diagram(of country: CountryCode, depth: Int = 0, limit: Int = 25, names: [UInt32: String] = [:],
                        minimumEdgeShare: Double = 0.01, profile known: CountryProfile? = nil) -> CountryDiagram {
        let profile = known ?? profile(of: country)
        let networks = networks(of: country)
        let total = max(networks.totalWeight, .leastNonzeroMagnitude)
        let included = selection.included(for: .ipv4)
        let abroadNode: Int32 = -1
        let critical = Dictionary(profile.criticalASes.map { ($0.asn, $0) }, uniquingKeysWith: { first, _ in first })
        let foreignCritical = Set(profile.criticalASes.filter { !$0.domestic }.compactMap { topology.nodeIndex[$0.asn] })

        /// Calls `body` once per network with its weight and the nodes and edges of every path the
        /// included vantage points observed to it, walked as the border walk does: the vantage
        /// point's own AS dropped, ASes placed nowhere skipped, the first foreign AS the upstream.
        func walk(_ body: (Double, Set<Int32>, Set<Topology.EdgeKey>, [Int32: Int]) -> Void) {
            for (slot, prefix) in networks.prefixes.enumerated() {
                let weight = networks.weights[slot] / total
                let abroad = networks.servedFromAbroad[slot]
                var nodes = Set<Int32>()
                var edges = Set<Topology.EdgeKey>()
                var hops: [Int32: Int] = [:]
                if !abroad { nodes.formUnion(networks.origins[slot]) }
                for route in topology.routes.routes(of: prefix) where included[Int(topology.routes.vantagePoints[route])] {
                    let own = selection.ownNode[Int(topology.routes.vantagePoints[route])]
                    // A vantage point's own AS stays when it is critical: every critical AS is on the picture.
                    let path = topology.paths[Int32(topology.routes.paths[route])].drop { $0 == own && !foreignCritical.contains($0) }
                        .filter { nodeCountries[Int($0)] != nil }
                    guard let last = path.last else { continue }
                    var index = path.count - 1
                    if abroad {
                        // The foreign origin serves the networks: it is their upstream.
                        guard nodeCountries[Int(last)] != country else { continue }
                        edges.insert(Topology.EdgeKey(from: last, to: abroadNode))
                        nodes.formUnion([last, abroadNode])
                    } else {
                        guard nodeCountries[Int(last)] == country else { continue }
                        while index > 0 && nodeCountries[Int(path[index - 1])] == country {
                            edges.insert(Topology.EdgeKey(from: path[index - 1], to: path[index]))
                            index -= 1
                        }
                        nodes.formUnion(path[index...])
                        guard index > 0 else { continue }
                        index -= 1
                        edges.insert(Topology.EdgeKey(from: path[index], to: path[index + 1]))
                        nodes.insert(path[index])
                    }
                    // Toward the vantage point: `depth` hops, or as far as a foreign critical AS.
                    let farthestCritical = path[..<index].firstIndex(where: foreignCritical.contains)
                    let stop = min(max(0, index - depth), farthestCritical ?? index)
                    var position = index
                    while position > stop {
                        edges.insert(Topology.EdgeKey(from: path[position - 1], to: path[position]))
                        nodes.insert(path[position - 1])
                        hops[path[position - 1]] = min(hops[path[position - 1]] ?? .max, index - position + 1)
                        position -= 1
                    }
                }
                body(weight, nodes, edges, hops)
            }
        }

        // First pass: what each AS carries, and how far out each transit AS sits.
        var carried: [Int32: Double] = [:]
        var transitHops: [Int32: Int] = [:]
        walk { weight, nodes, _, hops in
            for node in nodes { carried[node, default: 0] += weight }
            for (node, hop) in hops { transitHops[node] = min(transitHops[node] ?? .max, hop) }
        }
        let failures = Set(profile.pointsOfFailure.map(\.asn))
        let borders = Set(profile.borderASes)
        func isDomestic(_ node: Int32) -> Bool { node >= 0 && nodeCountries[Int(node)] == country }
        func id(_ node: Int32) -> String { node == abroadNode ? CountryDiagram.servedFromAbroadID : "AS\(topology.asns[Int(node)])" }
        var candidates: [(node: Int32, role: CountryDiagram.Node.Role)] = []
        let upstreamNodes = Set(profile.upstreams.compactMap { topology.nodeIndex[$0.asn] })
        for node in carried.keys.sorted() {
            if node == abroadNode || isDomestic(node) {
                candidates.append((node, .domestic))
            } else if upstreamNodes.contains(node) {
                candidates.append((node, .upstream))
            } else if transitHops[node] != nil {
                candidates.append((node, .transit))
            }
        }

        // Fold all but the top `limit` of each role (points of failure stay), then fold whatever is
        // left with no drawn edge, until every node drawn has one.
        var forced = Set<Int32>()
        var result: (nodes: [CountryDiagram.Node], edges: [CountryDiagram.Edge], notDrawn: [CountryDiagram.Node.Role: Int])
        repeat {
            var mapping: [Int32: String] = [:]
            var folded: [CountryDiagram.Node.Role: Int] = [:]
            for role in [CountryDiagram.Node.Role.domestic, .upstream, .transit] {
                let members = candidates.filter { $0.role == role }
                    .sorted { (carried[$0.node] ?? 0, $1.node) > (carried[$1.node] ?? 0, $0.node) }
                var kept = 0
                for member in members {
                    let asn = member.node >= 0 ? topology.asns[Int(member.node)] : 0
                    // Kept: the top `limit` that carry at least the least edge share, every point of failure,
                    // and the networks served from abroad.
                    let large = kept < limit && (carried[member.node] ?? 0) >= minimumEdgeShare
                    let keep = !forced.contains(member.node) && (large || failures.contains(asn) || member.node == abroadNode)
                    if keep {
                        mapping[member.node] = id(member.node)
                        kept += 1
                    } else {
                        mapping[member.node] = "more-\(role.rawValue)"
                        folded[role, default: 0] += 1
                    }
                }
            }
            // Second pass: shares by the nodes drawn, each network counted once per node and edge.
            var share: [String: Double] = [:]
            var edgeShare: [String: Double] = [:]
            walk { weight, nodes, edges, _ in
                for name in Set(nodes.compactMap { mapping[$0] }) { share[name, default: 0] += weight }
                var seen = Set<String>()
                for edge in edges {
                    guard let from = mapping[edge.from], let to = mapping[edge.to], from != to else { continue }
                    let key = from + "\u{1}" + to
                    if seen.insert(key).inserted { edgeShare[key, default: 0] += weight }
                }
            }
            let all = edgeShare.keys.sorted().map { key -> CountryDiagram.Edge in
                let ends = key.split(separator: "\u{1}").map(String.init)
                return CountryDiagram.Edge(from: ends[0], to: ends[1], share: min(1, edgeShare[key] ?? 0))
            }
            // Edges into the networks served from abroad are how they are reached at all: they stay, however small.
            var edges = all.filter { $0.share >= minimumEdgeShare || $0.to == CountryDiagram.servedFromAbroadID }
            // A folded node stands for many small ASes: with no edge large enough, its largest one joins it.
            for fold in Set(mapping.values).filter({ $0.hasPrefix("more-") }) where !edges.contains(where: { $0.from == fold || $0.to == fold }) {
                if let largest = all.filter({ $0.from == fold || $0.to == fold }).max(by: { $0.share < $1.share }) { edges.append(largest) }
            }
            let joined = Set(edges.flatMap { [$0.from, $0.to] })
            let lonely = candidates.filter { mapping[$0.node] == id($0.node) && !joined.contains(id($0.node)) }.map(\.node)
            if !lonely.isEmpty && !lonely.allSatisfy(forced.contains) {
                forced.formUnion(lonely)
                continue
            }
            var nodes: [CountryDiagram.Node] = []
            var notDrawn: [CountryDiagram.Node.Role: Int] = [:]
            for candidate in candidates where mapping[candidate.node] == id(candidate.node) {
                guard joined.contains(id(candidate.node)) else {
                    notDrawn[candidate.role, default: 0] += 1
                    continue
                }
                if candidate.node == abroadNode {
                    let count = networks.servedFromAbroad.filter { $0 }.count
                    nodes.append(CountryDiagram.Node(
                        id: CountryDiagram.servedFromAbroadID, title: "\(count) network\(count == 1 ? "" : "s") served from abroad",
                        name: nil, role: .domestic, isBorder: false, dominatedShare: nil, isPointOfFailure: false,
                        share: share[CountryDiagram.servedFromAbroadID] ?? 0, folded: 1))
                    continue
                }
                let asn = topology.asns[Int(candidate.node)]
                nodes.append(CountryDiagram.Node(
                    id: id(candidate.node), title: "AS\(asn)", name: names[asn], role: candidate.role,
                    isBorder: borders.contains(asn), dominatedShare: critical[asn]?.dominatedShare,
                    isPointOfFailure: failures.contains(asn), share: share[id(candidate.node)] ?? 0, folded: 1))
            }
            for (role, count) in folded {
                let foldID = "more-\(role.rawValue)"
                guard joined.contains(foldID) else {
                    notDrawn[role, default: 0] += count
                    continue
                }
                let label = role == .upstream ? "upstream" : "AS"
                nodes.append(CountryDiagram.Node(
                    id: foldID, title: "+\(count) more \(label)\(count == 1 ? "" : (role == .upstream ? "s" : "es"))", name: nil,
                    role: role, isBorder: false, dominatedShare: nil, isPointOfFailure: false, share: share[foldID] ?? 0,
                    folded: count))
            }
            result = (nodes, edges, notDrawn)
            break
        } while true
        // Edges between nodes left off go with them.
        let drawn = Set(result.nodes.map(\.id))
        return CountryDiagram(profile: profile,
                              nodes: result.nodes.sorted { ($0.role.rawValue, $0.id) < ($1.role.rawValue, $1.id) },
                              edges: result.edges.filter { drawn.contains($0.from) && drawn.contains($0.to) },
                              minimumEdgeShare: minimumEdgeShare, notDrawn: result.notDrawn, witnesses: profile.witnessASes)
    }
}
