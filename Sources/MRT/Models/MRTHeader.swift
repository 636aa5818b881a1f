/// The common header of every MRT record (RFC 6396 section 2), with the extended-timestamp field.
public struct MRTHeader: Hashable, Sendable {
    /// Seconds since the Unix epoch.
    public var timestamp: UInt32
    /// Microseconds, present for the `_ET` record types.
    public var microseconds: UInt32?
    /// The record type.
    public var type: MRTRecordType
    /// The record subtype.
    public var subtype: UInt16
    /// The body length in bytes (without the microsecond field of `_ET` types).
    public var length: UInt32

    /// Creates a header.
    public init(timestamp: UInt32, microseconds: UInt32? = nil, type: MRTRecordType, subtype: UInt16, length: UInt32) {
        self.timestamp = timestamp
        self.microseconds = microseconds
        self.type = type
        self.subtype = subtype
        self.length = length
    }
}

/// An MRT record type code.
public struct MRTRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The deprecated BGP type of 1990s MRTd dumps (5).
    public static let bgp = MRTRecordType(rawValue: 5)
    /// TABLE_DUMP (12).
    public static let tableDump = MRTRecordType(rawValue: 12)
    /// TABLE_DUMP_V2 (13).
    public static let tableDumpV2 = MRTRecordType(rawValue: 13)
    /// BGP4MP (16).
    public static let bgp4mp = MRTRecordType(rawValue: 16)
    /// BGP4MP_ET (17), BGP4MP with a microsecond timestamp.
    public static let bgp4mpET = MRTRecordType(rawValue: 17)

    /// Types this package decodes.
    public static let decoded: Set<MRTRecordType> = [.bgp, .tableDump, .tableDumpV2, .bgp4mp, .bgp4mpET]

    /// Every type RFC 6396 and its predecessors define, decoded or not; used to tell a real header
    /// from damaged bytes.
    static let known: Set<UInt16> = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 32, 33, 48, 49]

    /// `known` as a bit per type (all are below 64), for the framer's search, which asks of every
    /// candidate offset in damaged data.
    static let knownMask: UInt64 = known.reduce(0) { $0 | 1 << UInt64($1) }

    /// Whether `type` is one of `known`.
    static func isKnown(_ type: UInt16) -> Bool {
        type < 64 && knownMask & (1 << UInt64(type)) != 0
    }

    public var description: String {
        switch self {
        case .bgp: return "BGP"
        case .tableDump: return "TABLE_DUMP"
        case .tableDumpV2: return "TABLE_DUMP_V2"
        case .bgp4mp: return "BGP4MP"
        case .bgp4mpET: return "BGP4MP_ET"
        default: return "type \(rawValue)"
        }
    }
}
