import InternetAddresses

/// A BGP4MP (or BGP4MP_ET) MESSAGE record: one BGP message between a collector and a peer.
public struct BGP4MPMessage: Hashable, Sendable {
    /// The peer's AS.
    public var peerAS: UInt32
    /// The collector's AS.
    public var localAS: UInt32
    /// The interface index.
    public var interfaceIndex: UInt16
    /// The peer's address.
    public var peerAddress: IPAddress
    /// The collector's address.
    public var localAddress: IPAddress
    /// Whether the message was sent by the collector (the `_LOCAL` subtypes) rather than received.
    public var isLocal: Bool
    /// Whether the session uses 4-byte AS numbers (the `_AS4` subtypes).
    public var usesFourByteASNs: Bool
    /// Whether NLRI carry add-path identifiers (the `_ADDPATH` subtypes, RFC 8050).
    public var isAddPath: Bool
    /// The message.
    public var message: BGPMessage

    /// Creates a message record.
    public init(peerAS: UInt32, localAS: UInt32, interfaceIndex: UInt16, peerAddress: IPAddress,
                localAddress: IPAddress, isLocal: Bool, usesFourByteASNs: Bool, isAddPath: Bool,
                message: BGPMessage) {
        self.peerAS = peerAS
        self.localAS = localAS
        self.interfaceIndex = interfaceIndex
        self.peerAddress = peerAddress
        self.localAddress = localAddress
        self.isLocal = isLocal
        self.usesFourByteASNs = usesFourByteASNs
        self.isAddPath = isAddPath
        self.message = message
    }
}

/// A BGP4MP (or BGP4MP_ET) STATE_CHANGE record.
public struct BGP4MPStateChange: Hashable, Sendable {
    /// The peer's AS.
    public var peerAS: UInt32
    /// The collector's AS.
    public var localAS: UInt32
    /// The interface index.
    public var interfaceIndex: UInt16
    /// The peer's address; `0.0.0.0` in the shortened records some Zebra versions wrote.
    public var peerAddress: IPAddress
    /// The collector's address.
    public var localAddress: IPAddress
    /// The FSM state before.
    public var oldState: UInt16
    /// The FSM state after.
    public var newState: UInt16

    /// Creates a state change.
    public init(peerAS: UInt32, localAS: UInt32, interfaceIndex: UInt16, peerAddress: IPAddress,
                localAddress: IPAddress, oldState: UInt16, newState: UInt16) {
        self.peerAS = peerAS
        self.localAS = localAS
        self.interfaceIndex = interfaceIndex
        self.peerAddress = peerAddress
        self.localAddress = localAddress
        self.oldState = oldState
        self.newState = newState
    }
}
