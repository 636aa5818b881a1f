import ASTopology
import CountryAnalysis
import Foundation
import Geography
import ReferenceData

/// An analyzer ready for questions, with what preparing it read, skipped and recovered.
public struct PreparedAnalysis: Sendable {
    /// The analyzer.
    public var analyzer: CountryAnalyzer
    /// The files it read.
    public var inputs: AnalysisInputFiles
    /// What loading the topology read (and whether it came from a snapshot).
    public var load: TopologyLoader.Report
    /// Lines to show the user: what was skipped or recovered, and what path hygiene did.
    public var notes: [String]
    /// AS names for labels (empty when no names file was given).
    public var names: [UInt32: String]

    /// Reads the inputs (the topology through `cache` when given) and prepares the analyzer.
    ///
    /// - Parameter progress: Called during each long step; never from more than one thread at a time.
    public static func prepare(
        _ inputs: AnalysisInputFiles, cache: TopologyCache?, progress: (@Sendable (PipelineEvent) -> Void)? = nil
    ) throws -> PreparedAnalysis {
        for file in inputs.all where !FileManager.default.fileExists(atPath: file) {
            throw ReferenceDataError(file: file, message: "no such file")
        }
        var lastFile = ""
        let (topology, load) = try TopologyLoader.load(
            mrt: inputs.rib + inputs.updates, prefixToAS: inputs.pfx2as, relationships: inputs.asRelationships, cache: cache
        ) { step in
            let name = (step.file as NSString).lastPathComponent
            if step.file != lastFile, !lastFile.isEmpty {
                progress?(PipelineEvent(step: "reading \((lastFile as NSString).lastPathComponent)", done: 0, total: nil, items: 0,
                                        itemName: "routes", isFinished: true))
            }
            lastFile = step.file
            progress?(PipelineEvent(step: "reading \(name)", done: step.bytesTotal == nil ? Int64(step.items) : step.bytesRead,
                                    total: step.bytesTotal, items: step.items, itemName: "routes"))
        }
        if !lastFile.isEmpty {
            progress?(PipelineEvent(step: "reading \((lastFile as NSString).lastPathComponent)", done: 0, total: nil, items: 0,
                                    itemName: "routes", isFinished: true))
        }
        var notes: [String] = []
        if let snapshot = load.snapshot { notes.append("path data from the snapshot \(snapshot)") }
        if let warning = load.cacheWarning { notes.append("warning: \(warning)") }
        for file in load.mrt {
            for line in file.recoveryLines { notes.append("\(file.file): \(line)") }
        }
        let hygiene = topology.hygiene
        notes.append("paths: \(hygiene.paths) seen, \(hygiene.kept) kept; prepending collapsed in \(hygiene.prependingCollapsed), "
                     + "\(hygiene.loopsDropped) with loops and \(hygiene.reservedDropped) with reserved ASNs dropped, "
                     + "\(hygiene.setsTruncated) cut at an AS_SET (\(hygiene.originUnknown) with the origin unknown)")
        progress?(PipelineEvent(step: "reading delegations and geography", done: 0, total: nil, items: 0, itemName: "files"))
        let delegations = try Delegations.load(inputs.delegated)
        for warning in delegations.warnings { notes.append("warning: \(warning)") }
        let geography = try Geography(delegations: delegations, source: inputs.geography)
        progress?(PipelineEvent(step: "reading delegations and geography", done: 0, total: nil, items: 0, itemName: "files",
                                isFinished: true))
        let names = try inputs.asNames.map { try ASNamesFile.read($0) } ?? [:]
        return PreparedAnalysis(analyzer: CountryAnalyzer(topology: topology, geography: geography), inputs: inputs,
                                load: load, notes: notes, names: names)
    }
}
