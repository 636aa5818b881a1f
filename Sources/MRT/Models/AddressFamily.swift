/// An address family (AFI) as BGP and MRT number it.
public enum AddressFamily: UInt16, Hashable, Sendable, Codable, CustomStringConvertible {
    /// IPv4, AFI 1.
    case ipv4 = 1
    /// IPv6, AFI 2.
    case ipv6 = 2

    /// The longest prefix length this family allows.
    public var maximumPrefixLength: UInt8 { self == .ipv4 ? 32 : 128 }

    /// The size of an address in bytes.
    public var addressSize: Int { self == .ipv4 ? 4 : 16 }

    public var description: String { self == .ipv4 ? "IPv4" : "IPv6" }
}

/// A subsequent address family (SAFI).
public struct SubsequentAddressFamily: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Unicast forwarding, SAFI 1.
    public static let unicast = SubsequentAddressFamily(rawValue: 1)
    /// Multicast forwarding, SAFI 2.
    public static let multicast = SubsequentAddressFamily(rawValue: 2)
    /// Both unicast and multicast (an early, deprecated use), SAFI 3.
    public static let unicastAndMulticast = SubsequentAddressFamily(rawValue: 3)

    /// Whether NLRI of this family are plain prefixes (unicast, multicast, or both).
    public var hasPlainPrefixes: Bool { (1...3).contains(rawValue) }
}
