import CPrefetch
import InternetAddresses
import MRT
import ReferenceData

/// Builds a `Topology` from path observations (any number of RIB and update files of any number
/// of collectors, merged with each vantage point kept apart), prefix-to-AS origins, and AS
/// relationships.
public struct TopologyBuilder {
    var asns: [UInt32] = []
    /// Node ids by AS number, in a flat table while reading (every AS of every new path is looked
    /// up); the topology derives its dictionary from `asns`.
    private var nodeIndex = FlatTable<Int32>(empty: -1)
    var prefixes: [IPPrefix] = []
    /// IPv4 prefixes (nearly all of them) keyed by one integer in a flat table: a lookup for every
    /// RIB record and prefix-to-AS entry, half a million or more distinct, where `Dictionary`'s
    /// seeded hashing and resizing were a fifth of reading a one-peer RIB.
    private var ipv4PrefixIndex = FlatTable<Int32>(empty: -1)
    private var ipv6PrefixIndex: [IPPrefix: Int32] = [:]
    var prefixOrigins: [[Int32]] = []
    /// Cleaned paths as node ids, each stored once: the topology's paths.
    var paths = SequenceInterner<Int32>()
    /// Raw AS sequences as read, each stored once, with what cleaning made of them (`rawOutcomes`):
    /// a path seen by many vantage points or prefixes is cleaned and mapped to nodes once.
    private var rawPaths = SequenceInterner<UInt32>()
    private var rawOutcomes: [RawOutcome] = []
    var vantagePoints: [VantagePoint] = []
    var routesRead: [Int] = []
    private var vantagePointIndex: [VantagePoint: Int] = [:]
    /// The current file's collector, and its sessions already seen, by peer AS and address
    /// (IPv4 sessions keyed by one integer in a flat table, as the lookup is made for every route
    /// and `Dictionary`'s seeded hashing of it was 1% of a cold run's CPU).
    private var collector = ""
    private var sessions: [PeerSession: Int] = [:]
    private var ipv4Sessions = FlatTable<Int>(empty: -1)
    /// Scratch arrays for a new path's cleaned AS numbers and node ids, reused from path to path.
    private var cleanedScratch: [UInt32] = []
    private var nodeScratch: [Int32] = []
    /// The routes as read, grouped in runs of one prefix (a RIB record is one run): the run's prefix
    /// and where it starts, then each route's vantage point and path. Six bytes a route.
    var runPrefixes: [Int32] = []
    var runStarts: [Int] = []
    var routes = ChunkedRoutes()
    private var lastPrefix: IPPrefix?
    private var lastPrefixID: Int32 = -1
    /// Whether runs came in increasing prefix order, each prefix once (one RIB file does): the
    /// routes are then already in the topology's order and are deduplicated in place.
    var runsInOrder = true
    var entryNodes = Set<Int32>()
    private var clique: [Int32] = []
    private var relationships: [Topology.EdgeKey: Relationship] = [:]
    /// What path hygiene did so far.
    public internal(set) var hygiene = PathHygiene.Report()
    /// What the simulated routes rest on, once `addSimulatedRoutes()` made them.
    public private(set) var simulation: RouteSimulation.Summary?
    /// Why the routes read exceed what a topology can index, when they do.
    public internal(set) var limitExceeded: String?

    static let limitDescription = "more than \(UInt16.max) vantage points, \(Int32.max) distinct paths or "
        + "\(UInt32.max) routes: split the inputs into several analyses"

    private struct PeerSession: Hashable {
        var asn: UInt32
        var address: IPAddress
    }

    /// What cleaning did to one raw path: the cleaned path's id (-1 when dropped) and the rules that
    /// applied, to be counted again for every route that carries it. Eight bytes, as there is one
    /// per distinct raw path (millions in full tables).
    private struct RawOutcome {
        var path: Int32
        var rules: UInt8

        static let kept: UInt8 = 1, prependingCollapsed: UInt8 = 2, loopsDropped: UInt8 = 4
        static let reservedDropped: UInt8 = 8, emptyDropped: UInt8 = 16

