import InternetAddresses

/// A BGP4MP ENTRY record (subtype 2): one RIB route, as OpenBGPD's `table-mp` dumps write them.
public struct BGP4MPEntry: Hashable, Sendable {
    /// The peer's AS.
    public var peerAS: UInt32
    /// The collector's AS.
    public var localAS: UInt32
    /// The peer's address.
    public var peerAddress: IPAddress
    /// The collector's address.
    public var localAddress: IPAddress
    /// The view number.
    public var viewNumber: UInt16
    /// The status field.
    public var status: UInt16
    /// When the route last changed.
    public var originatedTime: UInt32
    /// The subsequent address family.
    public var subsequentFamily: SubsequentAddressFamily
    /// The next hop.
    public var nextHop: IPAddress?
    /// The prefix.
    public var prefix: IPPrefix
    /// The route's attributes.
    public var attributes: PathAttributes

    /// Creates an entry.
    public init(peerAS: UInt32, localAS: UInt32, peerAddress: IPAddress, localAddress: IPAddress, viewNumber: UInt16,
                status: UInt16, originatedTime: UInt32, subsequentFamily: SubsequentAddressFamily, nextHop: IPAddress?,
                prefix: IPPrefix, attributes: PathAttributes) {
        self.peerAS = peerAS
        self.localAS = localAS
        self.peerAddress = peerAddress
        self.localAddress = localAddress
        self.viewNumber = viewNumber
        self.status = status
        self.originatedTime = originatedTime
        self.subsequentFamily = subsequentFamily
        self.nextHop = nextHop
        self.prefix = prefix
        self.attributes = attributes
    }
}
