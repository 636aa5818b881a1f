import AnalysisPipeline
import CountryAnalysis
import ArgumentParser
import ASTopology
import CaseStudies
import Foundation
import Geography
import PublicArchives

#if canImport(Glibc)
import Glibc
#endif

/// Where every analysis command gets its data: a case manifest, a date, or explicit files.
struct AnalysisInputs: ParsableArguments {
    @Option(name: .customLong("case"), help: "A case directory holding case.json (data sets, countries, published figures).")
    var caseDirectory: String?

    @Option(help: "Analyse the archives' files nearest this date (YYYY-MM-DD): a RIB, pfx2as, as-rel and the RIRs' files.")
    var date: String?

    @Option(help: ArgumentHelp(
        "The routes each session held at this time (YYYY-MM-DDTHH:MM, UTC): the RIB with the updates up to then replayed over it.",
        discussion: "With --case or files, their RIBs and updates are replayed. Alone, each collector's last RIB at or before the time and its update files up to it are taken from the archives, as --date takes its files."))
    var at: String?

    @Option(help: "With --date: how many days from the date a reference data set (prefix-to-AS, AS relationships, registry files) may be. Default: each data set's own (README, Inputs).")
    var dateTolerance: Int?

    @Option(name: .customLong("collector"),
            help: "With --date: a collector whose RIB to read (route-views2, route-views.NAME or rrcNN); repeat it or give a comma list. Default: route-views2, route-views.linx, rrc00 and rrc01, those with a RIB within a day.")
    var collectorNames: [String] = []

    @Flag(help: "With --date: read no RIB; simulate the routes over the AS relationships nearest the date (with prefix-to-AS for the prefixes).")
    var relationshipsOnly = false

    @Flag(help: "Let partial-feed vantage points into the path metrics too (by default only full-feed ones count).")
    var partialPeers = false

    @Option(help: "A vantage point is full-feed when it sees at least this share of the largest one's prefixes.")
    var fullFeedShare = 0.75

    @Option(help: "The share of witnesses the trimmed mean drops at each end.")
    var trim = 0.1

    @Option(help: "The largest cut searched for; a larger one is reported as at least this, with the ASes found so far.")
    var cutLimit = 64

    @Option(help: "ASes whose customer cone holds more than this many ASes are the core, the world side of every cut.")
    var coreCone = 1000

    @Option(help: ArgumentHelp(
        "Shards made by chokepoint shard (files, or directories of *.cpshard): the routing data, in place of RIBs and updates.",
        discussion: "With --case, --date or files, those give the reference data; alone, the reference data nearest the shards' earliest RIB are taken from the archives."))
    var shards: [String] = []

    @Option(help: "MRT RIB files.")
    var rib: [String] = []

    @Option(help: "MRT update files (announcements are added; with --at, replayed over the RIBs).")
    var updates: [String] = []

    @Option(help: "CAIDA prefix-to-AS files.")
    var pfx2as: [String] = []

    @Option(help: "A CAIDA AS relationships file.")
    var asRel: String?

    @Option(help: "RIR delegation files, one per registry.")
    var delegated: [String] = []

    @Option(help: "Prefix geography: rir, mmdb:PATH or tor:PATH[,PATH6].")
    var geo = "rir"

    @Option(help: "AS names for labels: a CSV of asn,name (such as the IPFire location export).")
    var asNames: String?

    @Option(name: .customLong("as-org"),
            help: "Which organisation holds each AS: a CAIDA AS Organizations file (*.as-org2info.txt.gz or .jsonl.gz) or an RIR extended delegation file; repeatable.")
    var asOrganisations: [String] = []

    @OptionGroup var download: DownloadOptions

    @Flag(help: "Parse the path data and the reference data even when snapshots of the same inputs are cached, and write none.")
    var noCache = false

    @Flag(help: "No progress display.")
    var quiet = false

