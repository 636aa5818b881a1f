import ChokepointTestSupport
import Foundation
import Testing

/// The built binary under failure: full disks, broken standard output, hostile manifests and files.
/// Nothing may trap, exit 0 after a failed write, or leave a half-written file under a final name.
@Suite("chokepoint under failure", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct HardeningTests {
    static let updates = SharedData.path("conformance/bgpdump/test_data/updates.20100722.2015.gz")

    /// A one-record APNIC delegation file placing North Korea's block.
    func delegations(in tool: CommandLineTool) throws -> String {
        let path = tool.directory.appendingPathComponent("delegated-apnic-test").path
        try "2|apnic|20140805|1|19830613|20140804|+1000\napnic|KP|ipv4|175.45.176.0|1024|20091221|allocated\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func snapshotDirectory(_ tool: CommandLineTool) -> String {
        tool.directory.appendingPathComponent("cache/chokepoint/snapshots").path
    }

    @Test("a full disk while writing the snapshot is a warning; the analysis goes on and no partial file stays")
    func snapshotOnFullDisk() throws {
        let tool = try CommandLineTool()
        let arguments = ["compare", "KP", "--updates", Self.updates, "--delegated", try delegations(in: tool), "--format", "csv"]
        // 64 blocks of 512 bytes: room for the output, not for the 66 KB snapshot.
        let full = try tool.run(arguments, fileSizeLimit: 64)
        #expect(full.status == 0, "\(full.errors)")
        #expect(full.output.hasPrefix("country,"))
        #expect(full.errors.contains("warning: cannot write the snapshot"))
        #expect(full.errors.contains("File too large"))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: snapshotDirectory(tool))) ?? []
        #expect(left.isEmpty, "left behind: \(left)")
        // The reference data's file (a few kilobytes of one delegation, which fit) and the
        // remembered fingerprints: nothing half-written beside them.
        let cache = tool.directory.appendingPathComponent("cache/chokepoint")
        for directory in ["reference", "fingerprints"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(directory).path)) ?? []
            #expect(!names.contains { $0.contains(".partial-") }, "left behind in \(directory): \(names)")
        }
        // With room again, the next run writes both, and the one after reads them; --no-cache reads neither.
        #expect(try tool.run(arguments).status == 0)
        let warm = try tool.run(arguments)
        #expect(warm.errors.contains("path data from the snapshot"))
        #expect(warm.errors.contains("reference data from the snapshot"))
        #expect(warm.output == full.output)
        let uncached = try tool.run(arguments + ["--no-cache"])
        #expect(!uncached.errors.contains("from the snapshot"), "\(uncached.errors)")
        #expect(uncached.output == full.output)
    }
}

/// `mrt stats` and `mrt dump` on 5 KB of bzip2 that expands to hundreds of megabytes of damage.
@Suite("chokepoint mrt on a decompression bomb")
struct DecompressionBombTests {
    @Test("256 MiB of 0xFF from a 1.5 KB .bz2: flat memory, a clear error, exit 1")
    func bomb() throws {
        let tool = try CommandLineTool()
        let stream = tool.directory.appendingPathComponent("ff8.bz2").path
        let bomb = tool.directory.appendingPathComponent("ff256.bz2").path
        // Eight MiB of 0xFF as one bzip2 stream, then 32 streams concatenated (bzip2 reads them as one file).
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", "head -c 8388608 /dev/zero | tr '\\000' '\\377' | bzip2 -9 > \"$0\" && for i in $(seq 32); do cat \"$0\"; done > \"$1\"",
                          stream, bomb]
        try make.run()
        make.waitUntilExit()
        #expect(make.terminationStatus == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int)
        #expect(size < 5000)
        for command in ["stats", "dump"] {
            let memory = tool.directory.appendingPathComponent("rss-\(command)").path
            let result = try tool.run(["-f", "%M", "-o", memory, CommandLineTool.binary, "mrt", command, bomb],
                                      executable: "/usr/bin/time")
            #expect(result.status == 1, "\(command): \(result.errors)")
            #expect(result.errors.contains("no MRT record could be read (1 damaged record boundar"), "\(result.errors)")
            #expect(result.errors.contains("268435456 bytes skipped"))
            // GNU time's last line is the peak resident set in KB.
            let kilobytes = try String(contentsOfFile: memory, encoding: .utf8).split(separator: "\n").last.flatMap { Int($0) }
            #expect((kilobytes ?? .max) < 64 * 1024, "mrt \(command) peaked at \(kilobytes ?? -1) KB")
        }
    }
}

