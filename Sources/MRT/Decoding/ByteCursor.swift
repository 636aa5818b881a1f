import InternetAddresses

/// Reads big-endian fields from a record body, checking every read against the end.
///
/// The cursor borrows the bytes; it must not outlive the buffer it was made from.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(bytes: UnsafeRawBufferPointer, position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    private func need(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingFailure) {
        if count > end - position {
            throw DecodingFailure(offset: position,
                                  message: "\(what()) needs \(count) bytes but only \(end - position) remain")
        }
    }

    mutating func readUInt8(_ what: @autoclosure () -> String) throws(DecodingFailure) -> UInt8 {
        try need(1, what())
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt16(_ what: @autoclosure () -> String) throws(DecodingFailure) -> UInt16 {
        try need(2, what())
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func readUInt32(_ what: @autoclosure () -> String) throws(DecodingFailure) -> UInt32 {
        try need(4, what())
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    mutating func readASN(size: Int, _ what: @autoclosure () -> String) throws(DecodingFailure) -> UInt32 {
        size == 4 ? try readUInt32(what()) : UInt32(try readUInt16(what()))
    }

    mutating func readIPv6(_ what: @autoclosure () -> String) throws(DecodingFailure) -> UInt128 {
        try need(16, what())
        var value: UInt128 = 0
        for index in 0..<16 {
            value = value << 8 | UInt128(bytes[position + index])
        }
        position += 16
        return value
    }

    mutating func readAddress(_ family: AddressFamily, _ what: @autoclosure () -> String) throws(DecodingFailure) -> IPAddress {
        family == .ipv4 ? .v4(try readUInt32(what())) : .v6(try readIPv6(what()))
    }

    mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingFailure) -> [UInt8] {
        try need(count, what())
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingFailure) {
        try need(count, what())
        position += count
    }

    /// Splits off the next `count` bytes as a cursor of their own, so a field cannot read past itself.
    mutating func subcursor(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingFailure) -> ByteCursor {
        try need(count, what())
        defer { position += count }
        return ByteCursor(bytes: bytes, position: position, end: position + count)
    }

    /// The bytes not read yet, without consuming them.
    var rest: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[position..<end])
    }

    /// Reads a prefix of `length` bits stored in the fewest whole bytes, as NLRI and RIB records store it.
    mutating func readPrefix(family: AddressFamily, length: UInt8, notes: inout DecodingNotes,
                             _ what: @autoclosure () -> String) throws(DecodingFailure) -> IPPrefix {
        guard length <= family.maximumPrefixLength else {
            throw DecodingFailure(offset: position - 1,
                                  message: "\(what()): prefix length \(length) exceeds \(family.maximumPrefixLength)")
        }
        let byteCount = (Int(length) + 7) / 8
        try need(byteCount, what())
        let address: IPAddress
        switch family {
        case .ipv4:
            var value: UInt32 = 0
            for index in 0..<4 {
                value = value << 8 | (index < byteCount ? UInt32(bytes[position + index]) : 0)
            }
            address = .v4(value)
        case .ipv6:
            var value: UInt128 = 0
            for index in 0..<16 {
                value = value << 8 | (index < byteCount ? UInt128(bytes[position + index]) : 0)
            }
            address = .v6(value)
        }
        position += byteCount
        let prefix = IPPrefix(address: address, length: length)
        if prefix.address != address { notes.hostBitsCleared += 1 }
        return prefix
    }
}

/// Why a record body could not be decoded, with the offset inside the body.
struct DecodingFailure: Error {
    var offset: Int
    var message: String
}

/// Things decoding tolerated and counted, reported with the totals.
public struct DecodingNotes: Hashable, Sendable, Codable {
    /// Prefixes whose bits past the prefix length were set, and were cleared.
    public var hostBitsCleared = 0
    /// BGP4MP state changes in the shortened 8-byte form some Zebra versions wrote.
    public var shortStateChanges = 0
    /// OPEN messages cut short inside their record; their fixed fields were kept.
    public var shortOpenMessages = 0
    /// BGP messages longer than their MRT record; the part present was decoded.
    public var truncatedMessages = 0
    /// NLRI fields ending inside a prefix; the partial prefix was dropped.
    public var truncatedPrefixes = 0
    /// NLRI fields written with add-path identifiers under a plain subtype, read as add-path.
    public var addPathInferred = 0
    /// MP_REACH_NLRI/MP_UNREACH_NLRI attributes of subsequent families other than unicast and
    /// multicast (VPN, labelled, flowspec); their NLRI were kept undecoded.
    public var otherFamilyAttributes = 0
    /// AS_PATH or AS4_PATH attributes that could not be read as segments; the path was left out.
    public var malformedASPaths = 0

    /// Creates zero counts.
    public init() {}

    /// The total of all counts.
    public var total: Int {
        hostBitsCleared + truncatedPrefixes + addPathInferred + otherFamilyAttributes + shortStateChanges + shortOpenMessages + truncatedMessages + malformedASPaths
    }
}