        /// The rules a one-path report counted (a plain sequence: never a set).
        init(path: Int32, counts: PathHygiene.Report) {
            self.path = path
            rules = (counts.kept > 0 ? Self.kept : 0) | (counts.prependingCollapsed > 0 ? Self.prependingCollapsed : 0)
                | (counts.loopsDropped > 0 ? Self.loopsDropped : 0) | (counts.reservedDropped > 0 ? Self.reservedDropped : 0)
                | (counts.emptyDropped > 0 ? Self.emptyDropped : 0)
        }

        /// Counts one more route carrying this path into `report`.
        func count(into report: inout PathHygiene.Report) {
            report.paths += 1
            if rules & Self.kept != 0 { report.kept += 1 }
            if rules & Self.prependingCollapsed != 0 { report.prependingCollapsed += 1 }
            if rules & Self.loopsDropped != 0 { report.loopsDropped += 1 }
            if rules & Self.reservedDropped != 0 { report.reservedDropped += 1 }
            if rules & Self.emptyDropped != 0 { report.emptyDropped += 1 }
        }
    }

    /// Creates an empty builder.
    public init() {}

    /// Routes added from now on come from `collector` (until the next call).
    public mutating func beginFile(collector: String) {
        self.collector = collector
        sessions.removeAll(keepingCapacity: true)
        ipv4Sessions = FlatTable(empty: -1)
        // A new file starts a new run even for the prefix the last one ended with.
        lastPrefix = nil
        lastPrefixID = -1
    }

    mutating func node(_ asn: UInt32) -> Int32 {
        if let existing = nodeIndex[UInt64(asn)] { return existing }
        let id = Int32(asns.count)
        asns.append(asn)
        nodeIndex.update(UInt64(asn)) { $0 = id }
        return id
    }

    mutating func prefixID(_ prefix: IPPrefix) -> Int32 {
        let id = Int32(prefixes.count)
        if let key = Self.ipv4Key(prefix) {
            let slot = ipv4PrefixIndex.insertSlot(key)
            let existing = ipv4PrefixIndex.values[slot]
            if existing >= 0 { return existing }
            ipv4PrefixIndex.values[slot] = id
        } else {
            if let existing = ipv6PrefixIndex[prefix] { return existing }
            ipv6PrefixIndex[prefix] = id
        }
        prefixes.append(prefix)
        prefixOrigins.append([])
        return id
    }

    /// An IPv4 prefix as one integer (never `UInt64.max`, which the flat table reserves); nil for IPv6.
    private static func ipv4Key(_ prefix: IPPrefix) -> UInt64? {
        guard case .v4(let address) = prefix.address else { return nil }
        return UInt64(address) << 8 | UInt64(prefix.length)
    }

    /// Asks for where `prefix` is looked up to be brought into the cache, a few lookups ahead.
    mutating func prefetchPrefix(_ prefix: IPPrefix) {
        if let key = Self.ipv4Key(prefix) { ipv4PrefixIndex.prefetch(key) }
    }

    private mutating func vantagePoint(asn: UInt32, address: IPAddress) -> Int {
        var key: UInt64?
        if case .v4(let v4) = address { key = UInt64(asn) << 32 | UInt64(v4) }
        // The one key the flat table reserves (AS 4294967295 at 255.255.255.255) takes the slow way.
        if key == .max { key = nil }
        if let key, let known = ipv4Sessions[key] { return known }
        let session = PeerSession(asn: asn, address: address)
        if let known = sessions[session] { return known }
        let id = vantagePointID(VantagePoint(collector: collector, peerAddress: address, peerAS: asn))
        sessions[session] = id
        if let key { ipv4Sessions.update(key) { $0 = id } }
        return id
    }

    /// The id of `point`, a new one when it is new.
    mutating func vantagePointID(_ point: VantagePoint) -> Int {
        if let existing = vantagePointIndex[point] { return existing }
        let id = vantagePoints.count
        vantagePoints.append(point)
        routesRead.append(0)
        vantagePointIndex[point] = id
        return id
    }