/// Output that cannot be written: standard output on a full device, files on a full disk.
@Suite("chokepoint when output cannot be written", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct FailedWriteTests {
    static let updates = HardeningTests.updates

    func smallInputs(_ tool: CommandLineTool) throws -> [String] {
        ["--updates", Self.updates, "--delegated", try HardeningTests().delegations(in: tool), "--no-cache"]
    }

    @Test("standard output on /dev/full: exit 1 and say so, as coreutils do", arguments: [
        ["mrt", "dump", HardeningTests.updates], ["mrt", "stats", HardeningTests.updates], ["compare", "KP", "--format", "json"],
        ["fetch", "as-rel", "--date", "2015-02-01"],
    ])
    func fullStandardOutput(arguments: [String]) throws {
        let tool = try CommandLineTool()
        let extra = arguments.first == "compare" ? try smallInputs(tool) : []
        let result = try tool.run(arguments + extra, standardOutput: "/dev/full")
        #expect(result.status == 1, "\(arguments): \(result.errors)")
        #expect(result.errors.contains("Error: cannot write to standard output: No space left on device"), "\(result.errors)")
    }

    /// A case of small local files, in its own directory.
    func smallCase(_ tool: CommandLineTool, name: String = "small") throws -> String {
        let directory = tool.directory.appendingPathComponent("case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let delegations = try HardeningTests().delegations(in: tool)
        let manifest = """
            { "name": "\(name)", "title": "t", "countries": ["KP"],
              "data": { "updates": ["\(Self.updates)"], "delegated": ["\(delegations)"] },
              "published": [{ "source": "s", "title": "x", "url": "javascript:alert(1)", "networks": { "KP": 4 } }] }
            """
        try manifest.write(to: directory.appendingPathComponent("case.json"), atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test("reports and diagrams on a full disk leave nothing under the final name", arguments: [
        ["report", "--case", "CASE", "-o", "OUT.html"], ["compare", "KP", "--case", "CASE", "--svg", "-o", "OUT.svg"],
        ["render", "KP", "--case", "CASE", "-o", "OUT.svg"],
    ])
    func fullDisk(arguments: [String]) throws {
        let tool = try CommandLineTool()
        let study = try smallCase(tool)
        let target = tool.directory.appendingPathComponent("out-\(UUID().uuidString)").path + (arguments.last?.hasSuffix(".html") == true ? ".html" : ".svg")
        let concrete = arguments.map { $0 == "CASE" ? study : $0.hasPrefix("OUT.") ? target : $0 } + ["--no-cache"]
        // 4 blocks of 512 bytes: room for standard output and error, not for a report or a diagram (3.7 KB here).
        let result = try tool.run(concrete, fileSizeLimit: 4)
        #expect(result.status == 1, "\(concrete): \(result.errors)")
        #expect(result.errors.contains("File too large"), "\(result.errors)")
        let directory = (target as NSString).deletingLastPathComponent
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix((target as NSString).lastPathComponent) }
        #expect(left.isEmpty, "left behind: \(left)")
        // With room, the same command writes the file whole.
        let roomy = try tool.run(concrete)
        #expect(roomy.status == 0, "\(roomy.errors)")
        #expect(FileManager.default.fileExists(atPath: target))
    }

    @Test("a case name that climbs out of output/ is refused, naming the manifest and the key", arguments: [
        "../../../../elsewhere/x", "..", ".", "a/b", "", "x\\u{0}y",
    ])
    func caseName(name: String) throws {
        let tool = try CommandLineTool()
        let study = try smallCase(tool, name: name.replacingOccurrences(of: "\\", with: "\\\\"))
        for arguments in [["report", "--case", study], ["compare", "--case", study, "--svg"]] {
            let result = try tool.run(arguments)
            #expect(result.status == 1)
            #expect(result.errors.contains("\(study)/case.json: \"name\":"), "\(result.errors)")
        }
        let written = FileManager.default.enumerator(atPath: tool.directory.path)?.compactMap { $0 as? String } ?? []
        #expect(!written.contains { $0.hasSuffix(".html") || $0.hasSuffix(".svg") })
    }

    @Test("the report of a case whose published URL is javascript: links nothing to it")
    func javascriptURL() throws {
        let tool = try CommandLineTool()
        let result = try tool.run(["report", "--case", try smallCase(tool), "--no-cache"])
        #expect(result.status == 0, "\(result.errors)")
        let page = try String(contentsOfFile: tool.directory.appendingPathComponent("output/small/index.html").path, encoding: .utf8)
        #expect(!page.contains("javascript:"))
    }
}

/// Downloads by the built binary: memory that stays flat on an endless body, and a damaged cached
/// file that is dropped from the cache when an analysis finds it damaged.
@Suite("chokepoint fetch under attack", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
final class HostileFetchTests {
    private let server: ArchiveServer
    private let port: Int

    init() throws {
        server = try ArchiveServer(root: SharedData.path("mirror"))
        port = server.port
    }

    @Test("an endless body is cut at --max-filesize with memory flat, and nothing is kept")
    func endless() throws {
        let tool = try CommandLineTool()
        let memory = tool.directory.appendingPathComponent("rss").path
        let result = try tool.run(["-f", "%M", "-o", memory, CommandLineTool.binary, "fetch", "as-rel", "--date", "2015-02-01",
                                   "--mirror-url", "http://127.0.0.1:\(port)/endless", "--max-filesize", "256"],
                                  environment: ["CHOKEPOINT_MIRROR": ""], executable: "/usr/bin/time")
        #expect(result.status == 1)
        #expect(result.errors.contains("the file is larger than the download limit of 256 MiB; nothing was kept"), "\(result.errors)")
        let kilobytes = try String(contentsOfFile: memory, encoding: .utf8).split(separator: "\n").last.flatMap { Int($0) }
        #expect((kilobytes ?? .max) < 64 * 1024, "fetch peaked at \(kilobytes ?? -1) KB")
        let cached = FileManager.default.enumerator(atPath: tool.directory.appendingPathComponent("cache").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".bz2") || $0.contains(".partial-") } ?? []
        #expect(cached.isEmpty, "\(cached)")
    }

    @Test("a damaged file in the cache is removed when an analysis finds it damaged")
    func damagedCachedFile() throws {
        let tool = try CommandLineTool()
        let url = "http://archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"
        let cached = tool.directory.appendingPathComponent("cache/chokepoint/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2").path
        try FileManager.default.createDirectory(atPath: (cached as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let original = try Data(contentsOf: URL(fileURLWithPath: SharedData.mirror(
            "archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2")))
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: cached))
        let arguments = ["compare", "KP", "--updates", url, "--delegated", try HardeningTests().delegations(in: tool), "--no-cache",
                         "--mirror-url", "http://127.0.0.1:\(port)"]
        let first = try tool.run(arguments, environment: ["CHOKEPOINT_MIRROR": ""])
        #expect(first.status == 1)
        #expect(first.errors.contains("the damaged copy was removed from the cache"), "\(first.errors)")
        #expect(!FileManager.default.fileExists(atPath: cached))
        // The next run downloads it anew (here from the test server) and succeeds.
        let second = try tool.run(arguments, environment: ["CHOKEPOINT_MIRROR": ""])
        #expect(second.status == 0, "\(second.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cached)) == original)
    }
}
