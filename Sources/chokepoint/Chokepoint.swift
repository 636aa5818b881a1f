import ArgumentParser

/// The `chokepoint` command line.
@main
struct Chokepoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chokepoint",
        abstract: "Measure how easily each country's Internet could be cut off, from public BGP data.",
        subcommands: [CountryCommand.self, CompareCommand.self, RankCommand.self, WhatIfCommand.self, ViewCommand.self, RenderCommand.self, ReportCommand.self, MRTCommand.self, GeoCommand.self, FetchCommand.self]
    )
}
