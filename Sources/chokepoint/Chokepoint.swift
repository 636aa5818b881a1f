import ArgumentParser

/// The `chokepoint` command line.
@main
struct Chokepoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chokepoint",
        abstract: "Measure how easily each country's Internet could be cut off, from public BGP data.",
        version: Chokepoint.version,
        subcommands: [CountryCommand.self, CompareCommand.self, RankCommand.self, WhatIfCommand.self, DiffCommand.self, HistoryCommand.self, ShardCommand.self, ViewCommand.self, RenderCommand.self, ReportCommand.self, MRTCommand.self, GeoCommand.self, FetchCommand.self, CacheCommand.self]
    )

    /// Sets the allocator up (`MemoryTuning`), then parses and runs the command.
    static func main() {
        MemoryTuning.apply()
        main(nil)
    }

    /// The release, and the git commit the binary was built from (written at build time).
    static let version = "chokepoint 0.5.0 (commit \(buildCommit))"
}
