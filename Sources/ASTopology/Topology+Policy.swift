extension Topology {
    /// CAIDA's relationships as links, in a fixed order.
    public func relationshipLinks() -> [RelationshipGraph.Link] {
        relationships.map { RelationshipGraph.Link(from: $0.key.from, to: $0.key.to, relationship: $0.value) }
            .sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Links that observed paths cross and the relationships lack, with a relationship inferred
    /// from the paths (Gao's rule: on each distinct path the AS of highest degree is the top; links
    /// on the origin's side of it climb, links on the vantage point's side descend). A link voted
    /// both ways equally often is taken as peering.
    ///
    /// - Parameter paths: Which distinct paths to learn from (all when nil).
    public func inferredLinks(fromPaths pathIDs: [Int32]? = nil) -> InferredLinks {
        let nodes = paths.nodes, starts = paths.starts
        let count = pathIDs?.count ?? paths.count
        @Sendable func span(_ index: Int) -> Range<Int> {
            let id = pathIDs.map { Int($0[index]) } ?? index
            return Int(starts[id])..<Int(starts[id + 1])
        }
        @Sendable func pair(_ a: Int32, _ b: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: min(a, b))) << 32 | UInt64(UInt32(bitPattern: max(a, b)))
        }
        // Millions of paths: each chunk on a core of its own, the chunks' tables combined after.
        let chunk = 1 << 16
        var known = FlatTable<Void>(empty: (), capacity: 2 * relationships.count)
        for edge in relationships.keys { _ = known.insert(pair(edge.from, edge.to)) }
        let observed = ChunkedWork.map(count: count, chunk: chunk) { range in
            var links = FlatTable<Void>(empty: ())
            for index in range {
                let path = span(index)
                for at in path.dropLast() { _ = links.insert(pair(nodes[at], nodes[at + 1])) }
            }
            return links
        }
        // Degree over every link known: the relationships' and the observed ones.
        var degree = [Int32](repeating: 0, count: nodeCount)
        var neighbours = FlatTable<Void>(empty: (), capacity: 2 * relationships.count)
        func note(_ key: UInt64) {
            if neighbours.insert(key) {
                degree[Int(key >> 32)] += 1
                degree[Int(key & 0xFFFF_FFFF)] += 1
            }
        }
        known.forEach { key, _ in note(key) }
        for links in observed { links.forEach { key, _ in note(key) } }
        let degrees = degree
        let knownPairs = known
        // Votes per unknown pair (lower node first), packed: how often the lower one was the
        // provider in the high half, the higher one in the low half.
        let chunkVotes = ChunkedWork.map(count: count, chunk: chunk) { range in
            var votes = FlatTable<UInt64>()
            for index in range {
                let path = span(index)
                guard path.count > 1 else { continue }
                var top = path.lowerBound
                for at in path where degrees[Int(nodes[at])] > degrees[Int(nodes[top])] { top = at }
                for at in path.dropLast() {
                    let a = nodes[at], b = nodes[at + 1]
                    let key = pair(a, b)
                    guard a != b, knownPairs[key] == nil else { continue }
                    // Toward the vantage point of the top, the route descends: b provides a. Beyond it, a provides b.
                    let provider = at < top ? b : a
                    votes.add(provider == min(a, b) ? 1 << 32 : 1, to: key)
                }
            }
            return votes
        }
        var votes = FlatTable<UInt64>()
        for table in chunkVotes { table.forEach { key, packed in votes.add(packed, to: key) } }
        var keys: [UInt64] = []
        keys.reserveCapacity(votes.count)
        votes.forEach { key, _ in keys.append(key) }
        var result = InferredLinks()
        for key in keys.sorted() {
            let packed = votes[key] ?? 0
            let lowVotes = packed >> 32, highVotes = packed & 0xFFFF_FFFF
            let low = Int32(bitPattern: UInt32(key >> 32)), high = Int32(bitPattern: UInt32(key & 0xFFFF_FFFF))
            if lowVotes == highVotes {
                result.links.append(RelationshipGraph.Link(from: low, to: high, relationship: .peer))
                result.peers += 1
            } else {
                let lowProvides = lowVotes > highVotes
                result.links.append(RelationshipGraph.Link(from: lowProvides ? low : high, to: lowProvides ? high : low,
                                                           relationship: .providerToCustomer))
                result.providerToCustomer += 1
            }
        }
        return result
    }

    /// The links the paths cross and the relationships lack, inferred, and the census of the
    /// paths under the relationships: what every policy analysis of the topology starts from.
    public struct PolicySummary: Sendable, Hashable {
        /// The inferred links.
        public var inferred: InferredLinks
        /// The valley-free census under the relationships alone.
        public var census: ValleyFreeCensus
    }

    /// The policy summary: the stored one, or computed from every path (the census under `graph`,
    /// which must be the relationships' own graph, `RelationshipGraph(nodeCount:links:)` of
    /// `relationshipLinks()`, built when not given).
    public func policySummary(under graph: RelationshipGraph? = nil) -> PolicySummary {
        if let storedPolicySummary { return storedPolicySummary }
        let relationships = graph ?? RelationshipGraph(nodeCount: nodeCount, links: relationshipLinks())
        return PolicySummary(inferred: inferredLinks(), census: valleyFreeCensus(under: relationships))
    }

    /// The topology with its policy summary computed and stored (for its snapshot).
    func withPolicySummary() -> Topology {
        var topology = self
        topology.storedPolicySummary = policySummary()
        return topology
    }

    /// Links inferred from observed paths, and how many of each kind.
    public struct InferredLinks: Sendable, Hashable {
        /// The links, lower node first for peers.
        public var links: [RelationshipGraph.Link] = []
        /// How many were inferred provider to customer.
        public var providerToCustomer = 0
        /// How many were inferred peers.
        public var peers = 0
    }

    /// How many distinct paths (among `pathIDs`, all when nil) are valley-free under `graph`, how
    /// many have a valley, and how many cross a link it does not know.
    public func valleyFreeCensus(under graph: RelationshipGraph, paths pathIDs: [Int32]? = nil) -> ValleyFreeCensus {
        let store = paths
        let roles = graph.roleTable()
        let counts = ChunkedWork.map(count: pathIDs?.count ?? paths.count, chunk: 1 << 16) { range in
            var census = ValleyFreeCensus()
            for index in range {
                let path = store[pathIDs?[index] ?? Int32(index)]
                switch RelationshipGraph.valleyFreedom(of: path, role: { roles[RelationshipGraph.roleKey($0, $1)] ?? nil }) {
                case .valleyFree: census.valleyFree += 1
                case .valley: census.valley += 1
                case .unknownLink: census.unknownLink += 1
                }
            }
            return census
        }
        var census = ValleyFreeCensus()
        for part in counts {
            census.valleyFree += part.valleyFree
            census.valley += part.valley
            census.unknownLink += part.unknownLink
        }
        return census
    }

    /// Distinct observed paths counted by what they are under a relationship graph.
    public struct ValleyFreeCensus: Sendable, Hashable, Codable {
        /// Valley-free paths.
        public var valleyFree = 0
        /// Paths with a valley (or two peer links).
        public var valley = 0
        /// Paths crossing a link the relationships lack.
        public var unknownLink = 0

        /// Creates an empty census.
        public init() {}

        /// All paths counted.
        public var total: Int { valleyFree + valley + unknownLink }
    }
}
