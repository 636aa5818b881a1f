import InternetAddresses
import MRT
import ReferenceData

/// Builds a `Topology` from path observations (any number of RIB and update files of any number
/// of collectors, merged with each vantage point kept apart), prefix-to-AS origins, and AS
/// relationships.
public struct TopologyBuilder {
    private var asns: [UInt32] = []
    private var nodeIndex: [UInt32: Int32] = [:]
    private var prefixes: [IPPrefix] = []
    private var ipv4PrefixIndex: [UInt64: Int32] = [:]
    private var ipv6PrefixIndex: [IPPrefix: Int32] = [:]
    private var prefixOrigins: [[Int32]] = []
    private var paths = PathStore()
    private var pathIndex: [[Int32]: Int32] = [:]
    private var vantagePoints: [VantagePoint] = []
    private var routesRead: [Int] = []
    private var vantagePointIndex: [VantagePoint: Int] = [:]
    /// The current file's collector, and its sessions already seen, by peer AS and address.
    private var collector = ""
    private var sessions: [PeerSession: Int] = [:]
    /// Every kept route as one word: prefix, vantage point and path ids (see `RoutePacking`).
    private var packedRoutes: [UInt64] = []
    private var entryNodes = Set<Int32>()
    private var clique: [Int32] = []
    private var relationships: [Topology.EdgeKey: Relationship] = [:]
    /// What path hygiene did so far.
    public private(set) var hygiene = PathHygiene.Report()
    /// Why the routes read exceed what a topology can index, when they do (see `RoutePacking`).
    public private(set) var limitExceeded: String?

    private struct PeerSession: Hashable {
        var asn: UInt32
        var address: IPAddress
    }

    /// Creates an empty builder.
    public init() {}

    /// Routes added from now on come from `collector` (until the next call).
    public mutating func beginFile(collector: String) {
        self.collector = collector
        sessions.removeAll(keepingCapacity: true)
    }

    private mutating func node(_ asn: UInt32) -> Int32 {
        if let existing = nodeIndex[asn] { return existing }
        let id = Int32(asns.count)
        asns.append(asn)
        nodeIndex[asn] = id
        return id
    }

    private mutating func prefixID(_ prefix: IPPrefix) -> Int32 {
        // IPv4 prefixes, nearly all of them, are keyed by one integer: hashing is the hot spot here.
        let id = Int32(prefixes.count)
        if case .v4(let address) = prefix.address {
            let key = UInt64(address) << 8 | UInt64(prefix.length)
            if let existing = ipv4PrefixIndex[key] { return existing }
            ipv4PrefixIndex[key] = id
        } else {
            if let existing = ipv6PrefixIndex[prefix] { return existing }
            ipv6PrefixIndex[prefix] = id
        }
        prefixes.append(prefix)
        prefixOrigins.append([])
        return id
    }

    private mutating func vantagePoint(asn: UInt32, address: IPAddress) -> Int {
        let session = PeerSession(asn: asn, address: address)
        if let known = sessions[session] { return known }
        let point = VantagePoint(collector: collector, peerAddress: address, peerAS: asn)
        let id: Int
        if let existing = vantagePointIndex[point] {
            id = existing
        } else {
            id = vantagePoints.count
            vantagePoints.append(point)
            routesRead.append(0)
            vantagePointIndex[point] = id
        }
        sessions[session] = id
        return id
    }

    /// Adds one route (a RIB entry or an announcement; withdrawals carry no path and are ignored).
    public mutating func add(_ observation: PathObservation) {
        guard observation.kind != .withdrawal else { return }
        let view = observation.path
        var cleanedInput: [(isSet: Bool, asns: ArraySlice<UInt32>)] = []
        var start = 0
        let all = Array(view.asns)
        for segment in view.segments {
            // Confederation segments are internal to one AS's confederation: leave them out.
            if segment.kind == .sequence || segment.kind == .set {
                cleanedInput.append((segment.kind == .set, all[start..<start + segment.count]))
            }
            start += segment.count
        }
        add(segments: cleanedInput, vantagePoint: vantagePoint(asn: observation.peerAS, address: observation.peerAddress),
            prefix: observation.prefix)
    }

    /// Adds a route given as a plain AS sequence (vantage point first), from the session of `peerAS`
    /// at `peerAddress` of the current collector.
    public mutating func add(path: [UInt32], peerAS: UInt32, peerAddress: IPAddress = .v4(0), prefix: IPPrefix) {
        add(segments: [(false, path[...])], vantagePoint: vantagePoint(asn: peerAS, address: peerAddress), prefix: prefix)
    }

    private mutating func add(segments: [(isSet: Bool, asns: ArraySlice<UInt32>)], vantagePoint: Int, prefix: IPPrefix) {
        routesRead[vantagePoint] += 1
        guard let cleaned = PathHygiene.clean(segments: segments, report: &hygiene) else { return }
        let ids = cleaned.asns.map { node($0) }
        let pathID: Int32
        if let existing = pathIndex[ids] {
            pathID = existing
        } else {
            pathID = paths.append(ids)
            pathIndex[ids] = pathID
        }
        let prefix = prefixID(prefix)
        if cleaned.originKnown, let origin = ids.last, !prefixOrigins[Int(prefix)].contains(origin) {
            prefixOrigins[Int(prefix)].append(origin)
        }
        entryNodes.insert(ids[0])
        guard let packed = RoutePacking.pack(prefix: Int(prefix), vantagePoint: vantagePoint, path: Int(pathID)) else {
            limitExceeded = limitExceeded ?? RoutePacking.limitDescription
            return
        }
        packedRoutes.append(packed)
    }

