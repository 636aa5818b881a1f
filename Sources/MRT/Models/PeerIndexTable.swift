import InternetAddresses

/// The TABLE_DUMP_V2 PEER_INDEX_TABLE (RFC 6396 section 4.3.1), which RIB entries refer to by index.
public struct PeerIndexTable: Hashable, Sendable {
    /// The collector's BGP identifier.
    public var collectorID: UInt32
    /// The view name, often empty.
    public var viewName: String
    /// The peers, in index order.
    public var peers: [Peer]

    /// Creates a table.
    public init(collectorID: UInt32, viewName: String, peers: [Peer]) {
        self.collectorID = collectorID
        self.viewName = viewName
        self.peers = peers
    }

    /// One peer of the collector.
    public struct Peer: Hashable, Sendable {
        /// The peer's BGP identifier.
        public var bgpID: UInt32
        /// The peer's address.
        public var address: IPAddress
        /// The peer's AS.
        public var asn: UInt32

        /// Creates a peer.
        public init(bgpID: UInt32, address: IPAddress, asn: UInt32) {
            self.bgpID = bgpID
            self.address = address
            self.asn = asn
        }
    }
}