    /// Adds one route (a RIB entry or an announcement; withdrawals carry no path and are ignored).
    public mutating func add(_ observation: PathObservation) {
        guard observation.kind != .withdrawal else { return }
        let vantagePoint = vantagePoint(asn: observation.peerAS, address: observation.peerAddress)
        let view = observation.path
        if view.isPlainSequence {
            add(plain: view.asns, vantagePoint: vantagePoint, prefix: observation.prefix)
            return
        }
        var segments: [(isSet: Bool, asns: ArraySlice<UInt32>)] = []
        var start = 0
        let all = Array(view.asns)
        for segment in view.segments {
            // Confederation segments are internal to one AS's confederation: leave them out.
            if segment.kind == .sequence || segment.kind == .set {
                segments.append((segment.kind == .set, all[start..<start + segment.count]))
            }
            start += segment.count
        }
        routesRead[vantagePoint] += 1
        guard let cleaned = PathHygiene.clean(segments: segments, report: &hygiene),
              let path = internCleaned(cleaned.asns) else { return }
        addRoute(path: path, originKnown: cleaned.originKnown, vantagePoint: vantagePoint, prefix: observation.prefix)
    }

    /// Adds a route given as a plain AS sequence (vantage point first), from the session of `peerAS`
    /// at `peerAddress` of the current collector.
    public mutating func add(path: [UInt32], peerAS: UInt32, peerAddress: IPAddress = .v4(0), prefix: IPPrefix) {
        let vantagePoint = vantagePoint(asn: peerAS, address: peerAddress)
        path.withUnsafeBufferPointer { add(plain: $0, vantagePoint: vantagePoint, prefix: prefix) }
    }

    /// Adds the routes of `batch`, in order: the same as adding each of its observations in turn.
    public mutating func add(_ batch: RouteBatch) {
        // The slots were asked for as the routes were read; now the entries they name, then those
        // entries' outcomes and elements, each step for the whole batch before the lookups.
        var entries: [Int32] = []
        entries.reserveCapacity(batch.count)
        for hash in batch.hashes {
            if let id = rawPaths.prefetchEntry(for: hash) { entries.append(id) }
        }
        // And each run's prefix (a RIB record is one), new in a one-peer RIB nearly every route.
        for index in batch.prefixes.indices where index == 0 || batch.prefixes[index] != batch.prefixes[index - 1] {
            prefetchPrefix(batch.prefixes[index])
        }
        for id in entries {
            rawPaths.prefetchElements(of: id)
            rawOutcomes.withUnsafeBufferPointer { if let base = $0.baseAddress, Int(id) < $0.count { chokepoint_prefetch(base + Int(id)) } }
        }
        batch.asns.withUnsafeBufferPointer { asns in
            var start = 0
            for index in 0..<batch.count {
                let point = vantagePoint(asn: batch.peerAS[index], address: batch.peerAddresses[index])
                let end = batch.ends[index]
                add(plain: UnsafeBufferPointer(rebasing: asns[start..<end]), hash: batch.hashes[index], vantagePoint: point,
                    prefix: batch.prefixes[index])
                start = end
            }
        }
    }

    /// Asks for the slot of the raw paths' table where a path hashing to `hash` is looked up: for
    /// a route just put in a `RouteBatch`, to be added with it. (Mutating, though it changes
    /// nothing: called on a builder captured by a reading closure, a non-mutating call copied the
    /// whole builder, every one of its arrays retained and released, for each route.)
    public mutating func prefetchRawPath(hash: UInt64) {
        rawPaths.prefetchSlot(for: hash)
    }

    /// A route whose path is one AS_SEQUENCE: cleaned once per distinct raw path, then looked up.
    private mutating func add(plain asns: UnsafeBufferPointer<UInt32>, vantagePoint: Int, prefix: IPPrefix) {
        add(plain: asns, hash: SequenceInterner<UInt32>.hash(asns), vantagePoint: vantagePoint, prefix: prefix)
    }

    private mutating func add(plain asns: UnsafeBufferPointer<UInt32>, hash: UInt64, vantagePoint: Int, prefix: IPPrefix) {
        routesRead[vantagePoint] += 1
        let outcome: RawOutcome
        if let known = rawPaths.find(asns, hash: hash) {
            outcome = rawOutcomes[Int(known)]
            outcome.count(into: &hygiene)
        } else {
            var counts = PathHygiene.Report()
            var cleaned: [UInt32] = []
            swap(&cleaned, &cleanedScratch)
            let path = PathHygiene.clean(plain: asns, into: &cleaned, report: &counts) ? internCleaned(cleaned) ?? -1 : -1
            swap(&cleaned, &cleanedScratch)
            hygiene.add(counts)
            outcome = RawOutcome(path: path, counts: counts)
            if rawPaths.canAdd(length: asns.count) {
                _ = rawPaths.intern(asns, hash: hash)
                rawOutcomes.append(outcome)
            }
        }
        guard outcome.path >= 0 else { return }
        addRoute(path: outcome.path, originKnown: true, vantagePoint: vantagePoint, prefix: prefix)
    }

