import ChokepointTestSupport
import Foundation
import Testing

/// `chokepoint shard` and `--shards` on the mirror's 2014 data: the map step and the reduce step
/// must give what one local run gives.
@Suite("shards (map and reduce)", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct ShardCommandTests {
    private func tool() throws -> CommandLineTool { try NorthKoreaCaseTests.tool.get() }

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-shard-cli-\(UUID().uuidString)").path
    }

    /// The JSON document without its `inputs` (which name the shards in place of the files).
    private func figures(_ json: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        guard var document = object as? [String: Any] else { return [:] }
        document["inputs"] = nil
        return document as NSDictionary
    }

    @Test("the 2014 case's three files as shards: the same figures as the files, every country")
    func caseShards() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = try tool().run(["shard", "--case", CommandLineTool.northKorea, "-o", directory])
        #expect(made.status == 0, "\(made.errors)")
        let paths = made.output.split(separator: "\n").map(String.init)
        #expect(paths.count == 3 && paths.allSatisfy { $0.hasPrefix(directory) && $0.hasSuffix(".cpshard") })
        #expect(made.errors.contains("rib.20140530.2200.bz2, route-views.jinx, rib, 503590 routes read, first record 2014-05-30 22:00 UTC"),
                "\(made.errors)")
        let again = try tool().run(["shard", "--case", CommandLineTool.northKorea, "-o", directory])
        #expect(again.status == 0 && again.errors.components(separatedBy: "kept ").count - 1 == 3, "\(again.errors)")

        let files = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "json", "--quiet", "--no-cache"])
        let shards = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--shards", directory, "--format", "json", "--quiet"])
        #expect(files.status == 0 && shards.status == 0, "\(shards.errors)")
        #expect(try figures(files.output) == figures(shards.output))
        #expect(shards.errors.contains("routes from 3 shards, merged in order: rib.20140530.2200.bz2 (route-views.jinx, rib), "
                                       + "updates.20140530.2345.bz2 (route-views.jinx, updates), updates.20140530.2215.gz (rrc06, updates)"),
                "\(shards.errors)")
    }

    @Test("history --shards: a row per country of each date the shards hold, as a local history of that date")
    func historyShards() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = try tool().run(["shard", "--date", "2014-05-30", "--collectors", "route-views.jinx", "-o", directory])
        #expect(made.status == 0, "\(made.errors)")
        let reduced = try tool().run(["history", "KP", "YE", "--shards", directory, "--format", "csv", "--quiet"])
        let local = try tool().run(["history", "KP", "YE", "--date", "2014-05-30", "--to", "2014-05-30", "--every", "1d",
                                    "--collector", "route-views.jinx", "--format", "csv", "--quiet"])
        #expect(reduced.status == 0 && local.status == 0, "\(reduced.errors)")
        #expect(reduced.output == local.output)
        #expect(reduced.output.contains("2014-05-30,2014-05-30 22:00 UTC,KP,4,1,"), "\(reduced.output)")
    }

    @Test("shards alone: the reference data of their own date; a file's role from its name")
    func shardsAlone() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let updates = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2")
        let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        let made = try tool().run(["shard", rib, updates, "-o", directory])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.errors.contains("rib.20140530.2200.bz2, route-views.jinx, rib,") && made.errors.contains("updates.20140530.2345.bz2, route-views.jinx, updates,"),
                "\(made.errors)")
        let alone = try tool().run(["compare", "KP", "--shards", directory, "--format", "csv", "--quiet"])
        #expect(alone.status == 0, "\(alone.errors)")
        #expect(alone.errors.contains("note: reference data for 2014-05-30 22:00 UTC, the shards' earliest RIB"), "\(alone.errors)")
        #expect(CommandLineTool.csvRows(alone.output).first?["networks"] == "4")
    }

    @Test("bad shards and wrong combinations are refused in one line naming the file")
    func errors() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fake = directory + "/fake.cpshard"
        try Data("CHOKEPOINT SHARD\nnonsense".utf8).write(to: URL(fileURLWithPath: fake))
        let bad = try tool().run(["compare", "KP", "--case", CommandLineTool.northKorea, "--shards", fake, "--quiet"])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("\(fake): at byte "), "\(bad.errors)")
        let empty = try tool().run(["compare", "KP", "--case", CommandLineTool.northKorea, "--shards", directory + "/none", "--quiet"])
        #expect(empty.status != 0 && empty.errors.contains("no such shard file or directory"), "\(empty.errors)")
        let replay = try tool().run(["compare", "KP", "--case", CommandLineTool.northKorea, "--shards", directory, "--at", "2014-05-30T23:50"])
        #expect(replay.status != 0 && replay.errors.contains("a replay (--at) needs the MRT files"), "\(replay.errors)")
        let neither = try tool().run(["shard", "-o", directory])
        #expect(neither.status != 0 && neither.errors.contains("give MRT files"), "\(neither.errors)")
    }
}