    /// Adds routed prefixes and origins from a prefix-to-AS data set (for prefixes no path was seen
    /// for, and for additional origins). AS-set origins are left out, as the hygiene rules ask.
    public mutating func add(_ entry: PrefixToASEntry) {
        let origins: [UInt32] = entry.origins.compactMap {
            if case .asn(let asn) = $0, !PathHygiene.isReserved(asn) { return asn }
            return nil
        }
        guard !origins.isEmpty else { return }
        let prefix = prefixID(entry.prefix)
        for origin in origins {
            let id = node(origin)
            if !prefixOrigins[Int(prefix)].contains(id) { prefixOrigins[Int(prefix)].append(id) }
        }
    }

    /// Adds CAIDA AS relationships and the inferred clique.
    public mutating func add(_ relationships: ASRelationships) {
        for link in relationships.links where !PathHygiene.isReserved(link.first) && !PathHygiene.isReserved(link.second) {
            let first = node(link.first), second = node(link.second)
            switch link.kind {
            case .providerToCustomer:
                self.relationships[Topology.EdgeKey(from: first, to: second)] = .providerToCustomer
            case .peerToPeer:
                self.relationships[Topology.EdgeKey(from: min(first, second), to: max(first, second))] = .peer
            }
        }
        clique = relationships.clique.map { node($0) }
    }

    /// The topology built so far.
    public func build() -> Topology {
        // Sorting the packed words orders routes by prefix, vantage point and path; equal words are
        // the same route read twice (a RIB and an update, a duplicated file) and count once.
        var sorted = packedRoutes
        sorted.sort()
        var starts = [UInt32](repeating: 0, count: prefixes.count + 1)
        var routeVantagePoints: [UInt16] = []
        var routePaths: [UInt32] = []
        routeVantagePoints.reserveCapacity(sorted.count)
        routePaths.reserveCapacity(sorted.count)
        var ipv4Counts = [Int](repeating: 0, count: vantagePoints.count)
        var ipv6Counts = [Int](repeating: 0, count: vantagePoints.count)
        var previous: UInt64?
        var previousPair: UInt64?
        for word in sorted where word != previous {
            previous = word
            let route = RoutePacking.unpack(word)
            starts[route.prefix + 1] += 1
            routeVantagePoints.append(UInt16(route.vantagePoint))
            routePaths.append(UInt32(route.path))
            let pair = word >> RoutePacking.pathBits
            if pair != previousPair {
                previousPair = pair
                if prefixes[route.prefix].family == .ipv4 { ipv4Counts[route.vantagePoint] += 1 } else { ipv6Counts[route.vantagePoint] += 1 }
            }
        }
        for index in 0..<prefixes.count { starts[index + 1] += starts[index] }
        let records = vantagePoints.indices.map { index in
            VantagePointRecord(vantagePoint: vantagePoints[index], routesRead: routesRead[index],
                               ipv4Prefixes: ipv4Counts[index], ipv6Prefixes: ipv6Counts[index])
        }
        return Topology(asns: asns, nodeIndex: nodeIndex, prefixes: prefixes, prefixOrigins: prefixOrigins.map { $0.sorted() },
                        paths: paths, vantagePoints: records,
                        routes: RouteTable(starts: starts, vantagePoints: routeVantagePoints, paths: routePaths),
                        entryNodes: entryNodes.sorted(), clique: clique, relationships: relationships, hygiene: hygiene)
    }
}

/// A route as one 64-bit word, so that millions of them sort and deduplicate as integers: 24 bits
/// of prefix id, 12 of vantage point, 28 of path id.
enum RoutePacking {
    static let prefixBits: UInt64 = 24
    static let vantagePointBits: UInt64 = 12
    static let pathBits: UInt64 = 28

    static let limitDescription = "more than \(1 << prefixBits) prefixes, \(1 << vantagePointBits) vantage points or "
        + "\(1 << pathBits) distinct paths: split the inputs into several analyses"

    static func pack(prefix: Int, vantagePoint: Int, path: Int) -> UInt64? {
        guard prefix < 1 << prefixBits, vantagePoint < 1 << vantagePointBits, path < 1 << pathBits else { return nil }
        return UInt64(prefix) << (vantagePointBits + pathBits) | UInt64(vantagePoint) << pathBits | UInt64(path)
    }

    static func unpack(_ word: UInt64) -> (prefix: Int, vantagePoint: Int, path: Int) {
        (Int(word >> (vantagePointBits + pathBits)), Int(word >> pathBits & (1 << vantagePointBits - 1)),
         Int(word & (1 << pathBits - 1)))
    }
}
