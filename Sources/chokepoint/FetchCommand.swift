import ArgumentParser
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
            as-rel, as-rel2, delegated (all five RIRs; --extended for the extended format).

            Files are cached under $XDG_CACHE_HOME/chokepoint (default ~/.cache/chokepoint) laid out \
            <host>/<path>. With --mirror DIR (or CHOKEPOINT_MIRROR) the same layout is read from DIR and \
            the network is never touched.

            Example: chokepoint fetch rib --date 2014-05-30T22:00 --collector route-views.jinx
            """
    )

    @Argument(help: "The data set: rib, updates, pfx2as, pfx2as6, as-rel, as-rel2 or delegated.")
    var dataset: String

    @Option(help: "The date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC).")
    var date: String

    @Option(help: "The collector for rib and updates: route-views.NAME, route-views2 or rrcNN.")
    var collector = "route-views2"

    @Flag(help: "Delegation files in the extended format (with holder ids).")
    var extended = false

    @Option(help: "A local mirror laid out <host>/<path>; no network is used.")
    var mirror: String?

    @Option(help: "An HTTP server laid out <host>/<path> to download from instead of the archives.")
    var mirrorURL: String?

    @Option(help: "The cache directory.")
    var cache: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func datasets() throws -> [ArchiveDataset] {
        let isRIS = collector.hasPrefix("rrc")
        switch dataset {
        case "rib": return [isRIS ? .risRIB(collector: collector) : .routeViewsRIB(collector: collector)]
        case "updates": return [isRIS ? .risUpdates(collector: collector) : .routeViewsUpdates(collector: collector)]
        case "pfx2as": return [.prefixToAS]
        case "pfx2as6": return [.prefixToASv6]
        case "as-rel": return [.asRelationships(serial: 1)]
        case "as-rel2": return [.asRelationships(serial: 2)]
        case "delegated": return ArchiveDataset.RIR.allCases.map { .delegations($0, extended: extended) }
        default:
            throw ValidationError("unknown data set \(dataset); use rib, updates, pfx2as, pfx2as6, as-rel, as-rel2 or delegated")
        }
    }

    func run() throws {
        guard let when = UTCDate(date) else {
            throw ValidationError("--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \(date)")
        }
        var catalog = ArchiveCatalog.fromEnvironment()
        if let mirror { catalog.mirror = mirror }
        if let mirrorURL { catalog.mirrorURL = mirrorURL }
        if let cache { catalog.cacheDirectory = cache }
        let showsProgress = !quiet && isatty(STDERR_FILENO) == 1
        var output = StandardOutput()
        for dataset in try datasets() {
            let file = try catalog.resolve(dataset, near: when)
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            let bar: ProgressBar? = showsProgress ? ProgressBar(label: name) : nil
            var report: (@Sendable (Int64, Int64?) -> Void)?
            if let bar {
                report = { done, total in bar.update(done: done, total: total) }
            }
            let path = try catalog.fetch(file, progress: report)
            bar?.finish()
            output.write("\(path)\t\(file.url)\t\(file.timestamp)\n")
            output.flush()
        }
    }
}
