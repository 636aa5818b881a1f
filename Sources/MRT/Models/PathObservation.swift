import InternetAddresses

/// A route reduced to what the AS topology needs: who saw it, for which prefix, along which path.
///
/// Produced by `MRTReader.forEachPathObservation(_:)` without decoding any other attribute.
/// `path` borrows the reader's scratch memory: copy what you keep before the closure returns.
public struct PathObservation {
    /// A RIB entry, an announcement or a withdrawal (whose path is empty).
    public var kind: RouteElement.Kind
    /// The record's time.
    public var timestamp: UInt32
    /// The peer that sent the route to the collector.
    public var peerAddress: IPAddress
    /// The peer's AS.
    public var peerAS: UInt32
    /// The prefix.
    public var prefix: IPPrefix
    /// The add-path identifier, if any.
    public var pathID: UInt32?
    /// The AS path, AS4_PATH merged; valid only during the call that receives it.
    public var path: ASPathView

    /// Creates an observation; `path` must stay valid while the observation is used.
    public init(kind: RouteElement.Kind, timestamp: UInt32, peerAddress: IPAddress, peerAS: UInt32, prefix: IPPrefix,
                pathID: UInt32?, path: ASPathView) {
        self.kind = kind
        self.timestamp = timestamp
        self.peerAddress = peerAddress
        self.peerAS = peerAS
        self.prefix = prefix
        self.pathID = pathID
        self.path = path
    }
}

/// A borrowed view of an AS path: all AS numbers in order, and the segments that group them.
public struct ASPathView {
    /// Every AS number, nearest first, segments concatenated.
    public let asns: UnsafeBufferPointer<UInt32>
    /// The segments, in order; their lengths add up to `asns.count`.
    public let segments: UnsafeBufferPointer<Segment>

    /// A view of `asns` grouped by `segments` (whose counts must add up to `asns.count`); both
    /// must stay valid while the view is used.
    public init(asns: UnsafeBufferPointer<UInt32>, segments: UnsafeBufferPointer<Segment>) {
        self.asns = asns
        self.segments = segments
    }

    /// A segment: its kind and how many of `asns` it covers.
    public struct Segment: Hashable, Sendable {
        /// The segment kind.
        public var kind: ASPathSegment.Kind
        /// The number of AS numbers in the segment.
        public var count: Int

        /// Creates a segment of `count` AS numbers.
        public init(kind: ASPathSegment.Kind, count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    /// Whether every segment is an AS_SEQUENCE (no sets, no confederations).
    public var isPlainSequence: Bool {
        segments.allSatisfy { $0.kind == .sequence }
    }

    /// An owned copy.
    public var asPath: ASPath {
        var result: [ASPathSegment] = []
        var index = 0
        for segment in segments {
            result.append(ASPathSegment(kind: segment.kind, asns: Array(asns[index..<index + segment.count])))
            index += segment.count
        }
        return ASPath(segments: result)
    }
}
