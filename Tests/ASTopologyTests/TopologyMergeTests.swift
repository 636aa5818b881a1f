import ASTopology
import ChokepointTestSupport
import Foundation
import MRT
import Testing

/// Files read on several threads, each into a builder of its own, and merged in the order given,
/// must give the topology that reading them one after another gives: the same ids for every AS,
/// path, prefix and vantage point, the same routes, the same counts. The snapshot holds all of
/// it, so the two snapshots are compared byte for byte.
@Suite("files read apart and merged")
struct TopologyMergeTests {
    /// The topology's snapshot bytes (written by the cache, under one key in a directory of its own).
    static func snapshotBytes(_ topology: Topology) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-merge-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = TopologyCache(directory: directory)
        try cache.store(topology, report: TopologyLoader.Report(), for: "merge")
        return try Data(contentsOf: URL(fileURLWithPath: cache.path(for: "merge")))
    }

    /// Reads `files` one after another into one builder, with the public reading API alone.
    static func readInTurn(_ files: [MRTInput]) throws -> TopologyBuilder {
        var builder = TopologyBuilder()
        for file in files {
            builder.beginFile(collector: file.collector)
            try MRTReader(path: file.path).forEachPathObservation { builder.add($0) }
        }
        return builder
    }

    /// Random RIBs of three collectors over one pool of prefixes and paths: files share prefixes,
    /// paths and (two of them, one collector) peers; paths carry prepending, loops and reserved
    /// ASes, so that hygiene counts and dropped routes are merged too.
    static func randomFiles(seed: UInt64) throws -> [MRTInput] {
        var random = SplitMix(seed: seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool: [[UInt32]] = (0..<40).map { _ in
            var path = (0..<(2 + random.next() % 4)).map { _ in UInt32(100 + random.next() % 30) }
            switch random.next() % 6 {
            case 0: path.insert(path[0], at: 0)  // prepending
            case 1: path.append(path[0])  // a loop
            case 2: path.insert(64_512, at: 1)  // a private AS
            default: break
            }
            return path
        }
        var inputs: [MRTInput] = []
        for (index, collector) in ["route-views2", "rrc00", "route-views2", "rrc01"].enumerated() {
            let path = directory.appendingPathComponent("rib\(index).mrt").path
            let peers = (0..<3).map { RIBWriter.Peer(asn: UInt32(10 + $0 + (index % 2) * 3), address: 0x0A00_0000 + UInt32($0)) }
            let writer = try RIBWriter(path: path, peers: peers)
            for prefix in (0..<60).filter({ _ in random.next() % 3 != 0 }) {
                let routes = peers.indices.filter { _ in random.next() % 4 != 0 }.map { peer in
                    (peer: peer, path: [peers[peer].asn] + pool[Int(random.next() % UInt64(pool.count))])
                }
                try writer.add(ipv4: 0x0A00_0000 + UInt32(prefix) << 8, length: 24, routes: routes)
            }
            try writer.close()
            inputs.append(MRTInput(path: path, collector: collector))
        }
        return inputs
    }

    @Test("random files of several collectors: merged in order, the same topology byte for byte", arguments: 1...8)
    func randomWorlds(seed: UInt64) throws {
        let files = try Self.randomFiles(seed: seed)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: files[0].path).deletingLastPathComponent().path) }
        let inTurn = try Self.readInTurn(files).build()

        var merged = try Self.readInTurn([files[0]])
        for file in files.dropFirst() { merged.merge(try Self.readInTurn([file])) }
        let mergedTopology = merged.build()
        #expect(mergedTopology.routes.paths.count == inTurn.routes.paths.count)
        #expect(mergedTopology.vantagePoints.map(\.vantagePoint) == inTurn.vantagePoints.map(\.vantagePoint))
        #expect(try Self.snapshotBytes(mergedTopology) == Self.snapshotBytes(inTurn))

        // The loader reads them on several threads and must agree too, however many.
        for readers in [2, 3, 4] {
            let (loaded, report) = try TopologyLoader.load(mrt: files, fileReaders: readers)
            #expect(try Self.snapshotBytes(loaded) == Self.snapshotBytes(inTurn), "\(readers) readers")
            #expect(report.mrt.map(\.file) == files.map(\.path))
        }
    }

    @Test("the 2014 case's three files (a RIB and two update files of two collectors) load as read in turn",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func realFiles() throws {
        let files = [
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"),
                     collector: "route-views.jinx"),
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"),
                     collector: "route-views.jinx"),
            MRTInput(path: SharedData.mirror("data.ris.ripe.net/rrc06/2014.05/updates.20140530.2215.gz"), collector: "rrc06"),
        ]
        let inTurn = try Self.readInTurn(files).build()
        let (loaded, report) = try TopologyLoader.load(mrt: files, fileReaders: 3)
        #expect(loaded.routes.paths.count == inTurn.routes.paths.count && loaded.paths.count == inTurn.paths.count)
        print("2014 files: \(loaded.routes.paths.count) routes, \(loaded.paths.count) distinct paths")
        #expect(try Self.snapshotBytes(loaded) == Self.snapshotBytes(inTurn))
        #expect(report.observations == 508_773)
    }

    @Test("a damaged file among several is named, whichever thread read it")
    func damagedFile() throws {
        var files = try Self.randomFiles(seed: 99)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: files[0].path).deletingLastPathComponent().path) }
        let damaged = URL(fileURLWithPath: files[2].path).deletingLastPathComponent().appendingPathComponent("damaged.mrt").path
        try Data(repeating: 0xFF, count: 4096).write(to: URL(fileURLWithPath: damaged))
        files[2] = MRTInput(path: damaged, collector: "rrc00")
        #expect { try TopologyLoader.load(mrt: files, fileReaders: 2) } throws: { "\($0)".contains("damaged.mrt") }
    }
}
