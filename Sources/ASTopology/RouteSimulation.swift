/// The route each of a few vantage points would hold toward each origin under the usual business
/// policy (Gao-Rexford), one best route per AS as a BGP speaker keeps: what a RIB collected from
/// those vantage points would show if CAIDA's relationships were the whole truth. It lets every
/// path metric run where no routing data exists (relationships-only analysis).
///
/// Each AS prefers a customer's route to a peer's to a provider's, then the shortest; among equally
/// good next hops it takes one by a hash of the origin and the two ASes, so choices are spread as
/// routers' tie-breaks spread them, the same in every run, and consistent: the routes toward one
/// origin form a tree. `RoutePropagation` keeps every equally good next hop instead, for the
/// policy metrics; the two agree on which ASes have a route and of what length.
public struct RouteSimulation: Sendable {
    /// What the simulation made.
    public struct Summary: Sendable, Hashable, Codable {
        /// The vantage points' AS numbers, in the order of the topology's simulated vantage points.
        public var vantagePoints: [UInt32]
        /// Why these vantage points (the inferred clique, or the ASes with the most customers).
        public var vantagePointBasis: String
        /// Prefixes with a known origin.
        public var prefixes: Int
        /// Of those, prefixes no vantage point has a route to (no origin is linked to the graph).
        public var unroutedPrefixes: Int
        /// Routes made: one per vantage point and prefix it has a route to.
        public var routes: Int
        /// (vantage point, prefix) pairs with no route under the export rules.
        public var missingRoutes: Int
        /// Routes on whose path some AS had several equally preferred next hops (one taken by hash).
        public var routesWithTies: Int

        /// Creates a summary.
        public init(vantagePoints: [UInt32], vantagePointBasis: String, prefixes: Int = 0, unroutedPrefixes: Int = 0,
                    routes: Int = 0, missingRoutes: Int = 0, routesWithTies: Int = 0) {
            self.vantagePoints = vantagePoints
            self.vantagePointBasis = vantagePointBasis
            self.prefixes = prefixes
            self.unroutedPrefixes = unroutedPrefixes
            self.routes = routes
            self.missingRoutes = missingRoutes
            self.routesWithTies = routesWithTies
        }
    }

    /// One vantage point's best route toward one origin.
    public struct Route: Sendable, Hashable {
        /// Where it was learnt.
        public var kind: RoutePropagation.Kind
        /// AS hops to the origin.
        public var length: Int32
        /// Its path in `paths`, vantage point first, origin last.
        public var path: Int32
        /// Whether some AS on it had several equally preferred next hops.
        public var tied: Bool
    }

    /// The vantage points, as node ids.
    public let vantagePoints: [Int32]
    /// Every distinct route's path (node ids, vantage point first), flat: `pathStarts[i]..<pathStarts[i + 1]`.
    public let pathNodes: [Int32]
    /// Where each path starts in `pathNodes`, and one past the last.
    public let pathStarts: [Int32]
    private let originSlot: [Int32]
    private let routes: [Route?]

    /// The number of distinct paths.
    public var pathCount: Int { pathStarts.count - 1 }

    /// The nodes of path `index`.
    public func path(_ index: Int32) -> ArraySlice<Int32> {
        pathNodes[Int(pathStarts[Int(index)])..<Int(pathStarts[Int(index) + 1])]
    }

    /// The best route of vantage point `vantagePoint` (an index into `vantagePoints`) toward any of
    /// `origins`, as BGP would choose among several origins of one prefix: by kind, then length,
    /// then the same hash as for next hops; nil when no origin is reachable.
    public func bestRoute(from vantagePoint: Int, toward origins: some Collection<Int32>) -> Route? {
        var best: Route?
        var bestKey: (Int, Int32, UInt64) = (Int.max, Int32.max, UInt64.max)
        for origin in origins where origin >= 0 && Int(origin) < originSlot.count {
            let slot = originSlot[Int(origin)]
            guard slot >= 0, let route = routes[Int(slot) * vantagePoints.count + vantagePoint] else { continue }
            let key = (Self.rank(route.kind), route.length, Self.tieHash(origin, vantagePoints[vantagePoint], origin))
            if key < bestKey {
                bestKey = key
                best = route
            }
        }
        return best
    }

