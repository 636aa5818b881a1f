import ArgumentParser
import ASTopology
import CaseStudies
import Foundation
import PublicArchives

/// `chokepoint shard`: the map step of a run across machines. Each MRT file becomes a shard that
/// `--shards` merges with others and analyses.
struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Read MRT files into shards: compact, mergeable, named by their content (the map step of a cluster run).",
        discussion: """
            Each file (a path or a URL, fetched as every command fetches) is read once into a shard in the \
            output directory: its vantage points, distinct paths, prefixes and routes, with its collector, \
            role and record times, in the snapshot's binary format. A shard of the same content, collector \
            and role already there is kept. Prints each shard's path on standard output. Analyse shards with \
            --shards DIR on any analysis command, or `chokepoint history --shards DIR` for every date they hold.

            Examples:
              chokepoint shard rib.20140530.2200.bz2 -o shards/
              chokepoint shard --date 2014-05-30 --collector route-views.jinx -o shards/
              chokepoint shard --case examples/north-korea-2014 -o shards/
            """
    )

    @Argument(help: "MRT files or URLs.")
    var files: [String] = []

    @Option(help: "With files: their collector (default: read from each path or URL, as every command does).")
    var collector: String?

    @Option(help: "With files: rib or updates (default: from each name, updates.* being updates).")
    var role: String?

    @Option(help: "The RIB of each --collector nearest this date (YYYY-MM-DD[THH:MM]), as --date finds it.")
    var date: String?

    @Option(name: .customLong("collectors"), help: "With --date: the collectors (comma list or repeated; default: those of route-views2, route-views.linx, rrc00 and rrc01 with a RIB within a day).")
    var collectorNames: [String] = []

    @Option(name: .customLong("case"), help: "A case directory: shard its RIBs and update files.")
    var caseDirectory: String?

    @Option(name: .shortAndLong, help: "Where the shards go.")
    var output = "output/shards"

    @OptionGroup var download: DownloadOptions

    func validate() throws {
        let ways = [!files.isEmpty, date != nil, caseDirectory != nil].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError(ways == 0 ? "give MRT files, --date YYYY-MM-DD --collectors NAME, or --case DIR"
                                            : "give files, --date or --case, not several")
        }
        if let role, MRTInput.Role(rawValue: role) == nil { throw ValidationError("--role must be rib or updates, not \(role)") }
        if collector != nil || role != nil, files.isEmpty { throw ValidationError("--collector and --role go with files") }
        if !collectorNames.isEmpty, date == nil { throw ValidationError("--collectors goes with --date") }
        if let date, UTCDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \(date)") }
        _ = try AnalysisInputs.collectors(collectorNames)
    }

    /// The role a file's name says: RouteViews and RIS name update files `updates.*`.
    static func role(ofFileNamed name: String) -> MRTInput.Role {
        (name as NSString).lastPathComponent.hasPrefix("updates") ? .updates : .rib
    }

    func run() throws {
        try CommandFailure.reporting {
            var standardOutput = StandardOutput()
            let catalog = download.catalog
            var locations: [(location: String, role: MRTInput.Role)] = []
            if let date, let when = UTCDate(date) {
                let named = try AnalysisInputs.collectors(collectorNames)
                for collector in named.isEmpty ? Collector.defaults : named {
                    do {
                        locations.append((try catalog.resolve(collector.ribs, near: when).url, .rib))
                    } catch where named.isEmpty {
                        // Of the default collectors, those with a RIB near the date are taken, as --date takes them.
                        printError("note: \(collector) left out: \(error)")
                    }
                }
                guard !locations.isEmpty else { throw CommandFailure(description: "no collector has a RIB near \(when); name one with --collectors") }
            } else if let caseDirectory {
                let study = try CaseStudy.load(caseDirectory)
                locations = study.data.rib.map { ($0, .rib) } + study.data.updates.map { ($0, .updates) }
            } else {
                locations = files.map { ($0, role.flatMap(MRTInput.Role.init) ?? Self.role(ofFileNamed: $0)) }
            }
            for (location, fileRole) in locations {
                let path: String
                if location.contains("://") {
                    path = try catalog.fetch(url: location)
                } else if let caseDirectory, !location.hasPrefix("/") {
                    path = (caseDirectory as NSString).appendingPathComponent(location)
                } else {
                    path = location
                }
                let name = collector ?? (Collector.of(location: location) ?? Collector.of(location: path))?.name ?? ""
                let (shard, reused) = try TopologyShard.make(from: MRTInput(path: path, collector: name, role: fileRole), in: output)
                let first = shard.summary.firstRecordTime.map { UTCDate(secondsSinceEpoch: Int64($0)).description } ?? "no record"
                printError("\(reused ? "kept" : "made") \(shard.path): \(shard.file), \(shard.collector.isEmpty ? "collector unknown" : shard.collector), "
                           + "\(shard.role.rawValue), \(shard.summary.observations) routes read, first record \(first)")
                try standardOutput.write(shard.path + "\n")
            }
            try standardOutput.flush()
        }
    }
}
