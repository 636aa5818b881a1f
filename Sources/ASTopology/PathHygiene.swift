/// The cleaning rules applied to every observed AS path before it enters the topology, each counted.
///
/// 1. An AS_SET keeps the sequence before it; the origin is unknown unless the set has one member.
/// 2. A path holding a private, reserved or documentation AS number is dropped.
/// 3. Prepending (an AS repeated next to itself) is collapsed.
/// 4. A path with a loop (an AS appearing twice apart) is dropped.
public struct PathHygiene: Sendable {
    /// What the rules did, counted.
    public struct Report: Hashable, Sendable, Codable {
        /// Paths seen.
        public var paths = 0
        /// Paths kept.
        public var kept = 0
        /// Paths with prepending collapsed (kept).
        public var prependingCollapsed = 0
        /// Paths dropped for a loop.
        public var loopsDropped = 0
        /// Paths cut at an AS_SET (kept, up to the set).
        public var setsTruncated = 0
        /// Of those, paths whose origin stayed unknown (a set of several members).
        public var originUnknown = 0
        /// Paths dropped for a private, reserved or documentation AS number.
        public var reservedDropped = 0
        /// Empty paths (locally originated routes), dropped.
        public var emptyDropped = 0

        /// Creates zero counts.
        public init() {}

        /// Adds `other`'s counts to these.
        public mutating func add(_ other: Report) {
            paths += other.paths
            kept += other.kept
            prependingCollapsed += other.prependingCollapsed
            loopsDropped += other.loopsDropped
            setsTruncated += other.setsTruncated
            originUnknown += other.originUnknown
            reservedDropped += other.reservedDropped
            emptyDropped += other.emptyDropped
        }
    }

    /// Whether `asn` is private, reserved or for documentation: 0, the unresolved transition AS 23456,
    /// 64496-131071 (documentation, private, reserved) and 4200000000-4294967295 (private, reserved).
    public static func isReserved(_ asn: UInt32) -> Bool {
        asn == 0 || asn == 23456 || (64496...131_071).contains(asn) || asn >= 4_200_000_000
    }

    /// The cleaned path: AS numbers from the vantage point to the origin, and whether the last one
    /// is the origin (false when the path ended in a set of several members).
    public struct Cleaned: Hashable, Sendable {
        /// The AS numbers, nearest first.
        public var asns: [UInt32]
        /// Whether `asns.last` is the origin.
        public var originKnown: Bool

        /// Creates a cleaned path.
        public init(asns: [UInt32], originKnown: Bool) {
            self.asns = asns
            self.originKnown = originKnown
        }
    }

    /// Cleans `segments` (kind and AS numbers per segment), counting into `report`; nil when dropped.
    public static func clean(segments: [(isSet: Bool, asns: ArraySlice<UInt32>)], report: inout Report) -> Cleaned? {
        report.paths += 1
        var asns: [UInt32] = []
        var originKnown = true
        for segment in segments {
            if segment.isSet {
                report.setsTruncated += 1
                let members = Set(segment.asns)
                if members.count == 1, let only = members.first {
                    asns.append(only)
                } else {
                    originKnown = false
                    report.originUnknown += 1
                }
                break
            }
            asns.append(contentsOf: segment.asns)
        }
        var collapsed: [UInt32] = []
        collapsed.reserveCapacity(asns.count)
        let kept = asns.withUnsafeBufferPointer { keepsSequence($0, cleaned: &collapsed, report: &report) }
        return kept ? Cleaned(asns: collapsed, originKnown: originKnown) : nil
    }

    /// The same rules for a path of one AS_SEQUENCE (nearly every route's), without allocating:
    /// the cleaned path is written to `cleaned` (emptied first) and counted in `report`. Returns
    /// whether the path is kept. A full table brings a new raw path with every peer's every path,
    /// and the general form's arrays and set were a third of the time spent on each.
    public static func clean(plain asns: UnsafeBufferPointer<UInt32>, into cleaned: inout [UInt32],
                             report: inout Report) -> Bool {
        report.paths += 1
        return keepsSequence(asns, cleaned: &cleaned, report: &report)
    }

    /// Rules 2 to 4 on a sequence of AS numbers: `cleaned` (emptied first) gets it with prepending
    /// collapsed; returns whether it is kept, each outcome counted in `report`.
    private static func keepsSequence(_ asns: UnsafeBufferPointer<UInt32>, cleaned: inout [UInt32],
                                      report: inout Report) -> Bool {
        cleaned.removeAll(keepingCapacity: true)
        if asns.contains(where: isReserved) {
            report.reservedDropped += 1
            return false
        }
        for asn in asns where cleaned.last != asn { cleaned.append(asn) }
        if cleaned.count != asns.count { report.prependingCollapsed += 1 }
        if hasRepeat(cleaned) {
            report.loopsDropped += 1
            return false
        }
        if cleaned.isEmpty {
            report.emptyDropped += 1
            return false
        }
        report.kept += 1
        return true
    }

    /// Whether an AS occurs twice: pairwise for a path of usual length, by a set beyond.
    static func hasRepeat(_ asns: [UInt32]) -> Bool {
        guard asns.count <= 32 else { return Set(asns).count != asns.count }
        for i in asns.indices {
            for j in asns.index(after: i)..<asns.endIndex where asns[j] == asns[i] { return true }
        }
        return false
    }
}
