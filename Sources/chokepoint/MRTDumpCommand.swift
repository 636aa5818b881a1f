import ArgumentParser
import MRT

/// `chokepoint mrt dump FILE`: bgpdump's `-m` line format.
struct MRTDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print every route in bgpdump's -m format (one line per route).",
        discussion: """
            The output is byte-identical to `bgpdump -m` on bgpdump's own test files. Damage that real \
            archives are known to carry is recovered from and summarised on standard error.

            Example: chokepoint mrt dump rib.20140530.2200.bz2 | head
            """
    )

    @Argument(help: "The MRT file (bz2, gz or plain); - for standard input.")
    var file: String

    @Flag(help: "Stop at the first damaged record instead of skipping it.")
    var strict = false

    func run() throws {
        try CommandFailure.reporting {
            let reader = try MRTReader(path: file, recovers: !strict)
            let formatter = BGPDumpFormatter()
            var output = StandardOutput()
            var text = ""
            while let record = try reader.next() {
                formatter.write(record, peers: reader.peerIndexTable, to: &text)
                if text.utf8.count > 1 << 16 {
                    try output.write(text)
                    text = ""
                }
            }
            try output.write(text)
            try output.flush()
            for line in reader.report.recoveryLines {
                printError("\(file): \(line)")
            }
            try reader.requireRecords()
        }
    }
}
