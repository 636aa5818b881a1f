/// A BGP message (RFC 4271 section 4).
public enum BGPMessage: Hashable, Sendable {
    /// OPEN.
    case open(BGPOpen)
    /// UPDATE.
    case update(BGPUpdate)
    /// NOTIFICATION.
    case notification(code: UInt8, subcode: UInt8, data: [UInt8])
    /// KEEPALIVE.
    case keepalive
    /// ROUTE-REFRESH or another type, kept as bytes.
    case other(type: UInt8, bytes: [UInt8])
}

/// A BGP OPEN message.
public struct BGPOpen: Hashable, Sendable {
    /// The protocol version.
    public var version: UInt8
    /// "My Autonomous System" (23456 when the speaker has a 4-byte AS).
    public var myAS: UInt16
    /// The hold time in seconds.
    public var holdTime: UInt16
    /// The BGP identifier.
    public var bgpID: UInt32
    /// The optional parameters, undecoded.
    public var optionalParameters: [UInt8]

    /// Creates an OPEN message.
    public init(version: UInt8, myAS: UInt16, holdTime: UInt16, bgpID: UInt32, optionalParameters: [UInt8]) {
        self.version = version
        self.myAS = myAS
        self.holdTime = holdTime
        self.bgpID = bgpID
        self.optionalParameters = optionalParameters
    }
}

/// A BGP UPDATE message.
public struct BGPUpdate: Hashable, Sendable {
    /// Withdrawn IPv4 routes.
    public var withdrawn: [NLRIEntry]
    /// The path attributes, including any MP_REACH_NLRI and MP_UNREACH_NLRI.
    public var attributes: PathAttributes
    /// Announced IPv4 routes.
    public var announced: [NLRIEntry]

    /// Creates an UPDATE message.
    public init(withdrawn: [NLRIEntry], attributes: PathAttributes, announced: [NLRIEntry]) {
        self.withdrawn = withdrawn
        self.attributes = attributes
        self.announced = announced
    }
}
