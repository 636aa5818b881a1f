import InternetAddresses
import MRT

/// The routes each session of a set of collectors held at one time: the RIB dumps, with the
/// updates recorded after each dump and up to that time applied in order, as BGPStream's routing
/// tables do. An announcement replaces the session's route for its prefix (and add-path id), a
/// withdrawal removes it, and a session leaving the Established state drops all its routes.
///
/// The updates are read first (`applyUpdate`, `applyStateChange`), then each RIB route is asked
/// whether it still stands (`keepsRIBRoute`), then the routes the updates left are handed out
/// (`forEachRouteFromUpdates`). Memory grows with the routes the updates touch, not with the RIB.
public struct RouteReplay {
    /// The time replayed to, seconds since the Unix epoch; updates after it are left out.
    public let time: UInt32
    /// What the replay did so far.
    public private(set) var report: ReplayReport

    private struct Session: Hashable {
        var collector: String
        var address: IPAddress
        var asn: UInt32
    }

    private struct RouteKey: Hashable {
        var session: Int32
        var pathID: UInt32
        var prefix: IPPrefix
    }

    /// The last update of a route: when, in what reading order, and its path (-1: withdrawn).
    private struct Event {
        var time: UInt32
        var order: UInt64
        var path: Int32
    }

    private var sessionIndex: [Session: Int32] = [:]
    private var sessions: [Session] = []
    private var events: [RouteKey: Event] = [:]
    /// When each session last left the Established state.
    private var lastDown: [Int32: (time: UInt32, order: UInt64)] = [:]
    /// Paths as read, each stored once: the number of segments, each segment's kind and length,
    /// then the AS numbers (a path's segments come back exactly as announced).
    private var paths = SequenceInterner<UInt32>()
    private var encoded: [UInt32] = []
    private var order: UInt64 = 0

    /// BGP's Established state (RFC 4271), as MRT state changes number it (RFC 6396).
    static let established: UInt16 = 6

    /// A replay to `time` (seconds since the Unix epoch).
    public init(time: UInt32) {
        self.time = time
        report = ReplayReport(time: time)
    }

    private mutating func session(_ collector: String, _ address: IPAddress, _ asn: UInt32) -> Int32 {
        let key = Session(collector: collector, address: address, asn: asn)
        if let known = sessionIndex[key] { return known }
        let id = Int32(sessions.count)
        sessions.append(key)
        sessionIndex[key] = id
        return id
    }

    /// Applies one announcement or withdrawal of `collector`'s update files, read in time order.
    /// RIB entries are not updates: the caller keeps them for `keepsRIBRoute`.
    public mutating func applyUpdate(_ observation: PathObservation, collector: String) {
        guard observation.kind != .rib else { return }
        report.noteUpdate(collector: collector, at: observation.timestamp)
        guard observation.timestamp <= time else {
            report.updatesAfter += 1
            return
        }
        var path: Int32 = -1
        if observation.kind == .announcement {
            report.announcements += 1
            path = intern(observation.path)
        } else {
            report.withdrawals += 1
        }
        order += 1
        let key = RouteKey(session: session(collector, observation.peerAddress, observation.peerAS),
                           pathID: observation.pathID ?? 0, prefix: observation.prefix)
        let event = Event(time: observation.timestamp, order: order, path: path)
        if let previous = events[key], (previous.time, previous.order) > (event.time, event.order) { return }
        events[key] = event
    }

    /// Applies a state change of one of `collector`'s sessions at `timestamp`: leaving the
    /// Established state drops every route the session held.
    public mutating func applyStateChange(_ change: BGP4MPStateChange, at timestamp: UInt32, collector: String) {
        report.noteUpdate(collector: collector, at: timestamp)
        guard timestamp <= time else {
            report.updatesAfter += 1
            return
        }
        guard change.newState != Self.established else { return }
        // Any state but Established holds no routes; only leaving it is a reset (Active and
        // Connect flap while a session is down, and say nothing new).
        if change.oldState == Self.established { report.sessionsDown += 1 } else { report.otherStateChanges += 1 }
        order += 1
        lastDown[session(collector, change.peerAddress, change.peerAS)] = (timestamp, order)
    }

