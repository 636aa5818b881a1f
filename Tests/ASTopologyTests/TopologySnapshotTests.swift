import ASTopology
import ChokepointTestSupport
import Foundation
import InternetAddresses
import Testing

@Suite("topology snapshots")
struct TopologySnapshotTests {
    static let updates = SharedData.path("conformance/bgpdump/test_data/updates.20100722.2015.gz")

    private func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-snapshots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    private func expectSame(_ left: Topology, _ right: Topology) {
        #expect(left.asns == right.asns)
        #expect(left.prefixes == right.prefixes)
        #expect(left.prefixOrigins == right.prefixOrigins)
        #expect(left.routes == right.routes)
        #expect(left.paths.count == right.paths.count)
        #expect((0..<Int32(left.paths.count)).allSatisfy { Array(left.paths[$0]) == Array(right.paths[$0]) })
        #expect(left.vantagePoints == right.vantagePoints)
        #expect(left.clique == right.clique)
        #expect(left.entryNodes == right.entryNodes)
        #expect(left.relationships == right.relationships)
        #expect(left.hygiene == right.hygiene)
        #expect(left.nodeIndex == right.nodeIndex)
        #expect(left.storedPolicySummary == right.storedPolicySummary)
    }

    @Test("a snapshot reads back as the topology it was written from", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func roundTrip() throws {
        let directory = try scratch()
        let pfx2as = try temporaryFile("192.0.2.0\t24\t64500\n2001:db8::\t32\t64501_64502\n198.51.100.0\t24\t3356\n")
        let asRel = try temporaryFile("# input clique: 3356 174\n3356|174|0\n3356|64500|-1\n174|64501|-1\n")
        let cache = TopologyCache(directory: directory)
        let (built, first) = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel, cache: cache)
        #expect(first.snapshot == nil)
        #expect(built.paths.count > 100 && !built.relationships.isEmpty && built.prefixes.contains { $0.address.family == .ipv6 })
        let (read, second) = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel, cache: cache)
        #expect(second.snapshot != nil)
        #expect(second.observations == first.observations && second.mrt == first.mrt)
        expectSame(built, read)
        // The policy summary kept in the snapshot is what every path gives, computed afresh.
        let (uncached, _) = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel)
        #expect(uncached.storedPolicySummary == nil)
        let summary = try #require(read.storedPolicySummary)
        #expect(summary == uncached.policySummary())
        #expect(!summary.inferred.links.isEmpty && summary.census.total == read.paths.count)
    }

    /// A snapshot handed to another thread is the file written before returning, byte for byte,
    /// once waited for; a write that fails is given by the wait, and leaves no file behind.
    @Test("a snapshot written meanwhile is the same file; a failed one is reported by the wait",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func writtenMeanwhile() throws {
        let pfx2as = try temporaryFile("192.0.2.0\t24\t64500\n198.51.100.0\t24\t3356\n")
        let asRel = try temporaryFile("# input clique: 3356 174\n3356|174|0\n3356|64500|-1\n")
        let inline = TopologyCache(directory: try scratch())
        let pending = PendingSnapshots()
        let meanwhile = TopologyCache(directory: try scratch(), pending: pending)
        let (built, _) = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel, cache: inline)
        let (same, report) = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel, cache: meanwhile)
        #expect(report.cacheWarning == nil)
        #expect(pending.wait().isEmpty)
        expectSame(built, same)
        let key = try inline.key(mrt: [MRTInput(path: Self.updates)], prefixToAS: [pfx2as], relationships: asRel)
        let written = try Data(contentsOf: URL(fileURLWithPath: meanwhile.path(for: key)))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: inline.path(for: key)))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: meanwhile.directory) == [(meanwhile.path(for: key) as NSString).lastPathComponent])
        // A directory where the snapshot goes: it cannot be renamed into place.
        let blocked = TopologyCache(directory: try scratch(), pending: pending)
        try FileManager.default.createDirectory(atPath: blocked.path(for: key), withIntermediateDirectories: true)
        _ = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: asRel, cache: blocked)
        let failures = pending.wait()
        #expect(failures.count == 1)
        #expect(failures.first?.path == blocked.path(for: key), "\(failures)")
        #expect(pending.wait().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: blocked.directory) == [(blocked.path(for: key) as NSString).lastPathComponent])
    }

    /// The reader reads arrays larger than its buffer straight from the file: a full table's
    /// snapshot (17 MB, arrays of up to half a million routes) must read back whole, and a flip
    /// inside one of those arrays must be caught.
    @Test("a full table's snapshot reads back as built; a flip deep inside is caught",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func fullTable() throws {
        let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        let directory = try scratch()
        let cache = TopologyCache(directory: directory)
        let (built, first) = try TopologyLoader.load(mrt: [MRTInput(path: rib, collector: "route-views.jinx")], cache: cache)
        #expect(first.snapshot == nil)
        #expect(built.routes.count > 400_000)
        let (read, second) = try TopologyLoader.load(mrt: [MRTInput(path: rib, collector: "route-views.jinx")], cache: cache)
        #expect(second.snapshot != nil)
        expectSame(built, read)
        let key = try cache.key(mrt: [MRTInput(path: rib, collector: "route-views.jinx")], prefixToAS: [], relationships: nil)
        let path = cache.path(for: key)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(whole.count > 4 << 20)
        for fraction in [0.3, 0.6, 0.9] {
            var flipped = whole
            flipped[Int(Double(whole.count) * fraction)] ^= 0x10
            try flipped.write(to: URL(fileURLWithPath: path))
            #expect(cache.snapshot(for: key) == nil, "a flip at \(fraction) of the file must be caught")
        }
    }

    @Test("a changed input gets a new key; a damaged snapshot is rebuilt", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func staleAndDamaged() throws {
        let directory = try scratch()
        let pfx2as = try temporaryFile("192.0.2.0\t24\t64500\n")
        let cache = TopologyCache(directory: directory)
        let key = try cache.key(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: nil)
        _ = try TopologyLoader.load(mrt: [Self.updates], prefixToAS: [pfx2as], cache: cache)
        #expect(cache.snapshot(for: key) != nil)

        // Same name, same length, one byte different.
        try "192.0.2.0\t24\t64501\n".write(toFile: pfx2as, atomically: true, encoding: .utf8)
        let changed = try cache.key(mrt: [Self.updates], prefixToAS: [pfx2as], relationships: nil)
        #expect(changed != key)
        #expect(cache.snapshot(for: changed) == nil)
        // The order of inputs matters too: node ids follow it.
        #expect(try cache.key(mrt: [String](), prefixToAS: [pfx2as, Self.updates], relationships: nil)
                != cache.key(mrt: [String](), prefixToAS: [Self.updates, pfx2as], relationships: nil))
        // So does the collector: its vantage points are others.
        #expect(try cache.key(mrt: [MRTInput(path: Self.updates, collector: "rrc01")], prefixToAS: [], relationships: nil)
                != cache.key(mrt: [MRTInput(path: Self.updates, collector: "rrc02")], prefixToAS: [], relationships: nil))

        let path = cache.path(for: key)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for length in [0, 10, whole.count / 2, whole.count - 1] {
            try whole.prefix(length).write(to: URL(fileURLWithPath: path))
            #expect(cache.snapshot(for: key) == nil, "a snapshot cut to \(length) bytes must not be read")
        }
        // Flipped bytes land in counts, ids and weights alike: reading must check them all and never trap.
        var rejected = 0
        for position in stride(from: 20, to: whole.count, by: max(1, whole.count / 200)) {
            var flipped = whole
            flipped[position] ^= 0xA5
            try flipped.write(to: URL(fileURLWithPath: path))
            if cache.snapshot(for: key) == nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }

    @Test("fingerprints: equal bytes agree, any change differs")
    func fingerprints() throws {
        var random = SplitMix(seed: 7)
        let bytes = (0..<100_003).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-fp-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fromFile = try FileFingerprint(path: path)
        #expect(fromFile == FileFingerprint(bytes: bytes))
        #expect(fromFile.length == 100_003)
        var seen = Set([fromFile.digest])
        for index in [0, 7, 8, 50_000, 100_002] {
            var changed = bytes
            changed[index] ^= 1
            #expect(seen.insert(FileFingerprint(bytes: changed).digest).inserted, "flipping byte \(index) must change the digest")
        }
        #expect(FileFingerprint(bytes: bytes + [0]) != fromFile)
    }
}