    /// The id of a cleaned path, interning it (and its first AS as an entry node) when new; nil
    /// when the topology cannot index more paths.
    private mutating func internCleaned(_ cleaned: [UInt32]) -> Int32? {
        // A scratch array taken out and put back, not a new array per distinct path.
        var ids: [Int32] = []
        swap(&ids, &nodeScratch)
        defer { swap(&ids, &nodeScratch) }
        ids.removeAll(keepingCapacity: true)
        for asn in cleaned { ids.append(node(asn)) }
        guard paths.canAdd(length: ids.count) else {
            limitExceeded = limitExceeded ?? Self.limitDescription
            return nil
        }
        let (id, inserted) = ids.withUnsafeBufferPointer { paths.intern($0) }
        if inserted { entryNodes.insert(ids[0]) }
        return id
    }

    private mutating func addRoute(path: Int32, originKnown: Bool, vantagePoint: Int, prefix: IPPrefix) {
        guard vantagePoint <= Int(UInt16.max), routes.count < Int(UInt32.max) else {
            limitExceeded = limitExceeded ?? Self.limitDescription
            return
        }
        let prefixID: Int32
        if prefix == lastPrefix {
            prefixID = lastPrefixID
        } else {
            prefixID = self.prefixID(prefix)
            if let previous = runPrefixes.last, prefixID <= previous { runsInOrder = false }
            runPrefixes.append(prefixID)
            runStarts.append(routes.count)
            lastPrefix = prefix
            lastPrefixID = prefixID
        }
        if originKnown {
            let origin = paths.last(of: path)
            if !prefixOrigins[Int(prefixID)].contains(origin) { prefixOrigins[Int(prefixID)].append(origin) }
        }
        routes.append(vantagePoint: UInt16(vantagePoint), path: UInt32(path))
    }

    /// Adds routed prefixes and origins from a prefix-to-AS data set (for prefixes no path was seen
    /// for, and for additional origins). AS-set origins are left out, as the hygiene rules ask.
    public mutating func add(_ entry: PrefixToASEntry) {
        var origins: [UInt32] = []
        Self.appendKeptOrigins(of: entry, to: &origins)
        guard !origins.isEmpty else { return }
        add(prefix: entry.prefix, origins: origins[...])
    }

    /// Appends the origins of `entry` a topology keeps to `origins`: single, unreserved ASes (an
    /// AS-set origin says only that one of its members originates the prefix, not which).
    static func appendKeptOrigins(of entry: PrefixToASEntry, to origins: inout [UInt32]) {
        for case .asn(let asn) in entry.origins where !PathHygiene.isReserved(asn) { origins.append(asn) }
    }

