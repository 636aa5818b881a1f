import ASTopology
import CaseStudies
import CountryAnalysis
import Foundation
import Geography
import PublicArchives
import ReferenceData

/// An analyzer ready for questions, with what preparing it read, skipped and recovered.
public struct PreparedAnalysis: Sendable {
    /// The analyzer.
    public var analyzer: CountryAnalyzer
    /// What loading the topology read (and whether it came from a snapshot).
    public var load: TopologyLoader.Report
    /// Lines to show the user: what was skipped or recovered, and what path hygiene did.
    public var notes: [String]
    /// AS names for labels: the names file's, then CAIDA's AS handles (empty when neither was given).
    public var names: [UInt32: String]
    /// Problems with the reference data that the figures inherit (a registry file cut short, a
    /// missing names file), for the report's data section.
    public var dataWarnings: [String]

    /// Reads the data sets (resolved to local files; the topology through `cache` when given) and
    /// prepares the analyzer. Each MRT file's vantage points belong to the collector its URL or path names.
    ///
    /// - Parameters:
    ///   - readsReferenceAlongside: Whether the reference data are read on another thread while the
    ///     topology loads; by default, when the MRT input is under `ReferenceInputs.overlapLimit`.
    ///   - replayTime: When given, the routes are those each session held at that time: the RIBs
    ///     with the updates up to it replayed over them (`RouteReplay`).
    ///   - shards: Shards (`TopologyShard`) whose merged routes stand for the sources' RIBs and updates.
    ///   - referenceCache: Where the parsed reference data are kept from run to run, when anywhere.
    ///   - progress: Called during each long step, from one thread at a time; a new step ends the last.
    public static func prepare(
        _ sources: [DataSource], geography source: PrefixGeographySource, cache: TopologyCache?,
        options: CountryAnalyzer.Options = CountryAnalyzer.Options(), readsReferenceAlongside: Bool? = nil,
        replayingTo replayTime: UTCDate? = nil, shards: [String] = [], referenceCache: ReferenceCache? = nil, progress: (@Sendable (PipelineEvent) -> Void)? = nil
    ) throws -> PreparedAnalysis {
        let data = CaseDataSets(sources: sources)
        let mrt = sources.filter { $0.role == .rib || $0.role == .updates }.map { source in
            MRTInput(path: source.path, collector: (Collector.of(location: source.location) ?? Collector.of(location: source.path))?.name ?? "",
                     role: source.role == .rib ? .rib : .updates)
        }
        let replaySeconds = try replayTime.map { time throws(PipelineError) in
            guard let seconds = UInt32(exactly: time.secondsSinceEpoch) else {
                throw PipelineError("cannot replay to \(time): MRT times run from 1970 to 2106")
            }
            return seconds
        }
        // The reference data do not depend on the routes: read them meanwhile, unless the routing
        // data are large and no snapshot holds their topology, when building it is the peak of
        // memory and the reference data would add to it (some 160 MB: 787 MB against 624 for a
        // cold run of 20M routes). Reading a snapshot costs far less.
        let mrtBytes = mrt.reduce(0) { total, input in
            total + ((try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0)
        }
        let cacheKey = try cache.map { try $0.key(mrt: mrt, prefixToAS: data.pfx2as, relationships: data.asRelationships, replayTime: replaySeconds) }
        let snapshotStored = cacheKey.map { cache?.hasSnapshot(for: $0) ?? false } ?? false
        let overlapping = readsReferenceAlongside ?? (snapshotStored || mrtBytes < ReferenceInputs.overlapLimit)
        let reference = overlapping ? ReferenceInputs.Pending { try ReferenceInputs.read(data, geography: source, cache: referenceCache) } : nil
        let loadProgress: (TopologyLoader.Progress) -> Void = { step in
            switch step.stage {
            case .readingMRT(let file):
                progress?(PipelineEvent(step: "reading \((file as NSString).lastPathComponent)", done: step.bytesRead,
                                        total: step.bytesTotal, items: step.items, itemName: "routes"))
            case .readingPrefixToAS(let file):
                progress?(PipelineEvent(step: "reading \((file as NSString).lastPathComponent)", items: step.items, itemName: "entries"))
            case .building:
                progress?(PipelineEvent(step: "building the AS graph"))
            }
        }
        var shardNotes: [String] = []
        let (topology, load): (Topology, TopologyLoader.Report)
        if shards.isEmpty {
            (topology, load) = try TopologyLoader.load(mrt: mrt, prefixToAS: data.pfx2as, relationships: data.asRelationships, cache: cache,
                                                       cacheKey: cacheKey, replayingTo: replaySeconds, progress: loadProgress)
        } else {
            let merged = try TopologyLoader.load(shards: shards, prefixToAS: data.pfx2as, relationships: data.asRelationships,
                                                 progress: loadProgress)
            (topology, load) = (merged.0, merged.1)
            shardNotes.append("routes from \(merged.2.count) shard\(merged.2.count == 1 ? "" : "s"), merged in order: "
                              + merged.2.map { "\($0.file) (\($0.collector.isEmpty ? "collector unknown" : $0.collector), \($0.role.rawValue))" }
                                .joined(separator: ", "))
        }
        var notes: [String] = shardNotes
        if let snapshot = load.snapshot { notes.append("path data from the snapshot \(snapshot)") }
        if let warning = load.cacheWarning { notes.append("warning: \(warning)") }
        for file in load.mrt {
            for line in file.recoveryLines { notes.append("\(file.file): \(line)") }
        }
        if let replay = load.replay { notes += ReplayNotes(replay).lines }
        let hygiene = topology.hygiene
        notes.append("paths: \(hygiene.paths) seen, \(hygiene.kept) kept (\(topology.routes.count) routes, \(topology.paths.count) distinct paths); prepending collapsed in \(hygiene.prependingCollapsed), "
                     + "\(hygiene.loopsDropped) with loops and \(hygiene.reservedDropped) with reserved ASNs dropped, "
                     + "\(hygiene.setsTruncated) cut at an AS_SET (\(hygiene.originUnknown) with the origin unknown)")
        progress?(PipelineEvent(step: "reading delegations and geography"))
        let inputs = try reference?.wait() ?? ReferenceInputs.read(data, geography: source, cache: referenceCache)
        if let snapshot = inputs.snapshot { notes.append("reference data from the snapshot \(snapshot)") }
        if let warning = inputs.cacheWarning { notes.append("warning: \(warning)") }
        let dataWarnings = inputs.warnings
        for warning in dataWarnings { notes.append("warning: \(warning)") }
        let analyzer = CountryAnalyzer(topology: topology, geography: inputs.geography, organisations: inputs.organisations, names: inputs.names,
                                       options: options)
        let relationshipsOnly = topology.simulation != nil
        if let simulation = topology.simulation {
            let share = simulation.routes > 0 ? Double(simulation.routesWithTies) / Double(simulation.routes) : 0
            notes.append("relationships only: no routing data was read, so every metric rests on routes simulated over CAIDA's "
                         + "relationships (customer > peer > provider, then the shortest, one best route per AS), as \(simulation.vantagePoints.count) "
                         + "vantage points would hold them: \(simulation.vantagePointBasis) (\(simulation.vantagePoints.map { "AS\($0)" }.joined(separator: " "))); "
                         + "\(simulation.routes) routes to \(simulation.prefixes - simulation.unroutedPrefixes) of \(simulation.prefixes) prefixes "
                         + "(\(simulation.unroutedPrefixes) whose origins no relationship reaches), \(String(format: "%.1f", share * 100))% "
                         + "with a tie between equally good next hops broken by hash; confidence is low throughout: one data set's inferences")
        } else if let policy = analyzer.policy {
            let census = policy.census
            notes.append("policy: \(census.valleyFree) of \(census.total) distinct paths valley-free under CAIDA's relationships, "
                         + "\(census.valley) with a valley, \(census.unknownLink) crossing a link CAIDA lacks; "
                         + "\(policy.inferred.links.count) such links inferred from the paths (\(policy.inferred.providerToCustomer) "
                         + "provider to customer, \(policy.inferred.peers) peers), each used only for the countries whose paths cross it")
        } else {
            notes.append("policy: no AS relationships, so no routing policy to simulate; policy metrics are left out")
        }
        // Simulated vantage points see what the relationships say, not a collector's view: the
        // note above says what they are, and a warning about their view would mislead.
        if !relationshipsOnly {
            for warning in analyzer.view().warnings { notes.append("warning: \(warning)") }
        }
        return PreparedAnalysis(analyzer: analyzer, load: load, notes: notes, names: analyzer.names, dataWarnings: dataWarnings)
    }
}
