import CPrefetch
import InternetAddresses

/// The AS-level topology built from path observations: dense node ids, the routed prefixes with
/// their origins, every vantage point's routes to them, and AS relationships where known.
public struct Topology: Sendable {
    /// AS number of each node; node ids are indices.
    public let asns: [UInt32]
    /// Node id of each AS number.
    public let nodeIndex: [UInt32: Int32]
    /// Every routed prefix.
    public let prefixes: [IPPrefix]
    /// The origin nodes of each prefix (several for multi-origin prefixes; empty when unknown).
    public let prefixOrigins: [[Int32]]
    /// Interned paths: node ids from the vantage point's AS to the origin.
    public let paths: PathStore
    /// Every vantage point (collector, peer address, peer AS) and what it contributed; route table
    /// entries index into this.
    public let vantagePoints: [VantagePointRecord]
    /// Each vantage point's routes, prefix by prefix.
    public let routes: RouteTable
    /// The first AS of every kept path: where paths enter the graph from the rest of the world.
    public let entryNodes: [Int32]
    /// The inferred clique at the top of the hierarchy (from AS relationships), as node ids.
    public let clique: [Int32]
    /// Relationship edges from CAIDA: provider to customer, and peers (once per pair, lower id first).
    public let relationships: [EdgeKey: Relationship]
    /// What path hygiene did.
    public let hygiene: PathHygiene.Report
    /// When no routing data was read: what the routes simulated over the relationships in its
    /// place rest on (every route of the topology is then simulated); nil for observed routes.
    public let simulation: RouteSimulation.Summary?
    /// What routing policy needs from all the paths (the links CAIDA lacks, inferred, and the
    /// valley-free census), when computed already: a snapshot keeps it, so that a warm run does
    /// not walk every path again (0.3 s at 8 million distinct paths). `policySummary()` gives it
    /// either way.
    public internal(set) var storedPolicySummary: PolicySummary?
    private let providersByNode: [[Int32]]

    /// A directed edge between two nodes.
    public struct EdgeKey: Hashable, Sendable {
        /// The tail.
        public var from: Int32
        /// The head.
        public var to: Int32

        /// Creates a key.
        public init(from: Int32, to: Int32) {
            self.from = from
            self.to = to
        }
    }

    /// The node index is derived from `asns` (node ids are their positions).
    init(asns: [UInt32], prefixes: [IPPrefix], prefixOrigins: [[Int32]], paths: PathStore,
         vantagePoints: [VantagePointRecord], routes: RouteTable, entryNodes: [Int32], clique: [Int32],
         relationships: [EdgeKey: Relationship], hygiene: PathHygiene.Report, simulation: RouteSimulation.Summary? = nil) {
        self.asns = asns
        var nodeIndex: [UInt32: Int32] = [:]
        nodeIndex.reserveCapacity(asns.count)
        for (id, asn) in asns.enumerated() { nodeIndex[asn] = Int32(id) }
        self.nodeIndex = nodeIndex
        self.prefixes = prefixes
        self.prefixOrigins = prefixOrigins
        self.paths = paths
        self.vantagePoints = vantagePoints
        self.routes = routes
        self.entryNodes = entryNodes
        self.clique = clique
        self.relationships = relationships
        self.hygiene = hygiene
        self.simulation = simulation
        var providers = [[Int32]](repeating: [], count: asns.count)
        for (edge, relationship) in relationships where relationship == .providerToCustomer {
            providers[Int(edge.to)].append(edge.from)
        }
        providersByNode = providers.map { $0.sorted() }
    }

    /// The number of ASes.
    public var nodeCount: Int { asns.count }

    /// The node id of the super-source that stands for the rest of the world in `relationshipGraph()`.
    public var superSource: Int32 { Int32(asns.count) }

    /// The part of the graph into any country that does not depend on the country: provider-to-customer
    /// and peer edges (both ways) from AS relationships, and a super-source, standing for the rest of
    /// the world, linked to `worldSide` (by default every path's first AS and the inferred clique).
    /// Add a country's observed path edges with `observedEdges(toward:included:)`.
    public func relationshipGraph(worldSide: [Int32]? = nil) -> DirectedGraph {
        let entries = worldSide ?? entryNodes + clique
        var edges: [(from: Int32, to: Int32)] = []
        edges.reserveCapacity(2 * relationships.count + entries.count)
        // In a fixed order: a dictionary's order changes from run to run, and the order of edges
        // decides which of several equal cuts a search finds first.
        for (edge, relationship) in relationships.sorted(by: { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }) {
            edges.append((edge.from, edge.to))
            if relationship == .peer { edges.append((edge.to, edge.from)) }
        }
        for node in entries { edges.append((superSource, node)) }
        return DirectedGraph(nodeCount: asns.count + 1, edges: edges)
    }

