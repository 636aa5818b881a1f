import Decompression
import Foundation

/// Snapshots of built topologies in a directory, keyed by the content of every input file, so that a
/// second analysis of the same inputs reads one binary file instead of parsing the RIBs again, and a
/// changed input (or a new build of the format) never gets a stale topology.
public struct TopologyCache: Sendable {
    /// Where snapshots are kept.
    public var directory: String
    /// The inputs' fingerprints remembered, so that a key does not read them whole every time.
    public var memo: FingerprintMemo?
    /// Where snapshots are handed to be written on another thread; nil to write them before
    /// `store` returns. Whoever sets it waits for them (`PendingSnapshots.wait()`).
    public var pending: PendingSnapshots?

    /// A cache in `directory` (created when the first snapshot is written), with the inputs'
    /// fingerprints remembered in `memo` when given, its snapshots written meanwhile by `pending`
    /// when given.
    public init(directory: String, memo: FingerprintMemo? = nil, pending: PendingSnapshots? = nil) {
        self.directory = directory
        self.memo = memo
        self.pending = pending
    }

    /// The key for a set of inputs: their roles, order, lengths and content digests, and the snapshot format.
    public func key(mrt: [String], prefixToAS: [String], relationships: String?) throws -> String {
        try key(mrt: mrt.map { MRTInput(path: $0) }, prefixToAS: prefixToAS, relationships: relationships)
    }

    /// The key for a set of inputs: their roles, order, collectors, lengths and content digests,
    /// the time they are replayed to (when they are), and the snapshot format.
    public func key(mrt: [MRTInput], prefixToAS: [String], relationships: String?, replayTime: UInt32? = nil) throws -> String {
        var description = "format \(TopologySnapshot.formatVersion)\n"
        if let replayTime { description += "replay \(replayTime)\n" }
        for input in mrt {
            let fingerprint = try memo?.fingerprint(of: input.path) ?? FileFingerprint(path: input.path)
            // A file's role changes what a replay makes of it, and nothing otherwise.
            let role = replayTime == nil ? "" : " \(input.role.rawValue)"
            description += "mrt \(input.collector.utf8.count):\(input.collector) \(fingerprint.length) \(fingerprint)\(role)\n"
        }
        for (role, paths) in [("pfx2as", prefixToAS), ("as-rel", relationships.map { [$0] } ?? [])] {
            for path in paths {
                let fingerprint = try memo?.fingerprint(of: path) ?? FileFingerprint(path: path)
                description += "\(role) \(fingerprint.length) \(fingerprint)\n"
            }
        }
        return FileFingerprint(bytes: Array(description.utf8)).description
    }

    /// Where the snapshot for `key` lives.
    public func path(for key: String) -> String {
        (directory as NSString).appendingPathComponent("topology-\(key).snapshot")
    }

    /// Whether a snapshot for `key` is stored (whole or not: reading it checks).
    public func hasSnapshot(for key: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: key))
    }

    /// The topology stored for `key`, when a whole snapshot for it exists.
    public func snapshot(for key: String) -> (Topology, TopologyLoader.Report)? {
        guard let found = TopologySnapshot.read(from: path(for: key), key: key) else { return nil }
        CacheFileUse.mark(path(for: key))
        return found
    }

    /// Stores a topology for `key`, written under a temporary name and renamed when complete: before
    /// returning, or by `pending` when set (whose `wait()` then gives a failure to write it).
    ///
    /// Snapshots that an earlier run left half-written (killed, or out of disk) are removed first:
    /// those of processes no longer running, and any older than a day.
    public func store(_ topology: Topology, report: TopologyLoader.Report, for key: String) throws(SnapshotWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SnapshotWriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        removeStalePartialSnapshots()
        if let pending {
            pending.write(topology, report: report, key: key, to: path(for: key))
        } else {
            try TopologySnapshot.write(topology, report: report, key: key, to: path(for: key))
        }
    }

    /// Removes half-written snapshots of processes that are gone, or older than a day; returns how many.
    @discardableResult
    public func removeStalePartialSnapshots(now: Date = Date()) -> Int {
        PartialFile.removeStale(in: directory, now: now)
    }
}
