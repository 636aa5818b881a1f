import InternetAddresses

/// A TABLE_DUMP_V2 RIB record (RFC 6396 section 4.3.2, RFC 8050): one prefix as each peer has it.
public struct RIBRecord: Hashable, Sendable {
    /// The address family.
    public var family: AddressFamily
    /// The subsequent address family.
    public var subsequentFamily: SubsequentAddressFamily
    /// Whether entries carry add-path identifiers (RFC 8050 subtypes).
    public var isAddPath: Bool
    /// Whether this came from a RIB_GENERIC record.
    public var isGeneric: Bool
    /// The sequence number.
    public var sequenceNumber: UInt32
    /// The prefix.
    public var prefix: IPPrefix
    /// One entry per peer (or per path, with add-path).
    public var entries: [RIBEntry]

    /// Creates a record.
    public init(family: AddressFamily, subsequentFamily: SubsequentAddressFamily, isAddPath: Bool,
                isGeneric: Bool, sequenceNumber: UInt32, prefix: IPPrefix, entries: [RIBEntry]) {
        self.family = family
        self.subsequentFamily = subsequentFamily
        self.isAddPath = isAddPath
        self.isGeneric = isGeneric
        self.sequenceNumber = sequenceNumber
        self.prefix = prefix
        self.entries = entries
    }
}

/// One peer's route in a RIB record.
public struct RIBEntry: Hashable, Sendable {
    /// The index of the peer in the peer index table.
    public var peerIndex: UInt16
    /// When the route was learned.
    public var originatedTime: UInt32
    /// The add-path identifier, with the add-path subtypes.
    public var pathID: UInt32?
    /// The route's attributes.
    public var attributes: PathAttributes

    /// Creates an entry.
    public init(peerIndex: UInt16, originatedTime: UInt32, pathID: UInt32?, attributes: PathAttributes) {
        self.peerIndex = peerIndex
        self.originatedTime = originatedTime
        self.pathID = pathID
        self.attributes = attributes
    }
}