    /// Simulates the routes of `vantagePoints` toward each of `origins` over `graph`.
    public init(graph: RelationshipGraph, vantagePoints: [Int32], origins: some Sequence<Int32>) {
        let count = graph.nodeCount
        let points = vantagePoints.filter { $0 >= 0 && Int($0) < count }
        self.vantagePoints = points
        // The vantage points and everything above them: the only ASes whose peer and provider
        // routes matter, as every route a vantage point holds comes down to it through them.
        var above = [Int32](repeating: -1, count: count)
        var upper: [Int32] = []
        var stack = points
        while let node = stack.popLast() {
            guard above[Int(node)] < 0 else { continue }
            above[Int(node)] = Int32(upper.count)
            upper.append(node)
            stack.append(contentsOf: graph.providers(of: node))
        }
        // Providers before their customers (the depth-first walk up emits a node after its
        // providers), so a provider's route is known when its customer asks.
        var order: [Int32] = []
        var state = [UInt8](repeating: 0, count: upper.count)
        for start in upper.indices where state[start] == 0 {
            var walk: [(node: Int32, next: Int)] = [(upper[start], 0)]
            state[start] = 1
            while let top = walk.last {
                let providers = graph.providers(of: top.node)
                if top.next < providers.count {
                    walk[walk.count - 1].next += 1
                    let slot = Int(above[Int(providers[providers.startIndex + top.next])])
                    // A provider loop in the data (1 = on the walk) is cut where it closes.
                    if state[slot] == 0 {
                        state[slot] = 1
                        walk.append((upper[slot], 0))
                    }
                } else {
                    state[Int(above[Int(top.node)])] = 2
                    order.append(top.node)
                    walk.removeLast()
                }
            }
        }
        // For every AS, the upper ASes it peers with: a customer route it holds reaches them.
        var upperPeers: [Int32: [Int32]] = [:]
        for node in upper {
            for peer in graph.peers(of: node) { upperPeers[peer, default: []].append(node) }
        }

        var distance = [Int32](repeating: -1, count: count)
        var child = [Int32](repeating: -1, count: count)
        var childHash = [UInt64](repeating: .max, count: count)
        var childTied = [Bool](repeating: false, count: count)
        var reached: [Int32] = []
        var upperKind = [RoutePropagation.Kind](repeating: .none, count: upper.count)
        var upperLength = [Int32](repeating: -1, count: upper.count)
        var upperNext = [Int32](repeating: -1, count: upper.count)
        var upperHash = [UInt64](repeating: .max, count: upper.count)
        var upperTied = [Bool](repeating: false, count: upper.count)

        var originSlot = [Int32](repeating: -1, count: count)
        var routes: [Route?] = []
        var pathNodes: [Int32] = []
        var pathStarts: [Int32] = [0]
        var walkNodes: [Int32] = []
        for origin in origins where origin >= 0 && Int(origin) < count && originSlot[Int(origin)] < 0 {
            originSlot[Int(origin)] = Int32(routes.count / max(points.count, 1))
            // Customer routes: up from the origin level by level; each AS keeps one next hop down.
            distance[Int(origin)] = 0
            reached.append(origin)
            var level = 0
            var frontier = [origin]
            while !frontier.isEmpty {
                var next: [Int32] = []
                for node in frontier {
                    for provider in graph.providers(of: node) {
                        let existing = distance[Int(provider)]
                        if existing < 0 {
                            distance[Int(provider)] = Int32(level + 1)
                            reached.append(provider)
                            next.append(provider)
                        } else if existing != Int32(level + 1) {
                            continue
                        } else {
                            childTied[Int(provider)] = true
                        }
                        let hash = Self.tieHash(origin, provider, node)
                        if hash < childHash[Int(provider)] {
                            childHash[Int(provider)] = hash
                            child[Int(provider)] = node
                        }
                    }
                }
                frontier = next
                level += 1
            }
            for slot in upper.indices {
                let node = upper[slot]
                let length = distance[Int(node)]
                upperKind[slot] = length == 0 ? .origin : length > 0 ? .customer : .none
                upperLength[slot] = length
                upperNext[slot] = length > 0 ? child[Int(node)] : -1
                upperHash[slot] = .max
                upperTied[slot] = length > 0 && childTied[Int(node)]
            }
            // Peer routes: an AS holding a customer route (or originating) passes it to its peers.
            for node in reached {
                guard let peers = upperPeers[node] else { continue }
                let length = distance[Int(node)] + 1
                for peer in peers {
                    let slot = Int(above[Int(peer)])
                    guard upperKind[slot] == .none || upperKind[slot] == .peer else { continue }
                    if upperKind[slot] == .peer && length > upperLength[slot] { continue }
                    let hash = Self.tieHash(origin, peer, node)
                    if upperKind[slot] == .peer && length == upperLength[slot] {
                        upperTied[slot] = true
                        guard hash < upperHash[slot] else { continue }
                    } else {
                        upperTied[slot] = false
                    }
                    upperKind[slot] = .peer
                    upperLength[slot] = length
                    upperNext[slot] = node
                    upperHash[slot] = hash
                }
            }
            // Provider routes: from the top down, a provider passes its best route to its customers.
            for node in order {
                let slot = Int(above[Int(node)])
                guard upperKind[slot] == .none else { continue }
                var candidates = 0
                for provider in graph.providers(of: node) {
                    let from = Int(above[Int(provider)])
                    guard upperKind[from] != .none else { continue }
                    let length = upperLength[from] + 1
                    let hash = Self.tieHash(origin, node, provider)
                    if upperKind[slot] == .none || length < upperLength[slot] {
                        candidates = 1
                    } else if length == upperLength[slot] {
                        candidates += 1
                        guard hash < upperHash[slot] else { continue }
                    } else {
                        continue
                    }
                    upperKind[slot] = .provider
                    upperLength[slot] = length
                    upperNext[slot] = provider
                    upperHash[slot] = hash
                }
                upperTied[slot] = candidates > 1
            }
            // Each vantage point's route, hop by hop along the choices made.
            for point in points {
                let slot = Int(above[Int(point)])
                guard upperKind[slot] != .none else {
                    routes.append(nil)
                    continue
                }
                walkNodes.removeAll(keepingCapacity: true)
                var node = point
                var tied = false
                var steps = 0
                // Lengths fall by one a hop, so the walk ends within the route's length.
                while steps <= Int(upperLength[slot]) {
                    walkNodes.append(node)
                    steps += 1
                    let here = above[Int(node)]
                    if distance[Int(node)] >= 0 {
                        if distance[Int(node)] == 0 { break }
                        tied = tied || childTied[Int(node)]
                        node = child[Int(node)]
                    } else if here >= 0, upperNext[Int(here)] >= 0 {
                        tied = tied || upperTied[Int(here)]
                        node = upperNext[Int(here)]
                    } else {
                        break
                    }
                }
                // Every hop shortens the route by one, so the walk ends at the origin; anything else
                // would be a route the export rules do not make, and is left out.
                guard walkNodes.last == origin, walkNodes.count == Int(upperLength[slot]) + 1 else {
                    routes.append(nil)
                    continue
                }
                routes.append(Route(kind: upperKind[slot], length: upperLength[slot], path: Int32(pathStarts.count - 1), tied: tied))
                pathNodes.append(contentsOf: walkNodes)
                pathStarts.append(Int32(pathNodes.count))
            }
            for node in reached {
                distance[Int(node)] = -1
                child[Int(node)] = -1
                childHash[Int(node)] = .max
                childTied[Int(node)] = false
            }
            reached.removeAll(keepingCapacity: true)
        }
        self.originSlot = originSlot
        self.routes = routes
        self.pathNodes = pathNodes
        self.pathStarts = pathStarts
    }

    private static func rank(_ kind: RoutePropagation.Kind) -> Int {
        switch kind {
        case .origin: return 0
        case .customer: return 1
        case .peer: return 2
        case .provider: return 3
        case .none: return 4
        }
    }

    /// A fixed mix of three node ids (SplitMix64's finaliser): tie-breaks that do not favour low AS numbers.
    static func tieHash(_ origin: Int32, _ chooser: Int32, _ candidate: Int32) -> UInt64 {
        var value = UInt64(UInt32(bitPattern: origin)) &* 0x9E37_79B9_7F4A_7C15
            ^ UInt64(UInt32(bitPattern: chooser)) << 21 ^ UInt64(UInt32(bitPattern: candidate)) &* 0xC2B2_AE3D_27D4_EB4F
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
