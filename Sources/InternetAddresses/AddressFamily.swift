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
