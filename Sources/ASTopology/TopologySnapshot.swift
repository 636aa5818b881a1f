import Decompression
import Foundation
import InternetAddresses

/// A topology and its load report in a binary file, so that the same inputs are not parsed twice.
///
/// Everything is stored as flat little-endian arrays, followed by a 64-bit digest of all that
/// precedes it. Reading checks the digest, then every length and index; a snapshot that fails any
/// check is treated as absent (and so rebuilt).
enum TopologySnapshot {
    /// Bump when the layout or what the builder computes changes, so old snapshots are never read.
    static let formatVersion: UInt32 = 6
    private static let magic = Array("CHOKEPOINT TOPOLOGY\n".utf8)

    /// Writes the snapshot under a temporary name beside `path` and renames it when whole; on any
    /// failure (a full disk, say) the temporary file is removed and the error thrown.
    static func write(_ topology: Topology, report: TopologyLoader.Report, key: String, to path: String) throws(SnapshotWriteError) {
        try SnapshotWriter.writeFile(at: path) { writer in
            for byte in magic { writer.write(byte) }
            writer.write(formatVersion)
            writer.write(key)
            encode(topology, into: &writer)
            writer.write(UInt64(report.mrt.count))
            for file in report.mrt { write(file, into: &writer) }
            writer.write(UInt64(report.observations))
            writer.write(UInt64(report.prefixToASEntries))
            writer.write(UInt64(report.relationshipLinks))
            writeReplay(report.replay, into: &writer)
        }
    }

    static func write(_ hygiene: PathHygiene.Report, into writer: inout SnapshotWriter) {
        for count in [hygiene.paths, hygiene.kept, hygiene.prependingCollapsed, hygiene.loopsDropped, hygiene.setsTruncated,
                      hygiene.originUnknown, hygiene.reservedDropped, hygiene.emptyDropped] {
            writer.write(UInt64(count))
        }
    }

