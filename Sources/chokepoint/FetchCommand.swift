import ArgumentParser
import CaseStudies
import PublicArchives

#if canImport(Glibc)
import Glibc
#endif

/// `chokepoint fetch`: download data sets by date into the cache (or find them in a mirror).
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the archive file nearest a date into the cache, or find it in a mirror.",
        discussion: """
            Data sets: rib, updates (with --collector route-views.NAME, route-views2 or rrcNN), pfx2as, pfx2as6, \
            as-rel, as-rel2, as-org (CAIDA AS Organizations), delegated (all five RIRs; --extended for the extended format).

            Files are cached under $XDG_CACHE_HOME/chokepoint (default ~/.cache/chokepoint) laid out \
            <host>/<path>. With --mirror DIR (or CHOKEPOINT_MIRROR) the same layout is read from DIR and \
            the network is never touched.

            Examples:
              chokepoint fetch rib --date 2014-05-30T22:00 --collector route-views.jinx
              chokepoint fetch --case examples/north-korea-2014
            """
    )

    @Argument(help: "The data set: rib, updates, pfx2as, pfx2as6, as-rel, as-rel2, as-org or delegated (not with --case).")
    var dataset: String?

    @Option(name: .customLong("case"), help: "Fetch every data set a case directory's case.json names.")
    var caseDirectory: String?

    @Option(help: "The date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC).")
    var date: String?

    @Option(name: .customLong("collector"),
            help: "The collector for rib and updates: route-views2, route-views.NAME or rrcNN; repeat it or give a comma list for several (default route-views2).")
    var collectorNames: [String] = []

    @Flag(help: "Delegation files in the extended format (with holder ids).")
    var extended = false

    @Option(help: "How many days from --date the file may be. Default: the data set's own (a day for rib and updates, 31 for pfx2as, 92 for delegated and as-rel, 183 for as-org).")
    var dateTolerance: Int?

    @OptionGroup var download: DownloadOptions

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        if caseDirectory != nil {
            guard dataset == nil, date == nil else { throw ValidationError("--case fetches the case's own data sets: give no data set or --date") }
        } else {
            guard dataset != nil, let date else { throw ValidationError("give a data set and --date, or --case DIR") }
            guard UTCDate(date) != nil else { throw ValidationError("--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \(date)") }
            _ = try AnalysisInputs.collectors(collectorNames)
        }
    }

    func datasets() throws -> [ArchiveDataset] {
        let named = try AnalysisInputs.collectors(collectorNames)
        let collectors = named.isEmpty ? [Collector("route-views2")].compactMap { $0 } : named
        if !named.isEmpty && dataset != "rib" && dataset != "updates" {
            throw CommandFailure(description: "--collector goes with rib and updates, not \(dataset ?? "")")
        }
        switch dataset {
        case "rib": return collectors.map(\.ribs)
        case "updates": return collectors.map(\.updates)
        case "pfx2as": return [.prefixToAS]
        case "pfx2as6": return [.prefixToASv6]
        case "as-rel": return [.asRelationships(serial: 1)]
        case "as-rel2": return [.asRelationships(serial: 2)]
        case "delegated":
            // Only the registries that existed at the date: AFRINIC's region was served by others before 2005.
            let year = date.flatMap { UTCDate($0) }?.components.year ?? .max
            for registry in ArchiveDataset.RIR.allCases where registry.firstYear > year {
                printError("note: \(registry.rawValue.uppercased()) began in \(registry.firstYear): no file of it is fetched")
            }
            return ArchiveDataset.RIR.allCases.filter { $0.firstYear <= year }.map { .delegations($0, extended: extended) }
        case "as-org": return [.asOrganizations]
        default:
            throw CommandFailure(description: "unknown data set \(dataset ?? ""); use rib, updates, pfx2as, pfx2as6, as-rel, as-rel2, as-org or delegated")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            let catalog = download.catalog
            let display = ProgressDisplay(enabled: !quiet)
            var output = StandardOutput()
            if let caseDirectory {
                let study = try CaseStudy.load(caseDirectory)
                let sources = try study.data.resolve(catalog: catalog, relativeTo: caseDirectory) { name, done, total in
                    display.show(step: "fetching \(name)", done: done, total: total, items: nil, itemName: nil)
                }
                display.finish()
                for source in sources { try output.write("\(source.path)\t\(source.location)\t\(source.role.rawValue)\n") }
                try output.flush()
                return
            }
            guard let date, let when = UTCDate(date) else { return }
            for dataset in try datasets() {
                let file = try catalog.resolve(dataset, near: when, tolerance: dateTolerance.map { Int64($0) * 86_400 })
                let days = file.days(from: when)
                if !quiet {
                    printError("note: \(file.timestamp) is " + (days == 0 ? "within a day of the date"
                        : "\(days) day\(days == 1 ? "" : "s") \(file.timestamp < when ? "before" : "after") it")
                        + " (allowed: \((dateTolerance.map { Int64($0) * 86_400 } ?? dataset.tolerance) / 86_400) days)")
                }
                let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
                let path = try catalog.fetch(file) { done, total in
                    display.show(step: "fetching \(name)", done: done, total: total, items: nil, itemName: nil)
                }
                display.finish()
                try output.write("\(path)\t\(file.url)\t\(file.timestamp)\n")
                try output.flush()
            }
        }
    }
}
