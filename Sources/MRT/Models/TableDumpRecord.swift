import InternetAddresses

/// A TABLE_DUMP record (type 12, RFC 6396 section 4.2).
public struct TableDumpRecord: Hashable, Sendable {
    /// The view number.
    public var viewNumber: UInt16
    /// The sequence number.
    public var sequenceNumber: UInt16
    /// The entries. RFC 6396 has one per record; early RIS dumps packed several.
    public var entries: [TableDumpEntry]

    /// Creates a record.
    public init(viewNumber: UInt16, sequenceNumber: UInt16, entries: [TableDumpEntry]) {
        self.viewNumber = viewNumber
        self.sequenceNumber = sequenceNumber
        self.entries = entries
    }
}

/// One route of a TABLE_DUMP record.
public struct TableDumpEntry: Hashable, Sendable {
    /// The prefix.
    public var prefix: IPPrefix
    /// The status octet (unused, normally 1).
    public var status: UInt8
    /// When the route was learned.
    public var originatedTime: UInt32
    /// The peer's address.
    public var peerAddress: IPAddress
    /// The peer's AS.
    public var peerAS: UInt32
    /// The route's attributes.
    public var attributes: PathAttributes

    /// Creates an entry.
    public init(prefix: IPPrefix, status: UInt8, originatedTime: UInt32, peerAddress: IPAddress,
                peerAS: UInt32, attributes: PathAttributes) {
        self.prefix = prefix
        self.status = status
        self.originatedTime = originatedTime
        self.peerAddress = peerAddress
        self.peerAS = peerAS
        self.attributes = attributes
    }
}
