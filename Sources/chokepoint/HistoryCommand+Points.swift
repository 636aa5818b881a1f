import AnalysisPipeline
import ASTopology
import CaseStudies
import CountryAnalysis
import Dispatch
import Foundation
import PublicArchives
import ReferenceData

extension HistoryCommand {
    /// One point analysed: what identifies its data, the date the data are of, the profiles.
    struct AnalysedPoint: Sendable {
        var key: String
        var dataDate: String
        var profiles: [CountryProfile]
    }

    /// Analyses one point; nil when the archives cannot serve its date (said on standard error).
    static func analyse(_ inputs: AnalysisInputs, study: CaseStudy?, label: String, codes: [CountryCode]) throws -> AnalysedPoint? {
        let prepared: PreparedAnalysis, sources: [DataSource]
        do {
            (prepared, sources) = try inputs.prepare(study)
        } catch {
            // A date the archives cannot serve is left out, and said so; the others go on.
            guard study == nil else { throw error }
            printError("note: \(label) left out: \(error)")
            return nil
        }
        let ribs = sources.filter { $0.role == .rib }
        let relationships = sources.first { $0.role == .asRelationships }?.date.map { "relationships of " + $0.description.prefix(10) }
        var dataDate = ribs.compactMap(\.date).min().map(\.description)
            ?? (prepared.analyzer.topology.simulation != nil ? relationships ?? "relationships only" : "no RIB date")
        if let replay = prepared.load.replay {
            dataDate += " replayed to " + UTCDate(secondsSinceEpoch: Int64(replay.time)).description
        }
        // A replay's state depends on its time as well as its files.
        let key = sources.map(\.path).joined(separator: "\n") + (inputs.at.map { "\n" + $0 } ?? "")
        return AnalysedPoint(key: key, dataDate: dataDate, profiles: prepared.analyzer.profiles(of: codes))
    }

    /// Every point analysed, `jobs` at a time, each result in its point's place: the same results
    /// in the same order as one at a time, each point's topology let go once its profiles are made.
    static func analyseAll(_ sides: [(inputs: AnalysisInputs, study: CaseStudy?, label: String)], codes: [CountryCode],
                           jobs: Int) -> [Result<AnalysedPoint?, any Error>] {
        guard jobs > 1, sides.count > 1 else {
            return sides.map { side in Result { try analyse(side.inputs, study: side.study, label: side.label, codes: codes) } }
        }
        let work = HistoryPointQueue(sides: sides, codes: codes)
        // Threads of their own: a point's reading waits on Dispatch's pool (`DedicatedThread`).
        let workers = (0..<min(jobs, sides.count)).map { _ in
            DedicatedThread { work.drain() }
        }
        for worker in workers { worker.wait() }
        return work.results
    }

    /// The shards grouped by date, in date order: each day of a RIB shard is a date, and an update
    /// shard joins the date of its collector's latest RIB at or before it (or its own day).
    static func shardDates(_ paths: [String]) throws -> [(day: String, files: [String])] {
        let heads = try paths.map { path throws(ShardError) in try TopologyShard.header(path) }
        func day(_ time: UInt32?) -> String { String(UTCDate(secondsSinceEpoch: Int64(time ?? 0)).description.prefix(10)) }
        let ribs = heads.filter { $0.role == .rib }
        var groups: [String: [String]] = [:]
        for head in heads {
            var key = day(head.summary.firstRecordTime)
            if head.role == .updates, let time = head.summary.firstRecordTime {
                let before = ribs.compactMap { rib -> UInt32? in
                    guard rib.collector == head.collector, let ribTime = rib.summary.firstRecordTime, ribTime <= time else { return nil }
                    return ribTime
                }
                if let latest = before.max() { key = day(latest) }
            }
            groups[key, default: []].append(head.path)
        }
        return groups.keys.sorted().map { ($0, groups[$0] ?? []) }
    }
}
