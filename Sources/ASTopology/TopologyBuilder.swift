import InternetAddresses
import MRT
import ReferenceData

/// Builds a `Topology` from path observations (any number of RIB and update files, merged),
/// prefix-to-AS origins, and AS relationships.
public struct TopologyBuilder {
    private var asns: [UInt32] = []
    private var nodeIndex: [UInt32: Int32] = [:]
    private var prefixes: [IPPrefix] = []
    private var ipv4PrefixIndex: [UInt64: Int32] = [:]
    private var ipv6PrefixIndex: [IPPrefix: Int32] = [:]
    private var prefixOrigins: [Set<Int32>] = []
    private var prefixPaths: [Set<Int32>] = []
    private var paths = PathStore()
    private var pathIndex: [[Int32]: Int32] = [:]
    /// Distinct (peer, prefix, path) observations.
    private var observations = Set<Observation>()
    private var vantagePoints = Set<Int32>()
    private var clique: [Int32] = []
    private var relationships: [Topology.EdgeKey: Relationship] = [:]
    /// What path hygiene did so far.
    public private(set) var hygiene = PathHygiene.Report()
    private var scratchSegments: [(isSet: Bool, asns: ArraySlice<UInt32>)] = []

    private struct Observation: Hashable {
        var peer: Int32
        var prefix: Int32
        var path: Int32
    }

    /// Creates an empty builder.
    public init() {}

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
        prefixPaths.append([])
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
        add(segments: cleanedInput, peerAS: observation.peerAS, prefix: observation.prefix)
    }

    /// Adds a route given as a plain AS sequence (vantage point first).
    public mutating func add(path: [UInt32], peerAS: UInt32, prefix: IPPrefix) {
        add(segments: [(false, path[...])], peerAS: peerAS, prefix: prefix)
    }

    private mutating func add(segments: [(isSet: Bool, asns: ArraySlice<UInt32>)], peerAS: UInt32, prefix: IPPrefix) {
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
        if cleaned.originKnown, let origin = ids.last { prefixOrigins[Int(prefix)].insert(origin) }
        prefixPaths[Int(prefix)].insert(pathID)
        vantagePoints.insert(ids[0])
        observations.insert(Observation(peer: node(peerAS), prefix: prefix, path: pathID))
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
        for origin in origins { prefixOrigins[Int(prefix)].insert(node(origin)) }
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
        // Each edge counts the distinct (peer, prefix) pairs whose paths use it: observations are
        // grouped by pair, and an edge shared by two paths of one pair counts once.
        let sorted = observations.sorted { ($0.peer, $0.prefix, $0.path) < ($1.peer, $1.prefix, $1.path) }
        var counts: [UInt64: Int] = [:]
        counts.reserveCapacity(paths.count * 2)
        var index = 0
        var group = Set<UInt64>()
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count && sorted[end].peer == sorted[index].peer && sorted[end].prefix == sorted[index].prefix {
                end += 1
            }
            group.removeAll(keepingCapacity: true)
            for observation in sorted[index..<end] {
                let path = paths[observation.path]
                for (from, to) in zip(path, path.dropFirst()) {
                    let key = UInt64(UInt32(bitPattern: from)) << 32 | UInt64(UInt32(bitPattern: to))
                    if end - index == 1 || group.insert(key).inserted { counts[key, default: 0] += 1 }
                }
            }
            index = end
        }
        var weights: [Topology.EdgeKey: Int] = [:]
        weights.reserveCapacity(counts.count)
        for (key, count) in counts {
            weights[Topology.EdgeKey(from: Int32(truncatingIfNeeded: key >> 32), to: Int32(truncatingIfNeeded: key))] = count
        }
        return Topology(asns: asns, nodeIndex: nodeIndex, prefixes: prefixes,
                        prefixOrigins: prefixOrigins.map { $0.sorted() }, prefixPaths: prefixPaths.map { $0.sorted() },
                        paths: paths, vantagePoints: vantagePoints.sorted(), clique: clique,
                        observedEdges: weights, relationships: relationships, hygiene: hygiene)
    }
}
