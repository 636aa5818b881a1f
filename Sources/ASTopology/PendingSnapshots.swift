import Dispatch
import Synchronization

/// Snapshots written on a thread of their own while the analysis of the topology goes on, to be
/// waited for before the process ends.
///
/// Writing a full table's snapshot (533 MB at 120 peers) took 0.5 s, then about 1 s blocked in the
/// kernel's writeback, before any country was analysed. The snapshot is written under a temporary
/// name and renamed when whole, so a process that ends without waiting leaves no snapshot under a
/// final name, only a partial file the next run removes.
public final class PendingSnapshots: Sendable {
    private let queue = DispatchQueue(label: "chokepoint.snapshots")
    private let failures = Mutex<[SnapshotWriteError]>([])

    /// Nothing pending yet.
    public init() {}

    /// Writes `topology`'s snapshot to `path` on the writing thread. A write still under way is
    /// waited for first, so that at most one topology is held for writing besides the caller's (a
    /// history of many dates loads one after another).
    func write(_ topology: Topology, report: TopologyLoader.Report, key: String, to path: String) {
        queue.sync {}
        queue.async { [self] in
            do throws(SnapshotWriteError) {
                try TopologySnapshot.write(topology, report: report, key: key, to: path)
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
    }

    /// Waits for every write under way, and gives the writes that failed since the last call.
    public func wait() -> [SnapshotWriteError] {
        queue.sync {}
        return failures.withLock { stored in
            defer { stored = [] }
            return stored
        }
    }
}