    /// The edges of the paths the chosen vantage points observed toward `prefixes` (topology prefix
    /// ids), pointing toward the origin. Only paths to a country's own networks say how traffic
    /// reaches that country: a path to some other network that happens to cross it says nothing.
    ///
    /// - Parameter included: Whether each vantage point's routes count (indexed like `vantagePoints`).
    public func observedEdges(toward prefixes: [Int32], included: [Bool]) -> [(from: Int32, to: Int32)] {
        var pathsSeen = FlatTable<Void>(empty: ())
        var pathIDs: [UInt32] = []
        for prefix in prefixes {
            for route in routes.routes(of: prefix) where included[Int(routes.vantagePoints[route])] {
                if pathsSeen.insert(UInt64(routes.paths[route])) { pathIDs.append(routes.paths[route]) }
            }
        }
        return observedEdges(ofPaths: pathIDs)
    }

    /// The distinct edges of the paths `pathIDs`, pointing toward the origin, in the order met.
    public func observedEdges(ofPaths pathIDs: [UInt32]) -> [(from: Int32, to: Int32)] {
        var seen = FlatTable<Void>(empty: ())
        var edges: [(from: Int32, to: Int32)] = []
        // Ranges of the node array, not slices: a slice per path retained and released the array
        // (perf: 3% of a full ranking's CPU at P=120).
        let nodes = paths.nodeArray
        for pathID in pathIDs {
            let path = paths.range(of: Int32(bitPattern: pathID))
            guard path.count > 1 else { continue }
            for index in path.lowerBound..<(path.upperBound - 1) {
                let from = nodes[index], to = nodes[index + 1]
                if seen.insert(UInt64(UInt32(bitPattern: from)) << 32 | UInt64(UInt32(bitPattern: to))) { edges.append((from, to)) }
            }
        }
        return edges
    }

    /// The providers of a node by AS relationships (tails of provider-to-customer edges into it).
    public func providers(of node: Int32) -> [Int32] {
        providersByNode[Int(node)]
    }
}

/// Interned AS paths: each distinct path stored once, as node ids.
public struct PathStore: Sendable {
    @usableFromInline private(set) var nodes: [Int32] = []
    @usableFromInline private(set) var starts: [Int32] = [0]

    init() {}

    /// A store from its flat arrays, as a snapshot holds them.
    init(nodes: [Int32], starts: [Int32]) {
        self.nodes = nodes
        self.starts = starts
    }

    /// The number of distinct paths.
    public var count: Int { starts.count - 1 }

    /// Every path's nodes, one path after another: path `id`'s are `nodeArray[range(of: id)]`.
    /// For loops over millions of paths: a path as a slice holds a reference to this array, which
    /// is retained and released for each.
    @inlinable
    public var nodeArray: [Int32] { nodes }

    /// Where path `id`'s nodes lie in `nodeArray`.
    @inlinable
    public func range(of id: Int32) -> Range<Int> {
        Int(starts[Int(id)])..<Int(starts[Int(id) + 1])
    }

    /// The nodes of path `id`, vantage point first.
    public subscript(id: Int32) -> ArraySlice<Int32> {
        nodes[range(of: id)]
    }

    /// Asks for where path `id` starts to be brought into the cache: the first of the two steps of
    /// `prefetchNodes(of:)`, some records ahead of it.
    public func prefetchStart(of id: Int32) {
        starts.withUnsafeBufferPointer { starts in
            if let base = starts.baseAddress, id >= 0, Int(id) < starts.count { chokepoint_prefetch(base + Int(id)) }
        }
    }

    /// Asks for path `id`'s nodes to be brought into the cache: for walks over paths scattered
    /// through the store (a vantage point's paths, one per prefix), a few records ahead.
    public func prefetchNodes(of id: Int32) {
        guard id >= 0, Int(id) + 1 < starts.count else { return }
        let start = Int(starts[Int(id)])
        nodes.withUnsafeBufferPointer { nodes in
            if let base = nodes.baseAddress, start < nodes.count { chokepoint_prefetch(base + start) }
        }
    }

    mutating func append(_ path: [Int32]) -> Int32 {
        nodes.append(contentsOf: path)
        starts.append(Int32(nodes.count))
        return Int32(starts.count - 2)
    }
}
