import ChokepointTestSupport
import Foundation
import Testing

/// `chokepoint cache`: listing what a run derived, pruning it, and the next run rebuilding it.
@Suite("chokepoint cache", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct CacheCommandTests {
    @Test("a run's snapshot, reference data and fingerprints are listed, pruned, and rebuilt with the same output")
    func listPruneRebuild() throws {
        let tool = try CommandLineTool()
        defer { try? FileManager.default.removeItem(at: tool.directory) }
        let delegations = try HardeningTests().delegations(in: tool)
        let arguments = ["compare", "KP", "--updates", HardeningTests.updates, "--delegated", delegations, "--format", "csv"]
        let first = try tool.run(arguments)
        #expect(first.status == 0, "\(first.errors)")
        // A download beside them: counted, never pruned.
        let cache = tool.directory.appendingPathComponent("cache/chokepoint")
        let download = cache.appendingPathComponent("ftp.example.net/pub/file.gz")
        try FileManager.default.createDirectory(at: download.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 1, count: 2048).write(to: download)

        let list = try tool.run(["cache"])
        #expect(list.status == 0, "\(list.errors)")
        let lines = list.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "cache: \(cache.path)")
        for kind in ["snapshots", "reference"] {
            #expect(lines.contains { $0.hasPrefix(kind) && $0.contains(" 1 files") && $0.contains("last used") }, "\(lines)")
        }
        #expect(lines.contains { $0.hasPrefix("downloads") && $0.contains(" 1 files") && $0.contains("2 KB") }, "\(lines)")

        // Nothing is unused for a day yet; a dry run at 0 bytes lists every file and removes none.
        let byAge = try tool.run(["cache", "prune", "--unused-for", "1"])
        #expect(byAge.status == 0 && byAge.output.hasPrefix("removed 0 files"), "\(byAge.output)\(byAge.errors)")
        let dry = try tool.run(["cache", "prune", "--max-size", "0", "--dry-run"])
        #expect(dry.output.contains("would remove snapshots/topology-"), "\(dry.output)")
        #expect(dry.output.contains("would remove reference/reference-"), "\(dry.output)")
        #expect(try tool.run(["cache"]).output == list.output)

        let pruned = try tool.run(["cache", "prune", "--max-size", "0"])
        #expect(pruned.status == 0, "\(pruned.errors)")
        #expect(pruned.output.contains("removed snapshots/topology-") && pruned.output.contains("now hold 0 B"), "\(pruned.output)")
        for kind in ["snapshots", "reference", "fingerprints"] {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(kind).path)) ?? []
            #expect(left.isEmpty, "\(kind): \(left)")
        }
        #expect(FileManager.default.fileExists(atPath: download.path))

        // The next run derives them again, with the same result.
        let again = try tool.run(arguments)
        #expect(again.status == 0 && again.output == first.output)
        #expect(!again.errors.contains("from the snapshot"), "\(again.errors)")
    }

    @Test("prune without a rule, or with a size it cannot read, says so in one line")
    func badArguments() throws {
        let tool = try CommandLineTool()
        defer { try? FileManager.default.removeItem(at: tool.directory) }
        let none = try tool.run(["cache", "prune"])
        #expect(none.status != 0 && none.errors.contains("--unused-for"), "\(none.errors)")
        let size = try tool.run(["cache", "prune", "--max-size", "lots"])
        #expect(size.status != 0 && size.errors.contains("lots"), "\(size.errors)")
        let days = try tool.run(["cache", "prune", "--unused-for", "-3"])
        #expect(days.status != 0, "\(days.errors)")
    }
}