    private var namesFiles: Bool { !(rib + updates + pfx2as + delegated).isEmpty || asRel != nil }

    func validate() throws {
        guard PrefixGeographySource(geo) != nil else {
            throw ValidationError("--geo must be rir, mmdb:PATH or tor:PATH[,PATH6], or several joined by + (rir+mmdb:PATH)")
        }
        if let at {
            guard let time = UTCDate(at), time.secondsSinceEpoch > 0, time.secondsSinceEpoch <= Int64(UInt32.max) else {
                throw ValidationError("--at must be YYYY-MM-DDTHH:MM (UTC) from 1970 to 2106, not \(at)")
            }
            guard date == nil else { throw ValidationError("--at is a time of its own: give --at or --date, not both") }
            guard !relationshipsOnly else { throw ValidationError("--at replays routing data: drop --relationships-only") }
        }
        if !shards.isEmpty {
            guard at == nil else { throw ValidationError("--shards holds routes already read: a replay (--at) needs the MRT files") }
            guard !relationshipsOnly else { throw ValidationError("--shards are routing data: drop --relationships-only") }
            guard rib.isEmpty, updates.isEmpty else { throw ValidationError("--shards stand for the RIBs and updates: drop --rib and --updates") }
        }
        let shardsAlone = !shards.isEmpty && caseDirectory == nil && date == nil && !namesFiles
        let ways = [caseDirectory != nil, date != nil || (at != nil && !namesFiles && caseDirectory == nil), namesFiles, shardsAlone]
            .filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError(ways == 0
                ? "give the data: --case DIR, --date YYYY-MM-DD, --at YYYY-MM-DDTHH:MM, --shards DIR, or files (--rib, --updates, --pfx2as, --as-rel, --delegated)"
                : "give one of --case, --date or explicit files, not several")
        }
        if let date, UTCDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \(date)") }
        let archiveTime = date ?? (caseDirectory == nil && !namesFiles ? at : nil)
        if !collectorNames.isEmpty && archiveTime == nil { throw ValidationError("--collector goes with --date or --at") }
        if dateTolerance != nil && archiveTime == nil { throw ValidationError("--date-tolerance goes with --date or --at") }
        if relationshipsOnly && date == nil { throw ValidationError("--relationships-only goes with --date (a case says what it holds)") }
        if relationshipsOnly && !collectorNames.isEmpty { throw ValidationError("--relationships-only reads no RIB: drop --collector") }
        if let dateTolerance, !(0...3650).contains(dateTolerance) { throw ValidationError("--date-tolerance must be from 0 to 3650 days") }
        _ = try Self.collectors(collectorNames)
        guard (0...1).contains(fullFeedShare) else { throw ValidationError("--full-feed-share must be between 0 and 1") }
        guard (0..<0.5).contains(trim) else { throw ValidationError("--trim must be at least 0 and under 0.5") }
        guard (1...100_000).contains(cutLimit) else { throw ValidationError("--cut-limit must be from 1 to 100000") }
        guard coreCone >= 1 else { throw ValidationError("--core-cone must be at least 1") }
        if namesFiles {
            guard !(rib + updates + pfx2as + shards).isEmpty else { throw ValidationError("give path data: --rib, --updates, --pfx2as or --shards") }
            guard !delegated.isEmpty else { throw ValidationError("give the RIR delegation files with --delegated") }
        }
    }

    /// The collectors named, each checked; comma lists are split.
    static func collectors(_ names: [String]) throws -> [Collector] {
        try names.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
            .map { name in
                if let collector = Collector(name) { return collector }
                let hint = Collector.suggestion(for: name).map { "did you mean \($0)? " } ?? ""
                throw ValidationError("\(name) is not a collector the archives know; \(hint)known: "
                                      + Collector.all.map(\.name).joined(separator: ", "))
            }
    }

    /// The analysis options the flags ask for.
    var analysisOptions: CountryAnalyzer.Options {
        var options = CountryAnalyzer.Options()
        options.includesPartialPeers = partialPeers
        options.fullFeedShare = fullFeedShare
        options.trimmedMean = TrimmedMean(fraction: trim)
        options.cutLimit = cutLimit
        options.coreConeThreshold = coreCone
        return options
    }

    /// Says on standard error which of `profiles` rest on one witness, and returns the view (with
    /// those warnings) for the JSON document.
    func view(for profiles: [CountryProfile], analyzer: CountryAnalyzer) -> VantagePointView {
        let lonely = profiles.filter { $0.witnessASes <= 1 }.map(\.country.description)
        if !lonely.isEmpty {
            let list = lonely.count <= 5 ? lonely.joined(separator: ", ") : "\(lonely.count) of \(profiles.count) countries"
            printError("warning: the upstreams of \(list) rest on \(lonely.count == 1 ? "" : "at most ")one witness (one vantage-point AS)")
        }
        return analyzer.view(for: profiles)
    }

    /// The case manifest, when `--case` was given.
    func caseStudy() throws -> CaseStudy? {
        try caseDirectory.map { directory throws(CaseStudyError) in try CaseStudy.load(directory) }
    }

    /// Where output files go by default: `output/<case>/`, `output/<date>/`, or `output/`.
    func outputDirectory(for study: CaseStudy?) -> String {
        // A replay's time in a name: 2014-05-30T2350.
        let time = at.flatMap(UTCDate.init).map { String($0.description.prefix(16)).replacingOccurrences(of: " ", with: "T")
            .replacingOccurrences(of: ":", with: "") }
        if let study { return "output/\(study.name)" + (time.map { "-" + $0 } ?? "") }
        if let date, let parsed = UTCDate(date) { return "output/\(String(parsed.description.prefix(10)))" }
        if let time { return "output/\(time)" }
        return "output"
    }

    /// The shard files `--shards` names: files as given, directories' `*.cpshard` files sorted.
    func shardPaths() throws -> [String] {
        try shards.flatMap { location -> [String] in
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: location, isDirectory: &directory) else {
                throw CommandFailure(description: "\(location): no such shard file or directory")
            }
            guard directory.boolValue else { return [location] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: location)) ?? []
            let found = names.filter { $0.hasSuffix("." + TopologyShard.fileExtension) }.sorted()
                .map { (location as NSString).appendingPathComponent($0) }
            guard !found.isEmpty else { throw CommandFailure(description: "\(location): no shard (*.\(TopologyShard.fileExtension)) in it") }
            return found
        }
    }

    /// A path given on the command line made absolute; URLs and absolute paths as they are.
    static func fromWorkingDirectory(_ location: String) -> String {
        guard !location.contains("://"), !location.hasPrefix("/") else { return location }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(location)
    }

    /// Finds the files (fetching what a case or date names), reads them and prepares the analysis,
    /// showing progress on a terminal and notes on standard error.
    /// The snapshots of cold runs, written while their countries are analysed.
    static let snapshots = PendingSnapshots()

    /// Waits for the snapshots being written, and warns of any that could not be.
    static func finishSnapshots() {
        for failure in snapshots.wait() {
            printError("warning: cannot write the snapshot (\(failure)); the next run reads the routing data again")
        }
    }

    func prepare(_ study: CaseStudy?) throws -> (PreparedAnalysis, [DataSource]) {
        let display = ProgressDisplay(enabled: !quiet)
        let catalog = download.catalog
        let shardFiles = try shardPaths()
        // Each shard's head, read once: the shards' date, and the sources they stand for.
        let heads = try shardFiles.map { path throws(ShardError) in try TopologyShard.header(path) }.sorted(by: TopologyShard.canonicalOrder)
        var data: CaseDataSets
        if let study {
            data = study.data
        } else if !shardFiles.isEmpty, date == nil, !namesFiles {
            // The reference data of the shards' own date: their earliest RIB's (or record's).
            let times = heads.filter { $0.role == .rib }.compactMap(\.summary.firstRecordTime)
            guard let first = (times.isEmpty ? heads.compactMap(\.summary.firstRecordTime) : times).min() else {
                throw CommandFailure(description: "the shards hold no record with a time: give the reference data's date with --date")
            }
            let when = UTCDate(secondsSinceEpoch: Int64(first))
            printError("note: reference data for \(when), the shards' earliest \(times.isEmpty ? "record" : "RIB")")
            let nearest = try CaseDataSets.nearest(to: when, collectors: [], required: false, catalog: catalog,
                                                   tolerance: dateTolerance.map { Int64($0) * 86_400 }, routing: false)
            for note in nearest.notes { printError("note: \(note)") }
            for warning in nearest.warnings { printError("warning: \(warning)") }
            data = nearest.data
        } else if let when = (date ?? (namesFiles ? nil : at)).flatMap(UTCDate.init) {
            let named = try Self.collectors(collectorNames)
            let nearest = try CaseDataSets.nearest(to: when, collectors: named.isEmpty ? Collector.defaults : named,
                                                   required: !named.isEmpty, catalog: catalog,
                                                   tolerance: dateTolerance.map { Int64($0) * 86_400 },
                                                   relationshipsOnly: relationshipsOnly, replaying: date == nil,
                                                   routing: shardFiles.isEmpty)
            for note in nearest.notes { printError("note: \(note)") }
            for warning in nearest.warnings { printError("warning: \(warning)") }
            data = nearest.data
        } else {
            data = CaseDataSets(rib: rib, updates: updates, pfx2as: pfx2as, asRelationships: asRel, delegated: delegated)
        }
        if !shardFiles.isEmpty {
            data.rib = []
            data.updates = []
        }
        // Files named on the command line are relative to where the user stands, not to the case.
        if let asNames { data.asNames = Self.fromWorkingDirectory(asNames) }
        data.organisations += asOrganisations.map(Self.fromWorkingDirectory)
        let sources = try data.resolve(catalog: catalog, relativeTo: caseDirectory) { name, done, total in
            display.show(step: "fetching \(name)", done: done, total: total, items: nil, itemName: nil)
        }
        // One memo of fingerprints for both caches: a file recognised once, whichever asks.
        let memo = FingerprintMemo(directory: ArchiveCatalog.defaultCacheDirectory + "/fingerprints")
        let cache = noCache || !shardFiles.isEmpty
            ? nil : TopologyCache(directory: ArchiveCatalog.defaultCacheDirectory + "/snapshots", memo: memo, pending: Self.snapshots)
        let referenceCache = noCache ? nil : ReferenceCache(directory: ArchiveCatalog.defaultCacheDirectory + "/reference",
                                                            producer: Chokepoint.version, memo: memo)
        let prepared: PreparedAnalysis
        do {
            prepared = try PreparedAnalysis.prepare(sources, geography: PrefixGeographySource(geo) ?? .rir, cache: cache,
                                                    options: analysisOptions, replayingTo: at.flatMap(UTCDate.init),
                                                    shards: shardFiles, referenceCache: referenceCache) { event in
                display.show(step: event.step, done: event.done, total: event.total, items: event.items, itemName: event.itemName)
            }
        } catch {
            display.finish()
            // A damaged download must not stay in the cache: the next run fetches it anew.
            if let damaged = DamagedCachedFile(error, catalog: catalog) { throw damaged }
            throw error
        }
        display.finish()
        for note in prepared.notes { printError(note) }
        // The shards stand for their files: listed as those, in the order they were merged, each
        // with its original name (which carries its date) and the shard's path.
        let shardSources = heads.map { DataSource(role: $0.role == .rib ? .rib : .updates, location: $0.file, path: $0.path) }
        return (prepared, shardSources + sources)
    }
}
