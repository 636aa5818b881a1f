import InternetAddresses

/// A vantage point: one BGP session of one collector, whose routes are one witness of how the
/// Internet reaches each prefix. Two sessions of one peer at two collectors are two vantage points.
public struct VantagePoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The collector (`route-views2`, `rrc01`), or empty when the file's collector is unknown.
    public var collector: String
    /// The peer's address on the session.
    public var peerAddress: IPAddress
    /// The peer's AS.
    public var peerAS: UInt32

    /// Creates a vantage point.
    public init(collector: String, peerAddress: IPAddress, peerAS: UInt32) {
        self.collector = collector
        self.peerAddress = peerAddress
        self.peerAS = peerAS
    }

    public static func < (lhs: VantagePoint, rhs: VantagePoint) -> Bool {
        (lhs.collector, lhs.peerAS, lhs.peerAddress) < (rhs.collector, rhs.peerAS, rhs.peerAddress)
    }

    public var description: String {
        "\(collector.isEmpty ? "(unknown collector)" : collector) AS\(peerAS) \(peerAddress)"
    }
}

/// What one vantage point contributed.
public struct VantagePointRecord: Hashable, Sendable {
    /// The session.
    public var vantagePoint: VantagePoint
    /// Routes read from it (RIB entries and announcements, before deduplication and path hygiene).
    public var routesRead: Int
    /// Distinct IPv4 prefixes it has a kept path to.
    public var ipv4Prefixes: Int
    /// Distinct IPv6 prefixes it has a kept path to.
    public var ipv6Prefixes: Int

    /// Creates a record.
    public init(vantagePoint: VantagePoint, routesRead: Int, ipv4Prefixes: Int = 0, ipv6Prefixes: Int = 0) {
        self.vantagePoint = vantagePoint
        self.routesRead = routesRead
        self.ipv4Prefixes = ipv4Prefixes
        self.ipv6Prefixes = ipv6Prefixes
    }
}
