/// A BGP community (RFC 1997): two 16-bit halves.
public struct Community: Hashable, Sendable, CustomStringConvertible {
    /// The 32-bit value.
    public var rawValue: UInt32

    /// Creates a community from its 32-bit value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The well-known NO_EXPORT community.
    public static let noExport = Community(rawValue: 0xFFFF_FF01)
    /// The well-known NO_ADVERTISE community.
    public static let noAdvertise = Community(rawValue: 0xFFFF_FF02)
    /// The well-known NO_EXPORT_SUBCONFED community, which bgpdump calls `local-AS`.
    public static let noExportSubconfed = Community(rawValue: 0xFFFF_FF03)

    /// `asn:value`, or the well-known names bgpdump prints.
    public var description: String {
        switch self {
        case .noExport: return "no-export"
        case .noAdvertise: return "no-advertise"
        case .noExportSubconfed: return "local-AS"
        default: return "\(rawValue >> 16):\(rawValue & 0xffff)"
        }
    }
}

/// A BGP large community (RFC 8092): global administrator and two local data parts.
public struct LargeCommunity: Hashable, Sendable, CustomStringConvertible {
    /// The global administrator, normally an AS number.
    public var globalAdministrator: UInt32
    /// The first local data part.
    public var localData1: UInt32
    /// The second local data part.
    public var localData2: UInt32

    /// Creates a large community.
    public init(globalAdministrator: UInt32, localData1: UInt32, localData2: UInt32) {
        self.globalAdministrator = globalAdministrator
        self.localData1 = localData1
        self.localData2 = localData2
    }

    public var description: String { "\(globalAdministrator):\(localData1):\(localData2)" }
}
