import ArgumentParser

/// `chokepoint mrt`: tools for MRT files.
struct MRTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mrt",
        abstract: "Read MRT RIB dumps and update files (RouteViews, RIPE RIS; bz2, gz or plain).",
        subcommands: [MRTDumpCommand.self, MRTStatsCommand.self]
    )
}
