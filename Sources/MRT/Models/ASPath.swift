/// A BGP AS path: segments of AS numbers.
public struct ASPath: Hashable, Sendable {
    /// The segments in order, nearest AS first.
    public var segments: [ASPathSegment]

    /// Creates a path from its segments.
    public init(segments: [ASPathSegment]) {
        self.segments = segments
    }

    /// Creates a path of one AS_SEQUENCE.
    public init(sequence: [UInt32]) {
        segments = sequence.isEmpty ? [] : [ASPathSegment(kind: .sequence, asns: sequence)]
    }

    /// The path length as RFC 4271 counts it for RFC 6793 merging: each AS in a sequence counts one,
    /// a whole set counts one, and confederation segments count too (as bgpdump counts them).
    public var routeCount: Int {
        segments.reduce(0) { total, segment in
            switch segment.kind {
            case .sequence, .confedSequence: return total + segment.asns.count
            case .set, .confedSet: return total + 1
            }
        }
    }

    /// Every AS number in order, segments flattened.
    public var flattened: [UInt32] { segments.flatMap(\.asns) }

    /// The origin AS: the last AS of the path when it ends in a sequence, or the only member of a
    /// final set of one; `nil` when the path is empty or ends in a larger set.
    public var origin: UInt32? {
        guard let last = segments.last else { return nil }
        switch last.kind {
        case .sequence, .confedSequence: return last.asns.last
        case .set, .confedSet: return last.asns.count == 1 ? last.asns[0] : nil
        }
    }

    /// Merges a 2-byte-session AS_PATH with its AS4_PATH per RFC 6793 section 4.2.3.
    ///
    /// When the AS4_PATH is longer than the AS_PATH it is ignored; otherwise the leading ASes of the
    /// AS_PATH that the AS4_PATH does not cover are kept and the AS4_PATH follows them.
    public func merging(as4Path: ASPath) -> ASPath {
        let keep = routeCount - as4Path.routeCount
        guard keep >= 0 else { return self }
        var merged: [ASPathSegment] = []
        var remaining = keep
        for segment in segments where remaining > 0 {
            switch segment.kind {
            case .set, .confedSet:
                merged.append(segment)
                remaining -= 1
            case .sequence, .confedSequence:
                let taken = Array(segment.asns.prefix(remaining))
                merged.append(ASPathSegment(kind: segment.kind, asns: taken))
                remaining -= taken.count
            }
        }
        return ASPath(segments: merged + as4Path.segments)
    }
}

/// One segment of an AS path.
public struct ASPathSegment: Hashable, Sendable {
    /// The segment types of RFC 4271 and RFC 5065.
    public enum Kind: UInt8, Hashable, Sendable {
        /// An unordered set (type 1).
        case set = 1
        /// An ordered sequence (type 2).
        case sequence = 2
        /// A confederation sequence (type 3).
        case confedSequence = 3
        /// A confederation set (type 4).
        case confedSet = 4
    }

    /// The segment type.
    public var kind: Kind
    /// The AS numbers.
    public var asns: [UInt32]

    /// Creates a segment.
    public init(kind: Kind, asns: [UInt32]) {
        self.kind = kind
        self.asns = asns
    }
}
