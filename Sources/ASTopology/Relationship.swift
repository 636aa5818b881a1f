/// How two ASes are related, from CAIDA's inference.
public enum Relationship: UInt8, Hashable, Sendable, Codable {
    /// The edge's tail sells transit to its head.
    case providerToCustomer
    /// Settlement-free peers.
    case peer
}