    /// Adds a prefix-to-AS entry's single, unreserved origins (not empty).
    mutating func add(prefix entryPrefix: IPPrefix, origins: ArraySlice<UInt32>) {
        let prefix = prefixID(entryPrefix)
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

    /// Adds the routes the relationships added so far imply, in place of routing data: one best
    /// route per prefix from each AS of the inferred clique (or, when the relationships name none,
    /// from the `fallbackVantagePoints` ASes with the most customers), as `RouteSimulation` makes
    /// them, under the collector `simulated`. Call it once, after the prefix-to-AS data and the
    /// relationships, and with no other routes.
    @discardableResult
    public mutating func addSimulatedRoutes(fallbackVantagePoints: Int = 16) -> RouteSimulation.Summary {
        var links = relationships.map { RelationshipGraph.Link(from: $0.key.from, to: $0.key.to, relationship: $0.value) }
        links.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        let graph = RelationshipGraph(nodeCount: asns.count, links: links)
        var points: [Int32]
        let basis: String
        if !clique.isEmpty {
            points = clique
            basis = "the inferred clique"
        } else {
            let ranked = (0..<Int32(asns.count)).map { ($0, graph.customers(of: $0).count) }.filter { $0.1 > 0 }
            points = ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : asns[Int($0.0)] < asns[Int($1.0)] }
                .prefix(fallbackVantagePoints).map(\.0)
            basis = "the \(fallbackVantagePoints) ASes with the most customers (the relationships name no clique)"
        }
        points.sort { asns[Int($0)] < asns[Int($1)] }
        var seenOrigins = Set<Int32>()
        var origins: [Int32] = []
        for list in prefixOrigins {
            for origin in list where seenOrigins.insert(origin).inserted { origins.append(origin) }
        }
        let simulated = RouteSimulation(graph: graph, vantagePoints: points, origins: origins)
        var summary = RouteSimulation.Summary(vantagePoints: simulated.vantagePoints.map { asns[Int($0)] }, vantagePointBasis: basis)
        beginFile(collector: "simulated")
        let sessions = simulated.vantagePoints.map { vantagePoint(asn: asns[Int($0)], address: .v4(0)) }
        // Each simulated path interned once, when a route first takes it.
        var interned = [Int32](repeating: -1, count: simulated.pathCount)
        for prefix in prefixes.indices where !prefixOrigins[prefix].isEmpty {
            summary.prefixes += 1
            var routed = false
            for (point, session) in sessions.enumerated() {
                guard let route = simulated.bestRoute(from: point, toward: prefixOrigins[prefix]) else {
                    summary.missingRoutes += 1
                    continue
                }
                if interned[Int(route.path)] < 0 {
                    let nodes = Array(simulated.path(route.path))
                    guard paths.canAdd(length: nodes.count) else {
                        limitExceeded = limitExceeded ?? Self.limitDescription
                        return summary
                    }
                    let (id, inserted) = nodes.withUnsafeBufferPointer { paths.intern($0) }
                    if inserted { entryNodes.insert(nodes[0]) }
                    interned[Int(route.path)] = id
                }
                routesRead[session] += 1
                hygiene.paths += 1
                hygiene.kept += 1
                addRoute(path: interned[Int(route.path)], originKnown: true, vantagePoint: session, prefix: prefixes[prefix])
                summary.routes += 1
                if route.tied { summary.routesWithTies += 1 }
                routed = true
            }
            if !routed { summary.unroutedPrefixes += 1 }
        }
        simulation = summary
        return summary
    }

    /// Adds everything `other` read, after what this builder holds, as if its files had been read
    /// here: ASes, paths, prefixes and vantage points get the ids reading would have given them
    /// (new ones come in the order `other` met them, which is the order reading would have met
    /// them), so the topology built is the same, byte for byte. That lets files be read on
    /// several threads, each into a builder of its own, and merged in the order they were given.
    ///
    /// `other` holds routes only: prefix-to-AS data, relationships and simulated routes are added
    /// to the merged builder afterwards. Its route chunks are released as they are copied.
    public mutating func merge(_ other: consuming TopologyBuilder) {
        if let limit = other.limitExceeded { limitExceeded = limitExceeded ?? limit }
        hygiene.add(other.hygiene)
        let nodeMap = other.asns.map { node($0) }
        let otherPaths = other.paths.takeStorage()
        var pathMap = [Int32](repeating: -1, count: otherPaths.starts.count - 1)
        var mapped: [Int32] = []
        for id in pathMap.indices {
            mapped.removeAll(keepingCapacity: true)
            for index in Int(otherPaths.starts[id])..<Int(otherPaths.starts[id + 1]) {
                mapped.append(nodeMap[Int(otherPaths.elements[index])])
            }
            guard paths.canAdd(length: mapped.count) else {
                limitExceeded = limitExceeded ?? Self.limitDescription
                return
            }
            let (global, inserted) = mapped.withUnsafeBufferPointer { paths.intern($0) }
            if inserted { entryNodes.insert(mapped[0]) }
            pathMap[id] = global
        }
        var vantageMap: [Int] = []
        for (index, point) in other.vantagePoints.enumerated() {
            let id = vantagePointID(point)
            routesRead[id] += other.routesRead[index]
            vantageMap.append(id)
        }
        // Prefixes get their ids run by run, as reading gives them; origins are merged per prefix
        // (each list is sorted when the topology is built, so only its contents matter).
        var prefixMap = [Int32](repeating: -1, count: other.prefixes.count)
        let runPrefixes = other.runPrefixes, runStarts = other.runStarts
        for (run, local) in runPrefixes.enumerated() {
            var prefixID = prefixMap[Int(local)]
            if prefixID < 0 {
                prefixID = self.prefixID(other.prefixes[Int(local)])
                prefixMap[Int(local)] = prefixID
                for origin in other.prefixOrigins[Int(local)] {
                    let global = nodeMap[Int(origin)]
                    if !prefixOrigins[Int(prefixID)].contains(global) { prefixOrigins[Int(prefixID)].append(global) }
                }
            }
            if let previous = self.runPrefixes.last, prefixID <= previous { runsInOrder = false }
            self.runPrefixes.append(prefixID)
            self.runStarts.append(routes.count + runStarts[run])
        }
        guard vantagePoints.count <= Int(UInt16.max) + 1, routes.count + other.routes.count < Int(UInt32.max) else {
            limitExceeded = limitExceeded ?? Self.limitDescription
            return
        }
        other.routes.drain { _, point, path in
            routes.append(vantagePoint: UInt16(vantageMap[Int(point)]), path: UInt32(pathMap[Int(path)]))
        }
        // The next route read starts a new run, as after a file.
        lastPrefix = nil
        lastPrefixID = -1
    }