@Suite("topology snapshot integrity")
struct TopologySnapshotIntegrityTests {
    private func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-snapshots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("every single-byte flip is caught by the checksum and rebuilt, never served",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func everyFlipRejected() throws {
        let directory = try scratch()
        let pfx2as = try temporaryFile("192.0.2.0\t24\t64500\n")
        let cache = TopologyCache(directory: directory)
        let key = try cache.key(mrt: [TopologySnapshotTests.updates], prefixToAS: [pfx2as], relationships: nil)
        _ = try TopologyLoader.load(mrt: [TopologySnapshotTests.updates], prefixToAS: [pfx2as], cache: cache)
        let path = cache.path(for: key)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(cache.snapshot(for: key) != nil)
        var random = SplitMix(seed: 12)
        // Weights, counts and ids: a flip in any of them once changed results silently.
        for _ in 0..<60 {
            let position = Int(random.next() % UInt64(whole.count))
            var flipped = whole
            flipped[position] ^= UInt8(1 << (random.next() % 8))
            try flipped.write(to: URL(fileURLWithPath: path))
            #expect(cache.snapshot(for: key) == nil, "a flip at byte \(position) of \(whole.count) must be caught")
        }
        // The damaged snapshot is rebuilt on the next load, and then served.
        let (_, rebuilt) = try TopologyLoader.load(mrt: [TopologySnapshotTests.updates], prefixToAS: [pfx2as], cache: cache)
        #expect(rebuilt.snapshot == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
        let (_, served) = try TopologyLoader.load(mrt: [TopologySnapshotTests.updates], prefixToAS: [pfx2as], cache: cache)
        #expect(served.snapshot == path)
    }

    @Test("half-written snapshots of finished processes, or older than a day, are removed")
    func stalePartials() throws {
        let directory = try scratch()
        let cache = TopologyCache(directory: directory)
        let own = "topology-a.snapshot.partial-\(getpid())"
        // PIDs above the kernel's maximum (4194304 at most) belong to no process.
        let gone = "topology-b.snapshot.partial-99999999"
        let old = "topology-c.snapshot.partial-\(getpid())"
        let kept = "topology-d.snapshot"
        for name in [own, gone, old, kept] {
            #expect(FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data([1, 2, 3])))
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 86_400)],
                                              ofItemAtPath: "\(directory)/\(old)")
        #expect(cache.removeStalePartialSnapshots() == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [own, kept].sorted())
    }
}
