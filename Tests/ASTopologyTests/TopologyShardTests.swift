import ASTopology
import ChokepointTestSupport
import Foundation
import Testing

/// Shards: one file each, written and read back, merged in any order, must give the topology
/// that reading the files in the canonical order on one machine gives, byte for byte (the
/// snapshot holds every id, route and count).
@Suite("shards of MRT files")
struct TopologyShardTests {
    private static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-shards-\(UUID().uuidString)").path
    }

    /// The shards of `files` in `directory`, merged as listed in `order`, against the files read in turn.
    private func check(_ files: [MRTInput], directory: String, orders: [[Int]]) throws {
        let shards = try files.map { try TopologyShard.make(from: $0, in: directory).shard }
        let canonical = shards.sorted(by: TopologyShard.canonicalOrder).map(\.file)
        let local = canonical.compactMap { name in files.first { ($0.path as NSString).lastPathComponent == name } }
        #expect(local.count == files.count)
        let (expected, expectedReport) = try TopologyLoader.load(mrt: local, fileReaders: 1)
        let expectedBytes = try TopologyMergeTests.snapshotBytes(expected)
        for order in orders {
            let (merged, report, found) = try TopologyLoader.load(shards: order.map { shards[$0].path })
            #expect(found.map(\.file) == canonical, "\(order)")
            #expect(report.observations == expectedReport.observations)
            #expect(report.mrt.map(\.observations) == expectedReport.mrt.map(\.observations))
            #expect(try TopologyMergeTests.snapshotBytes(merged) == expectedBytes, "\(order)")
        }
    }

    @Test("random files of three collectors: shards merged in any order give the files' topology", arguments: 1...4)
    func randomWorlds(seed: UInt64) throws {
        let files = try TopologyMergeTests.randomFiles(seed: seed)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: files[0].path).deletingLastPathComponent().path) }
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var random = SplitMix(seed: seed)
        let shuffled = (0..<files.count).sorted { _, _ in random.next() % 2 == 0 }
        try check(files, directory: directory, orders: [Array(0..<files.count), Array((0..<files.count).reversed()), shuffled])
    }

    @Test("the 2014 case's RIB and two update files: shards merged in any order, the same topology",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func realFiles() throws {
        let files = [
            MRTInput(path: SharedData.mirror("data.ris.ripe.net/rrc06/2014.05/updates.20140530.2215.gz"), collector: "rrc06",
                     role: .updates),
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"),
                     collector: "route-views.jinx", role: .updates),
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"),
                     collector: "route-views.jinx"),
        ]
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try check(files, directory: directory, orders: [[0, 1, 2], [2, 1, 0], [1, 0, 2]])
        // The canonical order is the case's: the jinx RIB, its update file, then rrc06's.
        let (_, report, found) = try TopologyLoader.load(shards: files.map { try TopologyShard.make(from: $0, in: directory).shard.path })
        #expect(found.map(\.file) == ["rib.20140530.2200.bz2", "updates.20140530.2345.bz2", "updates.20140530.2215.gz"])
        #expect(report.observations == 508_773)
    }

    @Test("a shard is made once per content, and a damaged, cut or foreign one is refused with where and why")
    func damage() throws {
        let files = try TopologyMergeTests.randomFiles(seed: 7)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: files[0].path).deletingLastPathComponent().path) }
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (shard, reused) = try TopologyShard.make(from: files[0], in: directory)
        #expect(!reused)
        #expect(try TopologyShard.make(from: files[0], in: directory).reused)
        // The same file as another collector's is another shard.
        var other = files[0]
        other.collector = "rrc99"
        #expect(try TopologyShard.make(from: other, in: directory).shard.path != shard.path)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: shard.path))
        let damaged = directory + "/damaged.cpshard"
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        try flipped.write(to: URL(fileURLWithPath: damaged))
        #expect(throws: ShardError.self) { try TopologyShard.read(damaged) }
        do {
            _ = try TopologyShard.read(damaged)
        } catch {
            #expect(error.path == damaged)
            #expect(error.reason.contains("damaged") || error.reason.contains("cut short"), "\(error)")
        }
        let cut = directory + "/cut.cpshard"
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: cut))
        #expect(throws: ShardError.self) { try TopologyShard.read(cut) }
        let foreign = directory + "/foreign.cpshard"
        try Data("not a shard at all, just some text\n".utf8).write(to: URL(fileURLWithPath: foreign))
        do {
            _ = try TopologyShard.read(foreign)
            Issue.record("a text file was read as a shard")
        } catch {
            #expect(error.description == "\(foreign): at byte 0: is not a Chokepoint shard")
        }
    }
}