    /// Each prefix's routes sorted by vantage point then path, a route read twice (a RIB and an
    /// update, a file given twice) kept once, and the table closed up in place. On entry
    /// `starts[i + 1]` is prefix i's number of routes; on return `starts[i]` is where its routes
    /// start, and `starts[prefixes.count]` how many are kept, which is also returned.
    /// `counts[2 * point]` and `counts[2 * point + 1]` count each vantage point's IPv4 and IPv6 prefixes.
    private static func closeUp(_ vantage: UnsafeMutableBufferPointer<UInt16>, _ chosen: UnsafeMutableBufferPointer<UInt32>,
                                starts: inout [UInt32], prefixes: [IPPrefix], counts: UnsafeMutableBufferPointer<Int>) -> Int {
        var read = 0
        var written = 0
        var scratch: [UInt64] = []
        for prefix in prefixes.indices {
            let count = Int(starts[prefix + 1])
            let range = read..<read + count
            read += count
            var sorted = true
            var previous: UInt64 = 0
            for route in range {
                let word = UInt64(vantage[route]) << 32 | UInt64(chosen[route])
                if route > range.lowerBound, word <= previous { sorted = false; break }
                previous = word
            }
            var unique = count
            if !sorted {
                scratch.removeAll(keepingCapacity: true)
                for route in range { scratch.append(UInt64(vantage[route]) << 32 | UInt64(chosen[route])) }
                scratch.sort()
                var last: UInt64?
                var target = range.lowerBound
                for word in scratch where word != last {
                    last = word
                    vantage[target] = UInt16(word >> 32)
                    chosen[target] = UInt32(truncatingIfNeeded: word)
                    target += 1
                }
                unique = target - range.lowerBound
            }
            starts[prefix] = UInt32(written)
            let family = prefixes[prefix].family == .ipv4 ? 0 : 1
            var lastVantage = -1
            // Until a route is dropped, every route already stands where it goes.
            let moving = written != range.lowerBound
            for route in range.lowerBound..<range.lowerBound + unique {
                let point = Int(vantage[route])
                if moving {
                    vantage[written] = vantage[route]
                    chosen[written] = chosen[route]
                }
                written += 1
                if point != lastVantage {
                    lastVantage = point
                    counts[2 * point + family] += 1
                }
            }
        }
        starts[prefixes.count] = UInt32(written)
        return written
    }

