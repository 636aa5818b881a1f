import InternetAddresses

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
