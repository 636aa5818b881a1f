import InternetAddresses

/// A record of the deprecated MRT type 5 (BGP), found in RIPE RIS archives of 1999 and 2000.
public struct LegacyBGPRecord: Hashable, Sendable {
    /// What the record holds.
    public enum Content: Hashable, Sendable {
        /// A BGP message (UPDATE, OPEN, NOTIFY or KEEPALIVE subtypes), without the BGP header.
        case message(BGPMessage)
        /// A state change of the session with the peer.
        case stateChange(oldState: UInt16, newState: UInt16)
        /// A subtype with no routing content (SYNC, PREF_UPDATE, NULL), kept as bytes.
        case other(bytes: [UInt8])
    }

    /// The subtype code.
    public var subtype: UInt16
    /// The peer's AS (the source of the message).
    public var peerAS: UInt32
    /// The peer's IPv4 address.
    public var peerAddress: IPAddress
    /// The collector's AS.
    public var localAS: UInt32
    /// The collector's IPv4 address.
    public var localAddress: IPAddress
    /// The content.
    public var content: Content

    /// Creates a record.
    public init(subtype: UInt16, peerAS: UInt32, peerAddress: IPAddress, localAS: UInt32,
                localAddress: IPAddress, content: Content) {
        self.subtype = subtype
        self.peerAS = peerAS
        self.peerAddress = peerAddress
        self.localAS = localAS
        self.localAddress = localAddress
        self.content = content
    }
}
