import ASTopology
import Foundation
import PublicArchives

/// What a replay of updates did, as lines for the user: the counts that make the state, and
/// every stretch of time whose updates the inputs lack.
public struct ReplayNotes: Sendable {
    /// The lines, the summary first.
    public var lines: [String]

    /// The notes of `replay`.
    public init(_ replay: ReplayReport) {
        let time = Self.time(replay.time)
        var lines = ["replayed to \(time): \(replay.routesAtTime) routes standing, \(replay.ribKept) of the RIB's "
                     + "\(replay.ribRoutes) unchanged (\(replay.ribReplaced) announced again, \(replay.ribWithdrawn) withdrawn, "
                     + "\(replay.ribDropped) dropped with their session) and \(replay.routesFromUpdates) from announcements; "
                     + "applied \(replay.announcements) announcements, \(replay.withdrawals) withdrawals and "
                     + "\(replay.sessionsDown) session resets (and \(replay.otherStateChanges) other changes to a state but Established); left out \(replay.updatesAfter) updates after \(time) and "
                     + "\(replay.updatesBeforeRIB) older than their collector's RIB"]
        for gap in replay.gaps {
            switch gap.kind {
            case .missing(let from, let to):
                lines.append("warning: \(gap.collector): no update from \(Self.time(from)) to \(Self.time(to)) in the inputs: "
                             + "the state at \(time) misses whatever changed then")
            case .noUpdates(let from):
                lines.append("warning: \(gap.collector): no update from its RIB of \(Self.time(from)) to \(time) in the inputs: "
                             + "its routes are the RIB's")
            case .noRIB(let first):
                lines.append("warning: \(gap.collector): updates but no RIB: its routes are only those announced from "
                             + "\(Self.time(first)) to \(time)")
            }
        }
        self.lines = lines
    }

    /// `YYYY-MM-DD HH:MM:SS UTC`, as update times have seconds.
    public static func time(_ seconds: UInt32) -> String {
        let date = UTCDate(secondsSinceEpoch: Int64(seconds))
        let second = Int(seconds % 60)
        return date.description.replacingOccurrences(of: " UTC", with: ":\(second < 10 ? "0" : "")\(second) UTC")
    }
}
