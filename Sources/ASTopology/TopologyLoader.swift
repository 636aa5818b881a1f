import Foundation
import MRT
import ReferenceData

/// An MRT file and the collector whose sessions it holds.
public struct MRTInput: Hashable, Sendable {
    /// The file.
    public var path: String
    /// The collector (`route-views2`, `rrc01`); files of one collector share its vantage points.
    public var collector: String
    /// Whether the file is a RIB dump or updates; it matters only to a replay (`TopologyLoader.load(replayingTo:)`).
    public var role: Role

    /// What an MRT file holds.
    public enum Role: String, Hashable, Sendable {
        /// A RIB dump: a collector's sessions' routes at one time.
        case rib
        /// Updates: announcements, withdrawals and session state changes over a span of time.
        case updates
    }

    /// Creates an input.
    public init(path: String, collector: String = "", role: Role = .rib) {
        self.path = path
        self.collector = collector
        self.role = role
    }
}

/// Loads a topology from files: MRT RIB and update files, prefix-to-AS files and an AS
/// relationships file; through a `TopologyCache` when one is given.
public enum TopologyLoader {
    /// What one MRT file gave.
    public struct FileSummary: Sendable, Hashable {
        /// The file.
        public var file: String
        /// Route observations read from it.
        public var observations = 0
        /// What was skipped or recovered, one line each (empty when the file was clean).
        public var recoveryLines: [String] = []
        /// The times of the file's first and last records, seconds since the Unix epoch, when it had any.
        public var firstRecordTime: UInt32?
        public var lastRecordTime: UInt32?

        /// Creates a summary.
        public init(file: String, observations: Int = 0, recoveryLines: [String] = []) {
            self.file = file
            self.observations = observations
            self.recoveryLines = recoveryLines
        }
    }

    /// What loading read, for reports.
    public struct Report: Sendable {
        /// Each MRT file's summary.
        public var mrt: [FileSummary] = []
        /// Route observations added from MRT files.
        public var observations = 0
        /// Prefix-to-AS entries added.
        public var prefixToASEntries = 0
        /// AS relationship links added.
        public var relationshipLinks = 0
        /// The snapshot the topology was read from, when it came from the cache.
        public var snapshot: String?
        /// Why the snapshot could not be written, when it could not.
        public var cacheWarning: String?
        /// What replaying the updates to a time did, when the routes are a replay's.
        public var replay: ReplayReport?

        /// Creates an empty report.
        public init() {}
    }

    /// How far loading has got, for progress displays.
    public struct Progress: Sendable {
        /// What loading is doing.
        public enum Stage: Sendable, Hashable {
            /// Reading an MRT file.
            case readingMRT(file: String)
            /// Reading a prefix-to-AS file.
            case readingPrefixToAS(file: String)
            /// Building the graph from everything read (no counts: it is one pass over memory).
            case building
        }

        /// What loading is doing.
        public var stage: Stage
        /// Bytes of the file read so far (as stored, compressed or not).
        public var bytesRead: Int64
        /// The file's size, when known.
        public var bytesTotal: Int64?
        /// Routes (or entries) read from the file so far.
        public var items: Int
    }

    /// Reads every file and builds the topology, or reads the snapshot `cache` holds for these exact inputs
    /// (and writes one when it holds none).
    ///
    /// - Parameter progress: Called every 64 Ki routes, at the end of each MRT file, and before the graph is built.
    public static func load(
        mrt: [String], prefixToAS: [String] = [], relationships: String? = nil, cache: TopologyCache? = nil,
        progress: ((Progress) -> Void)? = nil
    ) throws -> (Topology, Report) {
        try load(mrt: mrt.map { MRTInput(path: $0) }, prefixToAS: prefixToAS, relationships: relationships, cache: cache,
                 progress: progress)
    }

