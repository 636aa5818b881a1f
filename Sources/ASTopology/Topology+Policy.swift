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
        // Degree over every link known: the relationships' and the observed ones.
        var neighbours = FlatTable<Void>(empty: ())
        var degree = [Int32](repeating: 0, count: nodeCount)
        func note(_ a: Int32, _ b: Int32) {
            let low = min(a, b), high = max(a, b)
            if neighbours.insert(UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))) {
                degree[Int(low)] += 1
                degree[Int(high)] += 1
            }
        }
        for edge in relationships.keys { note(edge.from, edge.to) }
        let ids = pathIDs ?? (0..<Int32(paths.count)).map { $0 }
        for id in ids {
            let path = paths[id]
            for (a, b) in zip(path, path.dropFirst()) { note(a, b) }
        }
        func isKnown(_ a: Int32, _ b: Int32) -> Bool {
            relationships[EdgeKey(from: a, to: b)] != nil || relationships[EdgeKey(from: b, to: a)] != nil
        }
        // Votes per unknown pair (lower node first): how often the lower one was the provider, and the higher.
        var votes: [UInt64: (lowProvides: Int32, highProvides: Int32)] = [:]
        for id in ids {
            let path = Array(paths[id])
            guard path.count > 1 else { continue }
            var top = 0
            for index in path.indices where degree[Int(path[index])] > degree[Int(path[top])] { top = index }
            for index in 0..<(path.count - 1) {
                let a = path[index], b = path[index + 1]
                guard a != b, !isKnown(a, b) else { continue }
                // Toward the vantage point of the top, the route descends: b provides a. Beyond it, a provides b.
                let provider = index < top ? b : a
                let low = min(a, b)
                let key = UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: max(a, b)))
                var entry = votes[key] ?? (0, 0)
                if provider == low { entry.lowProvides += 1 } else { entry.highProvides += 1 }
                votes[key] = entry
            }
        }
        var result = InferredLinks()
        for (key, vote) in votes.sorted(by: { $0.key < $1.key }) {
            let low = Int32(bitPattern: UInt32(key >> 32)), high = Int32(bitPattern: UInt32(key & 0xFFFF_FFFF))
            if vote.lowProvides == vote.highProvides {
                result.links.append(RelationshipGraph.Link(from: low, to: high, relationship: .peer))
                result.peers += 1
            } else {
                let lowProvides = vote.lowProvides > vote.highProvides
                result.links.append(RelationshipGraph.Link(from: lowProvides ? low : high, to: lowProvides ? high : low,
                                                           relationship: .providerToCustomer))
                result.providerToCustomer += 1
            }
        }
        return result
    }

    /// Links inferred from observed paths, and how many of each kind.
    public struct InferredLinks: Sendable {
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
        var census = ValleyFreeCensus()
        let ids = pathIDs ?? (0..<Int32(paths.count)).map { $0 }
        for id in ids {
            switch graph.valleyFreedom(of: paths[id]) {
            case .valleyFree: census.valleyFree += 1
            case .valley: census.valley += 1
            case .unknownLink: census.unknownLink += 1
            }
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