    /// The topology built from everything added; the builder's memory goes into it.
    public consuming func build() -> Topology {
        // What only reading needed goes first, so that the routes can be reordered in its place.
        rawPaths = SequenceInterner()
        rawOutcomes = []
        ipv4Sessions = FlatTable(empty: -1)
        sessions = [:]
        ipv4PrefixIndex = FlatTable(empty: -1)
        ipv6PrefixIndex = [:]
        vantagePointIndex = [:]
        let routeCount = routes.count
        var starts = [UInt32](repeating: 0, count: prefixes.count + 1)
        // Filled chunk by chunk from what was read, so the routes are held about once, not twice;
        // uninitialised until written, so their pages are taken as the chunks are let go (zeroed
        // first, they took 6 bytes a route at once on top of the chunks: the peak of a build).
        var vantage: [UInt16] = []
        var chosen: [UInt32] = []
        vantage = [UInt16](unsafeUninitializedCapacity: routeCount) { points, pointCount in
            chosen = [UInt32](unsafeUninitializedCapacity: routeCount) { paths, pathCount in
                var written = 0
                if runsInOrder {
                    // One run per prefix in prefix order: the routes already stand where the table wants them.
                    for (index, prefix) in runPrefixes.enumerated() {
                        let end = index + 1 < runStarts.count ? runStarts[index + 1] : routeCount
                        starts[Int(prefix) + 1] = UInt32(end - runStarts[index])
                    }
                    routes.drain { index, point, path in
                        points.initializeElement(at: index, to: point)
                        paths.initializeElement(at: index, to: path)
                        written += 1
                    }
                } else {
                    // Runs of a prefix in several places (several files, updates): count, then place each run.
                    for (index, prefix) in runPrefixes.enumerated() {
                        let end = index + 1 < runStarts.count ? runStarts[index + 1] : routeCount
                        starts[Int(prefix) + 1] += UInt32(end - runStarts[index])
                    }
                    for index in 0..<prefixes.count { starts[index + 1] += starts[index] }
                    // Where each route goes: runs in order, each run at its prefix's next free place.
                    var next = starts
                    var run = 0
                    var target = 0
                    routes.drain { index, point, path in
                        while run < runStarts.count && runStarts[run] == index {
                            target = Int(next[Int(runPrefixes[run])])
                            let end = run + 1 < runStarts.count ? runStarts[run + 1] : routeCount
                            next[Int(runPrefixes[run])] += UInt32(end - runStarts[run])
                            run += 1
                        }
                        points.initializeElement(at: target, to: point)
                        paths.initializeElement(at: target, to: path)
                        target += 1
                        written += 1
                    }
                    for index in stride(from: prefixes.count, to: 0, by: -1) { starts[index] -= starts[index - 1] }
                }
                // Each place is written once: the runs cover the routes exactly.
                precondition(written == routeCount, "TopologyBuilder: \(written) of \(routeCount) routes placed")
                pathCount = routeCount
            }
            pointCount = routeCount
        }
        runPrefixes = []
        runStarts = []
        // Through buffers: 60 million routes at 120 peers, and each write to the arrays checked
        // their uniqueness (a third of this work, which runs on one core after the reading).
        var prefixCounts = [Int](repeating: 0, count: 2 * vantagePoints.count)
        let prefixList = prefixes
        let written = vantage.withUnsafeMutableBufferPointer { vantage in
            chosen.withUnsafeMutableBufferPointer { chosen in
                prefixCounts.withUnsafeMutableBufferPointer { counts in
                    Self.closeUp(vantage, chosen, starts: &starts, prefixes: prefixList, counts: counts)
                }
            }
        }
        vantage.removeLast(vantage.count - written)
        chosen.removeLast(chosen.count - written)
        let records = vantagePoints.indices.map { index in
            VantagePointRecord(vantagePoint: vantagePoints[index], routesRead: routesRead[index],
                               ipv4Prefixes: prefixCounts[2 * index], ipv6Prefixes: prefixCounts[2 * index + 1])
        }
        let store = paths.takeStorage()
        // In place: a sorted copy of half a million small arrays would stand beside the originals.
        for index in prefixOrigins.indices where prefixOrigins[index].count > 1 { prefixOrigins[index].sort() }
        return Topology(asns: asns, prefixes: prefixes, prefixOrigins: prefixOrigins,
                        paths: PathStore(nodes: store.elements, starts: store.starts), vantagePoints: records,
                        routes: RouteTable(starts: starts, vantagePoints: vantage, paths: chosen),
                        entryNodes: entryNodes.sorted(), clique: clique, relationships: relationships, hygiene: hygiene,
                        simulation: simulation)
    }
}