    /// How many MRT files `load` reads at once unless told: one per two cores.
    public static var defaultFileReaders: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    /// Reads every file and builds the topology, or reads the snapshot `cache` holds for these exact inputs
    /// (and writes one when it holds none); each MRT file's sessions belong to its collector.
    ///
    /// - Parameter fileReaders: How many MRT files to read at once; the topology is the same for any
    ///   number. By default one per two cores: reading one file already keeps two busy (decompression
    ///   on one, decoding and building on the other; a large .bz2 file decompresses on every core),
    ///   and on two cores reading four files two at a time measured no faster and took 40-50% more
    ///   memory than one at a time (`Benchmarks/files.sh`).
    /// - Parameter cacheKey: `cache`'s key for these inputs, when the caller has it already (it
    ///   digests every input file).
    /// - Parameter replayTime: When given (seconds since the Unix epoch), the routes are those each
    ///   session held at that time: the RIB dumps with the updates up to the time replayed over
    ///   them (`RouteReplay`), each file's role as its input says. Otherwise every route of every
    ///   file is a route of the topology.
    public static func load(
        mrt: [MRTInput], prefixToAS: [String] = [], relationships: String? = nil, cache: TopologyCache? = nil,
        cacheKey: String? = nil, fileReaders: Int = defaultFileReaders, replayingTo replayTime: UInt32? = nil,
        progress: ((Progress) -> Void)? = nil
    ) throws -> (Topology, Report) {
        var key: String?
        if let cache {
            let inputKey = try cacheKey ?? cache.key(mrt: mrt, prefixToAS: prefixToAS, relationships: relationships,
                                                     replayTime: replayTime)
            key = inputKey
            if var cached = cache.snapshot(for: inputKey), cached.1.mrt.count == mrt.count {
                // The same content may have been moved or renamed since: report today's names.
                for index in mrt.indices { cached.1.mrt[index].file = mrt[index].path }
                return cached
            }
        }
        var (topology, report) = try build(mrt: mrt, prefixToAS: prefixToAS, relationships: relationships, fileReaders: fileReaders,
                                           replayTime: replayTime, progress: progress)
        if let cache, let key {
            // Computed once here and kept in the snapshot, not again by every warm run.
            if !topology.relationships.isEmpty { topology = topology.withPolicySummary() }
            do {
                try cache.store(topology, report: report, for: key)
            } catch {
                report.cacheWarning = "cannot write the snapshot (\(error)); the analysis goes on without it"
            }
        }
        return (topology, report)
    }

    private static func build(mrt: [MRTInput], prefixToAS: [String], relationships: String?, fileReaders: Int,
                              replayTime: UInt32?, progress: ((Progress) -> Void)?) throws -> (Topology, Report) {
        var builder = TopologyBuilder()
        var report = Report()
        let reference = ReferenceRead(prefixToAS: prefixToAS, relationships: relationships)
        do {
            if let replayTime {
                try replay(mrt, to: replayTime, into: &builder, report: &report, progress: progress)
            } else {
                try readMRT(mrt, into: &builder, report: &report, progress: progress, workers: fileReaders)
            }
        } catch {
            reference.cancel()
            throw error
        }
        return try finish(consume builder, report: report, routingFiles: mrt.map(\.path), reference: reference,
                          progress: progress)
    }

    /// Adds the reference data to the routes read and builds the topology.
    static func finish(_ builder: consuming TopologyBuilder, report: Report, routingFiles: [String], reference: ReferenceRead,
                       progress: ((Progress) -> Void)?) throws -> (Topology, Report) {
        var report = report
        // In a function of its own, so that what was read is released before the topology is built.
        let simulate = try addReference(reference, to: &builder, report: &report, routingFiles: routingFiles, progress: progress)
        if simulate {
            // No routing data: the routes the relationships imply stand in for it, so that every
            // metric has paths to measure (and says that they are simulated).
            progress?(Progress(stage: .building, bytesRead: 0, bytesTotal: nil, items: 0))
            builder.addSimulatedRoutes()
        }
        if let limit = builder.limitExceeded {
            throw TopologyLoadError(file: routingFiles.last ?? "", message: "the inputs hold \(limit)")
        }
        progress?(Progress(stage: .building, bytesRead: 0, bytesTotal: nil, items: 0))
        return ((consume builder).build(), report)
    }

    /// Adds what `reference` read to `builder`, and says whether routes are to be simulated (no
    /// routing file, but relationships and prefix origins).
    private static func addReference(_ reference: ReferenceRead, to builder: inout TopologyBuilder, report: inout Report,
                                     routingFiles: [String], progress: ((Progress) -> Void)?) throws -> Bool {
        let contents = try reference.take()
        for file in contents.prefixToAS {
            progress?(Progress(stage: .readingPrefixToAS(file: file.path), bytesRead: 0, bytesTotal: nil, items: file.entries))
            var start = 0
            // Scattered lookups of half a million prefixes: each asked for a few entries ahead.
            let ahead = 8
            for (index, prefix) in file.prefixes.enumerated() {
                if index + ahead < file.prefixes.count { builder.prefetchPrefix(file.prefixes[index + ahead]) }
                let end = file.originEnds[index]
                builder.add(prefix: prefix, origins: file.origins[start..<end])
                start = end
            }
            report.prefixToASEntries += file.entries
        }
        if let links = contents.relationships {
            builder.add(links)
            report.relationshipLinks = links.links.count
        }
        return routingFiles.isEmpty && contents.relationships != nil && !contents.prefixToAS.isEmpty
    }
}
