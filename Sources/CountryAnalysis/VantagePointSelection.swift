import ASTopology
import InternetAddresses

/// Which vantage points enter the path metrics, and how they group into independent witnesses.
///
/// A vantage point is full-feed for a family when it has paths to at least `fullFeedShare` of the
/// prefixes of that family the largest vantage point has; by default only full-feed ones count,
/// since a partial feed sees its own customers' routes and would tilt every share toward them.
/// Vantage points of one AS (several sessions, several collectors) are one witness.
public struct VantagePointSelection: Sendable {
    /// Whether each vantage point is full-feed for IPv4.
    public let fullFeedIPv4: [Bool]
    /// Whether each vantage point is full-feed for IPv6.
    public let fullFeedIPv6: [Bool]
    /// Whether partial vantage points count too.
    public let includesPartial: Bool
    /// Each vantage point's witness: the index of its AS in `witnessASNs`.
    public let witness: [Int]
    /// The distinct vantage-point ASes.
    public let witnessASNs: [UInt32]
    /// Each vantage point's own AS as a node id, when the AS is in the topology.
    public let ownNode: [Int32?]

    /// Selects from `topology`'s vantage points.
    public init(topology: Topology, fullFeedShare: Double, includesPartial: Bool) {
        let records = topology.vantagePoints
        let largestIPv4 = records.map(\.ipv4Prefixes).max() ?? 0
        let largestIPv6 = records.map(\.ipv6Prefixes).max() ?? 0
        fullFeedIPv4 = records.map { largestIPv4 > 0 && Double($0.ipv4Prefixes) >= fullFeedShare * Double(largestIPv4) }
        fullFeedIPv6 = records.map { largestIPv6 > 0 && Double($0.ipv6Prefixes) >= fullFeedShare * Double(largestIPv6) }
        self.includesPartial = includesPartial
        var groups: [UInt32: Int] = [:]
        var asns: [UInt32] = []
        witness = records.map { record in
            let asn = record.vantagePoint.peerAS
            if let known = groups[asn] { return known }
            groups[asn] = asns.count
            asns.append(asn)
            return asns.count - 1
        }
        witnessASNs = asns
        ownNode = records.map { topology.nodeIndex[$0.vantagePoint.peerAS] }
    }

    /// Whether each vantage point's routes count for `family`.
    public func included(for family: AddressFamily) -> [Bool] {
        includesPartial ? fullFeedIPv4.map { _ in true } : (family == .ipv4 ? fullFeedIPv4 : fullFeedIPv6)
    }
}
