import InternetAddresses

/// The path attributes of a route or an UPDATE message.
///
/// Well-known and common attributes are decoded into fields; any other attribute is kept as raw
/// bytes in `otherAttributes`, so nothing the input carried is lost.
public struct PathAttributes: Hashable, Sendable {
    /// ORIGIN (type 1).
    public var origin: Origin?
    /// AS_PATH (type 2), decoded with the AS number size of its session.
    public var asPath: ASPath?
    /// NEXT_HOP (type 3).
    public var nextHop: IPAddress?
    /// MULTI_EXIT_DISC (type 4).
    public var multiExitDiscriminator: UInt32?
    /// LOCAL_PREF (type 5).
    public var localPreference: UInt32?
    /// Whether ATOMIC_AGGREGATE (type 6) is present.
    public var atomicAggregate: Bool = false
    /// AGGREGATOR (type 7).
    public var aggregator: Aggregator?
    /// COMMUNITIES (type 8).
    public var communities: [Community]?
    /// ORIGINATOR_ID (type 9).
    public var originatorID: UInt32?
    /// CLUSTER_LIST (type 10).
    public var clusterList: [UInt32]?
    /// MP_REACH_NLRI (type 14).
    public var multiprotocolReach: MultiprotocolReach?
    /// MP_UNREACH_NLRI (type 15).
    public var multiprotocolUnreach: MultiprotocolUnreach?
    /// AS4_PATH (type 17), present on 2-byte sessions that relay 4-byte AS numbers.
    public var as4Path: ASPath?
    /// AS4_AGGREGATOR (type 18).
    public var as4Aggregator: Aggregator?
    /// LARGE_COMMUNITY (type 32).
    public var largeCommunities: [LargeCommunity]?
    /// Every other attribute, undecoded.
    public var otherAttributes: [RawAttribute] = []
    /// Whether the AS numbers of `asPath` and `aggregator` were 4 bytes on the wire.
    public var usesFourByteASNs: Bool = true
    /// Problems found and tolerated while decoding, such as a malformed AS_PATH; empty normally.
    public var warnings: [String] = []

    /// Creates empty attributes.
    public init() {}

    /// The AS path with AS4_PATH merged in where RFC 6793 asks for it (2-byte sessions only).
    public var effectiveASPath: ASPath? {
        guard let asPath else { return nil }
        if !usesFourByteASNs, let as4Path {
            return asPath.merging(as4Path: as4Path)
        }
        return asPath
    }

    /// The aggregator with AS4_AGGREGATOR applied where RFC 6793 asks for it (AGGREGATOR AS 23456).
    public var effectiveAggregator: Aggregator? {
        if !usesFourByteASNs, let aggregator, aggregator.asn == 23456, let as4Aggregator {
            return as4Aggregator
        }
        return aggregator
    }
}

/// A path attribute kept as it was on the wire.
public struct RawAttribute: Hashable, Sendable {
    /// The attribute flags octet.
    public var flags: UInt8
    /// The attribute type code.
    public var typeCode: UInt8
    /// The attribute value.
    public var value: [UInt8]

    /// Creates a raw attribute.
    public init(flags: UInt8, typeCode: UInt8, value: [UInt8]) {
        self.flags = flags
        self.typeCode = typeCode
        self.value = value
    }
}
