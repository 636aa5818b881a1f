import AnalysisPipeline
import ASTopology
import Foundation
import InternetAddresses
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("the derived cache: listing and pruning")
struct DerivedCacheTests {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-derived-\(UUID().uuidString)").path
    }

    /// Writes `bytes` bytes at `relative` under the root, last modified `daysAgo` days ago.
    @discardableResult
    func file(_ relative: String, bytes: Int, daysAgo: Double, now: Date) throws -> String {
        let path = (root as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 7, count: bytes).write(to: URL(fileURLWithPath: path))
        let time = now.addingTimeInterval(-daysAgo * 86_400)
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: path)
        return path
    }

    @Test("only the cache's own files are listed and removed; the plan is the one worked out by hand")
    func pruneByHand() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let now = Date()
        let old = try file("snapshots/topology-aaaa.snapshot", bytes: 5000, daysAgo: 40, now: now)
        let recent = try file("snapshots/topology-bbbb.snapshot", bytes: 3000, daysAgo: 2, now: now)
        let reference = try file("reference/reference-cccc.snapshot", bytes: 2000, daysAgo: 10, now: now)
        let fingerprint = try file("fingerprints/fingerprint-dddd.txt", bytes: 100, daysAgo: 35, now: now)
        // Left by a run that is gone (no process has id 2^30), and one a running process (this one) writes.
        let stale = try file("snapshots/topology-eeee.snapshot.partial-1073741823", bytes: 700, daysAgo: 0, now: now)
        try file("snapshots/topology-ffff.snapshot.partial-\(getpid())", bytes: 800, daysAgo: 0, now: now)
        // Not the cache's: another name, a download, a link to a file outside.
        let foreign = try file("snapshots/notes.txt", bytes: 50, daysAgo: 99, now: now)
        let download = try file("archive.routeviews.org/route-views2/bgpdata/2014.05/RIBS/rib.bz2", bytes: 900, daysAgo: 99, now: now)
        let outside = try file("../\(URL(fileURLWithPath: root).lastPathComponent)-outside", bytes: 10, daysAgo: 99, now: now)
        defer { unlink(outside) }
        try FileManager.default.createSymbolicLink(atPath: (root as NSString).appendingPathComponent("reference/reference-link.snapshot"),
                                                   withDestinationPath: outside)

        let cache = DerivedCache(root: root)
        let entries = cache.entries()
        #expect(entries.map(\.path).sorted() == [old, recent, reference, fingerprint, stale,
                                                 (root as NSString).appendingPathComponent("snapshots/topology-ffff.snapshot.partial-\(getpid())")].sorted())
        #expect(entries.first?.path == old)
        #expect(cache.downloads().files == 1 && cache.downloads().bytes == 900)

        // Unused for 30 days: the old snapshot and the fingerprint, with the stale partial file.
        let byAge = DerivedCache.plan(entries, unusedSince: now.addingTimeInterval(-30 * 86_400), now: now)
        #expect(Set(byAge.removals.map(\.path)) == [old, fingerprint, stale])
        #expect(byAge.keptBytes == 3000 + 2000 + 800)
        // At most 4,000 bytes: 800 (being written) + 3000 + 2000 + ... is too much; the least recently
        // used go first: the old snapshot (40 days), the fingerprint (35), the reference (10).
        let bySize = DerivedCache.plan(entries, maximumBytes: 4000, now: now)
        #expect(bySize.removals.map(\.path) == [stale, old, fingerprint, reference])
        #expect(bySize.keptBytes == 3800)
        let nothing = DerivedCache.plan(entries, maximumBytes: 1 << 40, now: now)
        #expect(nothing.removals.map(\.path) == [stale])

        #expect(cache.remove(bySize.removals).isEmpty)
        for path in [old, fingerprint, reference, stale] { #expect(!FileManager.default.fileExists(atPath: path)) }
        for path in [recent, foreign, download, outside] { #expect(FileManager.default.fileExists(atPath: path)) }
        // A path outside the derived directories is refused, whatever is asked.
        let refused = cache.remove([DerivedCache.Entry(kind: .snapshots, path: download, bytes: 900, lastUsed: now)])
        #expect(refused.count == 1 && FileManager.default.fileExists(atPath: download))
    }

    @Test("a snapshot served is marked used; one not served keeps its time")
    func servingMarksUse() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var builder = TopologyBuilder()
        builder.beginFile(collector: "test")
        builder.add(path: [64_496, 3356, 4837], peerAS: 64_496, prefix: try #require(IPPrefix("175.45.176.0/22")))
        let topology = builder.build()
        let cache = TopologyCache(directory: (root as NSString).appendingPathComponent("snapshots"))
        try cache.store(topology, report: TopologyLoader.Report(), for: "served")
        try cache.store(topology, report: TopologyLoader.Report(), for: "idle")
        let longAgo = Date().addingTimeInterval(-90 * 86_400)
        for key in ["served", "idle"] {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: cache.path(for: key))
        }
        #expect(cache.snapshot(for: "served") != nil)
        let entries = DerivedCache(root: root).entries()
        let served = try #require(entries.first { $0.path == cache.path(for: "served") })
        let idle = try #require(entries.first { $0.path == cache.path(for: "idle") })
        #expect(Date().timeIntervalSince(served.lastUsed) < 60)
        #expect(abs(idle.lastUsed.timeIntervalSince(longAgo)) < 1)
        let plan = DerivedCache.plan(entries, unusedSince: Date().addingTimeInterval(-30 * 86_400))
        #expect(plan.removals.map(\.path) == [cache.path(for: "idle")])
    }
}
