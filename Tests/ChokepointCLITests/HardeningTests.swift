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
        // With room again, the next run writes it, and the one after reads it.
        #expect(try tool.run(arguments).status == 0)
        #expect(try tool.run(arguments).errors.contains("path data from the snapshot"))
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