    static func readHygiene(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> PathHygiene.Report {
        var hygiene = PathHygiene.Report()
        hygiene.paths = try reader.readInt()
        hygiene.kept = try reader.readInt()
        hygiene.prependingCollapsed = try reader.readInt()
        hygiene.loopsDropped = try reader.readInt()
        hygiene.setsTruncated = try reader.readInt()
        hygiene.originUnknown = try reader.readInt()
        hygiene.reservedDropped = try reader.readInt()
        hygiene.emptyDropped = try reader.readInt()
        return hygiene
    }

    static func write(_ file: TopologyLoader.FileSummary, into writer: inout SnapshotWriter) {
        writer.write(file.file)
        writer.write(UInt64(file.observations))
        writer.write(UInt64(file.recoveryLines.count))
        for line in file.recoveryLines { writer.write(line) }
        // 0 for a time the file lacks: no MRT record is of 1970-01-01 00:00.
        writer.write(file.firstRecordTime ?? 0)
        writer.write(file.lastRecordTime ?? 0)
    }

    static func readFileSummary(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> TopologyLoader.FileSummary {
        var file = TopologyLoader.FileSummary(file: try reader.readString())
        file.observations = try reader.readInt()
        for _ in 0..<(try reader.count(elementSize: 8)) { file.recoveryLines.append(try reader.readString()) }
        let first = try reader.read(UInt32.self), last = try reader.read(UInt32.self)
        file.firstRecordTime = first == 0 ? nil : first
        file.lastRecordTime = last == 0 ? nil : last
        return file
    }

    /// The snapshot at `path` when it exists, is whole, and was written for `key`.
    static func read(from path: String, key: String) -> (Topology, TopologyLoader.Report)? {
        guard var reader = SnapshotReader(path: path) else { return nil }
        do {
            for byte in magic where try reader.read(UInt8.self) != byte { return nil }
            guard try reader.read(UInt32.self) == formatVersion, try reader.readString() == key else { return nil }
            let topology = try decode(from: &reader)
            var report = TopologyLoader.Report()
            for _ in 0..<(try reader.count(elementSize: 32)) { report.mrt.append(try readFileSummary(from: &reader)) }
            report.observations = try reader.readInt()
            report.prefixToASEntries = try reader.readInt()
            report.relationshipLinks = try reader.readInt()
            report.replay = try readReplay(from: &reader)
            // Everything decoded was checked as it was read; the digest says it is what was written.
            guard reader.isSound() else { return nil }
            report.snapshot = path
            return (topology, report)
        } catch {
            return nil
        }
    }

    static func encode(_ address: IPAddress, into writer: inout SnapshotWriter) {
        switch address {
        case .v4(let value):
            writer.write(UInt8(4))
            writer.write(value)
        case .v6(let value):
            writer.write(UInt8(6))
            writer.write(UInt64(truncatingIfNeeded: value >> 64))
            writer.write(UInt64(truncatingIfNeeded: value))
        }
    }

    static func decodeAddress(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> IPAddress {
        switch try reader.read(UInt8.self) {
        case 4: return .v4(try reader.read(UInt32.self))
        case 6:
            let high = try reader.read(UInt64.self), low = try reader.read(UInt64.self)
            return .v6(UInt128(high) << 64 | UInt128(low))
        default: throw .init(offset: reader.offset)
        }
    }

    private static func encode(_ topology: Topology, into writer: inout SnapshotWriter) {
        writer.write(topology.asns)
        writer.write(UInt64(topology.prefixes.count))
        for prefix in topology.prefixes {
            encode(prefix.address, into: &writer)
            writer.write(prefix.length)
        }
        writeJagged(topology.prefixOrigins, into: &writer)
        writer.write(topology.paths.nodes)
        writer.write(topology.paths.starts)
        writer.write(UInt64(topology.vantagePoints.count))
        for record in topology.vantagePoints {
            writer.write(record.vantagePoint.collector)
            encode(record.vantagePoint.peerAddress, into: &writer)
            writer.write(record.vantagePoint.peerAS)
            writer.write(UInt64(record.routesRead))
            writer.write(UInt64(record.ipv4Prefixes))
            writer.write(UInt64(record.ipv6Prefixes))
        }
        writer.write(topology.routes.starts)
        writer.write(topology.routes.vantagePoints)
        writer.write(topology.routes.paths)
        writer.write(topology.entryNodes)
        writer.write(topology.clique)
        let related = topology.relationships.sorted { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }
        writer.write(related.map(\.key.from))
        writer.write(related.map(\.key.to))
        writer.write(related.map(\.value.rawValue))
        write(topology.hygiene, into: &writer)
        writer.write(UInt8(topology.simulation == nil ? 0 : 1))
        if let simulation = topology.simulation {
            writer.write(simulation.vantagePoints)
            writer.write(simulation.vantagePointBasis)
            for count in [simulation.prefixes, simulation.unroutedPrefixes, simulation.routes, simulation.missingRoutes,
                          simulation.routesWithTies] {
                writer.write(UInt64(count))
            }
        }
        writer.write(UInt8(topology.storedPolicySummary == nil ? 0 : 1))
        if let summary = topology.storedPolicySummary {
            writer.write(summary.inferred.links.map(\.from))
            writer.write(summary.inferred.links.map(\.to))
            writer.write(summary.inferred.links.map(\.relationship.rawValue))
            for count in [summary.inferred.providerToCustomer, summary.inferred.peers, summary.census.valleyFree,
                          summary.census.valley, summary.census.unknownLink] {
                writer.write(UInt64(count))
            }
        }
    }

    static func writeJagged(_ lists: [[Int32]], into writer: inout SnapshotWriter) {
        var starts: [UInt32] = [0]
        starts.reserveCapacity(lists.count + 1)
        for list in lists { starts.append(starts[starts.count - 1] + UInt32(list.count)) }
        writer.write(starts)
        writer.write(lists.flatMap { $0 })
    }

    static func readJagged(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> [[Int32]] {
        let starts = try reader.readArray(UInt32.self)
        let values = try reader.readArray(Int32.self)
        guard let first = starts.first, first == 0, starts.last.map(Int.init) == values.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .init(offset: reader.offset) }
        return zip(starts, starts.dropFirst()).map { Array(values[Int($0)..<Int($1)]) }
    }

    private static func decode(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> Topology {
        let asns = try reader.readArray(UInt32.self)
        func isNode(_ id: Int32) -> Bool { id >= 0 && Int(id) < asns.count }
        var prefixes: [IPPrefix] = []
        let prefixCount = try reader.count(elementSize: 6)
        prefixes.reserveCapacity(prefixCount)
        for _ in 0..<prefixCount {
            let address = try decodeAddress(from: &reader)
            let length = try reader.read(UInt8.self)
            guard length <= address.family.maximumPrefixLength else { throw .init(offset: reader.offset) }
            prefixes.append(IPPrefix(address: address, length: length))
        }
        let origins = try readJagged(from: &reader)
        let pathNodes = try reader.readArray(Int32.self)
        let pathStarts = try reader.readArray(Int32.self)
        guard origins.count == prefixes.count, pathStarts.first == 0,
              pathStarts.last.map(Int.init) == pathNodes.count, zip(pathStarts, pathStarts.dropFirst()).allSatisfy({ $0 < $1 }),
              pathNodes.allSatisfy(isNode), origins.allSatisfy({ $0.allSatisfy(isNode) }) else {
            throw .init(offset: reader.offset)
        }
        var vantagePoints: [VantagePointRecord] = []
        for _ in 0..<(try reader.count(elementSize: 8 + 5 + 4 + 24)) {
            let collector = try reader.readString()
            let address = try decodeAddress(from: &reader)
            let point = VantagePoint(collector: collector, peerAddress: address, peerAS: try reader.read(UInt32.self))
            vantagePoints.append(VantagePointRecord(vantagePoint: point, routesRead: try reader.readInt(),
                                                    ipv4Prefixes: try reader.readInt(), ipv6Prefixes: try reader.readInt()))
        }
        let routeStarts = try reader.readArray(UInt32.self)
        let routeVantagePoints = try reader.readArray(UInt16.self)
        let routePaths = try reader.readArray(UInt32.self)
        let pathCount = pathStarts.count - 1
        guard routeStarts.count == prefixes.count + 1, routeStarts.first == 0, routeStarts.last.map(Int.init) == routePaths.count,
              routeVantagePoints.count == routePaths.count, zip(routeStarts, routeStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              routeVantagePoints.allSatisfy({ Int($0) < vantagePoints.count }), routePaths.allSatisfy({ Int($0) < pathCount }) else {
            throw .init(offset: reader.offset)
        }
        let entryNodes = try reader.readArray(Int32.self)
        let clique = try reader.readArray(Int32.self)
        guard entryNodes.allSatisfy(isNode), clique.allSatisfy(isNode) else { throw .init(offset: reader.offset) }
        let relatedFrom = try reader.readArray(Int32.self), relatedTo = try reader.readArray(Int32.self)
        let relatedKinds = try reader.readArray(UInt8.self)
        guard relatedFrom.count == relatedTo.count, relatedTo.count == relatedKinds.count,
              relatedFrom.allSatisfy(isNode), relatedTo.allSatisfy(isNode) else { throw .init(offset: reader.offset) }
        var relationships: [Topology.EdgeKey: Relationship] = [:]
        relationships.reserveCapacity(relatedFrom.count)
        for index in relatedFrom.indices {
            guard let kind = Relationship(rawValue: relatedKinds[index]) else { throw .init(offset: reader.offset) }
            relationships[Topology.EdgeKey(from: relatedFrom[index], to: relatedTo[index])] = kind
        }
        let hygiene = try readHygiene(from: &reader)
        var simulation: RouteSimulation.Summary?
        switch try reader.read(UInt8.self) {
        case 0: break
        case 1:
            var summary = RouteSimulation.Summary(vantagePoints: try reader.readArray(UInt32.self), vantagePointBasis: try reader.readString())
            summary.prefixes = try reader.readInt()
            summary.unroutedPrefixes = try reader.readInt()
            summary.routes = try reader.readInt()
            summary.missingRoutes = try reader.readInt()
            summary.routesWithTies = try reader.readInt()
            simulation = summary
        default: throw .init(offset: reader.offset)
        }
        var summary: Topology.PolicySummary?
        switch try reader.read(UInt8.self) {
        case 0: break
        case 1:
            let from = try reader.readArray(Int32.self), to = try reader.readArray(Int32.self)
            let kinds = try reader.readArray(UInt8.self)
            guard from.count == to.count, to.count == kinds.count, from.allSatisfy(isNode), to.allSatisfy(isNode) else {
                throw .init(offset: reader.offset)
            }
            var inferred = Topology.InferredLinks()
            for index in from.indices {
                guard let kind = Relationship(rawValue: kinds[index]) else { throw .init(offset: reader.offset) }
                inferred.links.append(RelationshipGraph.Link(from: from[index], to: to[index], relationship: kind))
            }
            inferred.providerToCustomer = try reader.readInt()
            inferred.peers = try reader.readInt()
            var census = Topology.ValleyFreeCensus()
            census.valleyFree = try reader.readInt()
            census.valley = try reader.readInt()
            census.unknownLink = try reader.readInt()
            summary = Topology.PolicySummary(inferred: inferred, census: census)
        default: throw .init(offset: reader.offset)
        }
        var topology = Topology(asns: asns, prefixes: prefixes, prefixOrigins: origins,
                                paths: PathStore(nodes: pathNodes, starts: pathStarts), vantagePoints: vantagePoints,
                                routes: RouteTable(starts: routeStarts, vantagePoints: routeVantagePoints, paths: routePaths),
                                entryNodes: entryNodes, clique: clique, relationships: relationships, hygiene: hygiene,
                                simulation: simulation)
        topology.storedPolicySummary = summary
        return topology
    }

    /// A replay's report: a flag, its counts, then each collector's span (0 for a time it lacks,
    /// as no MRT time is 0).
    private static func writeReplay(_ replay: ReplayReport?, into writer: inout SnapshotWriter) {
        guard let replay else {
            writer.write(UInt8(0))
            return
        }
        writer.write(UInt8(1))
        writer.write(replay.time)
        for count in counts(of: replay) { writer.write(UInt64(count)) }
        writer.write(UInt64(replay.collectors.count))
        for span in replay.collectors {
            writer.write(span.collector)
            for time in [span.ribTime, span.firstUpdate, span.lastUpdate] { writer.write(time ?? 0) }
        }
    }

    private static func counts(of replay: ReplayReport) -> [Int] {
        [replay.ribRoutes, replay.ribKept, replay.ribReplaced, replay.ribWithdrawn, replay.ribDropped, replay.announcements,
         replay.withdrawals, replay.sessionsDown, replay.updatesAfter, replay.updatesBeforeRIB, replay.announcementsDropped,
         replay.routesFromUpdates, replay.otherStateChanges]
    }

    private static func readReplay(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> ReplayReport? {
        guard try reader.read(UInt8.self) == 1 else { return nil }
        var replay = ReplayReport(time: try reader.read(UInt32.self))
        var values: [Int] = []
        for _ in counts(of: replay) { values.append(try reader.readInt()) }
        (replay.ribRoutes, replay.ribKept, replay.ribReplaced, replay.ribWithdrawn, replay.ribDropped, replay.announcements) =
            (values[0], values[1], values[2], values[3], values[4], values[5])
        (replay.withdrawals, replay.sessionsDown, replay.updatesAfter, replay.updatesBeforeRIB, replay.announcementsDropped,
         replay.routesFromUpdates, replay.otherStateChanges) = (values[6], values[7], values[8], values[9], values[10], values[11], values[12])
        for _ in 0..<(try reader.count(elementSize: 20)) {
            let collector = try reader.readString()
            var times: [UInt32?] = []
            for _ in 0..<3 {
                let time = try reader.read(UInt32.self)
                times.append(time == 0 ? nil : time)
            }
            replay.collectors.append(ReplayReport.CollectorSpan(collector: collector, ribTime: times[0], firstUpdate: times[1],
                                                                lastUpdate: times[2]))
        }
        return replay
    }
}
