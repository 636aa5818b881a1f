import ArgumentParser
import MRT

/// `chokepoint mrt stats FILE`: counts from one full pass over the routes.
struct MRTStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count records, peers, routes and distinct prefixes in one pass.",
        discussion: "Example: chokepoint mrt stats rib.20140530.2200.bz2"
    )

    @Argument(help: "The MRT file (bz2, gz or plain); - for standard input.")
    var file: String

    @Flag(help: "Stop at the first damaged record instead of skipping it.")
    var strict = false

    func run() throws {
        try CommandFailure.reporting {
            let statistics = try MRTStatistics.collect(path: file, recovers: !strict)
            var output = StandardOutput()
            try output.write(statistics.text(name: file))
            try output.flush()
        }
    }
}