    /// Whether a route of `collector`'s RIB dump still stands at the replay's time: no update of
    /// the same route at or after the dump, and no session reset since. Call it for every RIB
    /// route, after every update was applied.
    public mutating func keepsRIBRoute(_ observation: PathObservation, collector: String) -> Bool {
        report.noteRIB(collector: collector, at: observation.timestamp)
        report.ribRoutes += 1
        // A session no update named has nothing to replay: most of a RIB's routes end here.
        guard let session = sessionIndex[Session(collector: collector, address: observation.peerAddress, asn: observation.peerAS)] else {
            report.ribKept += 1
            return true
        }
        let key = RouteKey(session: session, pathID: observation.pathID ?? 0, prefix: observation.prefix)
        if let event = events[key] {
            if event.time >= observation.timestamp {
                if event.path < 0 { report.ribWithdrawn += 1 } else { report.ribReplaced += 1 }
                return false
            }
            // The dump is newer than the route's last update: the dump stands for it.
            events[key] = nil
            report.updatesBeforeRIB += 1
        }
        if let down = lastDown[session], down.time >= observation.timestamp {
            report.ribDropped += 1
            return false
        }
        report.ribKept += 1
        return true
    }

    /// Hands out every route the updates left standing at the replay's time, in a fixed order (by
    /// collector, then session in reading order, prefix and add-path id), each with its collector.
    /// Announcements older than their collector's earliest RIB dump are left out: the dump
    /// supersedes them. Call it once, after every RIB route went through `keepsRIBRoute`.
    public mutating func forEachRouteFromUpdates(_ body: (String, PathObservation) -> Void) {
        var standing: [(key: RouteKey, event: Event)] = []
        for (key, event) in events where event.path >= 0 {
            let collector = sessions[Int(key.session)].collector
            if let dump = report.ribTime(of: collector), event.time < dump {
                report.updatesBeforeRIB += 1
                continue
            }
            if let down = lastDown[key.session], (down.time, down.order) > (event.time, event.order) {
                report.announcementsDropped += 1
                continue
            }
            standing.append((key, event))
        }
        standing.sort { lhs, rhs in
            let left = sessions[Int(lhs.key.session)], right = sessions[Int(rhs.key.session)]
            if left.collector != right.collector { return left.collector < right.collector }
            if lhs.key.session != rhs.key.session { return lhs.key.session < rhs.key.session }
            if lhs.key.prefix != rhs.key.prefix { return lhs.key.prefix < rhs.key.prefix }
            return lhs.key.pathID < rhs.key.pathID
        }
        report.routesFromUpdates = standing.count
        var asns: [UInt32] = []
        var segments: [ASPathView.Segment] = []
        for (key, event) in standing {
            decode(event.path, asns: &asns, segments: &segments)
            let session = sessions[Int(key.session)]
            asns.withUnsafeBufferPointer { asnBuffer in
                segments.withUnsafeBufferPointer { segmentBuffer in
                    body(session.collector, PathObservation(
                        kind: .announcement, timestamp: event.time, peerAddress: session.address, peerAS: session.asn,
                        prefix: key.prefix, pathID: key.pathID == 0 ? nil : key.pathID,
                        path: ASPathView(asns: asnBuffer, segments: segmentBuffer)))
                }
            }
        }
        events = [:]
    }

    private mutating func intern(_ path: ASPathView) -> Int32 {
        encoded.removeAll(keepingCapacity: true)
        encoded.append(UInt32(path.segments.count))
        for segment in path.segments {
            encoded.append(UInt32(segment.kind.rawValue))
            encoded.append(UInt32(segment.count))
        }
        encoded.append(contentsOf: path.asns)
        return encoded.withUnsafeBufferPointer { paths.intern($0).id }
    }

    private func decode(_ id: Int32, asns: inout [UInt32], segments: inout [ASPathView.Segment]) {
        let stored = paths[id]
        asns.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        var index = stored.startIndex
        let count = Int(stored[index])
        index += 1
        for _ in 0..<count {
            let kind = ASPathSegment.Kind(rawValue: UInt8(truncatingIfNeeded: stored[index])) ?? .sequence
            segments.append(ASPathView.Segment(kind: kind, count: Int(stored[index + 1])))
            index += 2
        }
        asns.append(contentsOf: stored[index...])
    }
}
