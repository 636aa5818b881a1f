/// What a replay of updates to a time did, and what its state rests on: the counts that add up to
/// the routes at that time, and each collector's dump and update times (so gaps can be named).
public struct ReplayReport: Sendable, Hashable {
    /// One collector's data in a replay: its earliest RIB dump, and the first and last update read.
    public struct CollectorSpan: Sendable, Hashable {
        /// The collector.
        public var collector: String
        /// The earliest RIB record's time, when the inputs hold a dump of this collector.
        public var ribTime: UInt32?
        /// The first update's time (any update read, after the replay's time too).
        public var firstUpdate: UInt32?
        /// The last update's time.
        public var lastUpdate: UInt32?

        /// Creates a span.
        public init(collector: String, ribTime: UInt32? = nil, firstUpdate: UInt32? = nil, lastUpdate: UInt32? = nil) {
            self.collector = collector
            self.ribTime = ribTime
            self.firstUpdate = firstUpdate
            self.lastUpdate = lastUpdate
        }
    }

    /// The time replayed to, seconds since the Unix epoch.
    public var time: UInt32
    /// RIB routes read.
    public var ribRoutes = 0
    /// RIB routes standing unchanged at the time.
    public var ribKept = 0
    /// RIB routes announced again after the dump (the new announcement stands for them).
    public var ribReplaced = 0
    /// RIB routes withdrawn after the dump.
    public var ribWithdrawn = 0
    /// RIB routes whose session went down after the dump.
    public var ribDropped = 0
    /// Announcements applied (at or before the time).
    public var announcements = 0
    /// Withdrawals applied.
    public var withdrawals = 0
    /// Session resets applied: state changes out of Established.
    public var sessionsDown = 0
    /// Other state changes to a state but Established applied (a session already down); they
    /// drop any route the session is still held to have.
    public var otherStateChanges = 0
    /// Updates and state changes after the time, left out.
    public var updatesAfter = 0
    /// Updates older than the dump of their collector, which supersedes them.
    public var updatesBeforeRIB = 0
    /// Announced routes that a later session reset dropped.
    public var announcementsDropped = 0
    /// Routes standing at the time that came from announcements.
    public var routesFromUpdates = 0
    /// Each collector's span, in the order first met.
    public var collectors: [CollectorSpan] = []

    /// An empty report for a replay to `time`.
    public init(time: UInt32) {
        self.time = time
    }

    /// The routes standing at the time.
    public var routesAtTime: Int { ribKept + routesFromUpdates }

    /// The earliest RIB dump time of `collector`, when the inputs hold one.
    public func ribTime(of collector: String) -> UInt32? {
        collectors.first { $0.collector == collector }?.ribTime
    }

    /// How long a span of updates may go without one before it is named as a gap: a collector
    /// writes an update file every 5 (RIPE RIS) or 15 (RouteViews) minutes, and a busy one has
    /// updates every minute.
    public static let gapAllowance: UInt32 = 900

    /// Where the state may miss changes: a collector whose updates start well after its dump or
    /// end well before the time, or that has updates and no dump.
    public var gaps: [Gap] {
        collectors.compactMap { span in
            guard let rib = span.ribTime else {
                return span.firstUpdate.flatMap { $0 <= time ? Gap(collector: span.collector, kind: .noRIB(firstUpdate: $0)) : nil }
            }
            guard rib < time else { return nil }
            guard let first = span.firstUpdate, first <= time else {
                return Gap(collector: span.collector, kind: .noUpdates(from: rib))
            }
            if first > rib + Self.gapAllowance { return Gap(collector: span.collector, kind: .missing(from: rib, to: first)) }
            if let last = span.lastUpdate, last < time, time - last > Self.gapAllowance {
                return Gap(collector: span.collector, kind: .missing(from: last, to: time))
            }
            return nil
        }
    }

    /// A stretch of time whose updates the inputs lack.
    public struct Gap: Sendable, Hashable {
        /// What is missing.
        public enum Kind: Sendable, Hashable {
            /// No update between the two times (seconds since the Unix epoch).
            case missing(from: UInt32, to: UInt32)
            /// No update at all from the dump's time to the replay's.
            case noUpdates(from: UInt32)
            /// Updates but no dump: the collector's routes are only those announced since `firstUpdate`.
            case noRIB(firstUpdate: UInt32)
        }

        /// The collector.
        public var collector: String
        /// What is missing.
        public var kind: Kind

        /// Creates a gap.
        public init(collector: String, kind: Kind) {
            self.collector = collector
            self.kind = kind
        }
    }

    mutating func noteUpdate(collector: String, at timestamp: UInt32) {
        let index = spanIndex(collector)
        collectors[index].firstUpdate = min(collectors[index].firstUpdate ?? timestamp, timestamp)
        collectors[index].lastUpdate = max(collectors[index].lastUpdate ?? timestamp, timestamp)
    }

    mutating func noteRIB(collector: String, at timestamp: UInt32) {
        let index = spanIndex(collector)
        collectors[index].ribTime = min(collectors[index].ribTime ?? timestamp, timestamp)
    }

    private mutating func spanIndex(_ collector: String) -> Int {
        // A replay has a handful of collectors: a scan beats hashing the name for every route.
        if let last = collectors.indices.last, collectors[last].collector == collector { return last }
        if let index = collectors.firstIndex(where: { $0.collector == collector }) { return index }
        collectors.append(CollectorSpan(collector: collector))
        return collectors.count - 1
    }
}
