/// The AGGREGATOR (or AS4_AGGREGATOR) attribute: who aggregated the route.
public struct Aggregator: Hashable, Sendable {
    /// The aggregating AS.
    public var asn: UInt32
    /// The aggregating router's BGP identifier.
    public var address: UInt32

    /// Creates an aggregator.
    public init(asn: UInt32, address: UInt32) {
        self.asn = asn
        self.address = address
    }
}
