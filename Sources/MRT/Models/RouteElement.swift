import InternetAddresses

/// One route observation flattened out of a record: a RIB entry, an announcement or a withdrawal.
public struct RouteElement: Hashable, Sendable {
    /// What the element records.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A route in a RIB dump.
        case rib
        /// An announcement in an update.
        case announcement
        /// A withdrawal in an update.
        case withdrawal
    }

    /// What the element records.
    public var kind: Kind
    /// The record's time, seconds since the Unix epoch.
    public var timestamp: UInt32
    /// The microseconds of `_ET` records.
    public var microseconds: UInt32?
    /// The peer that sent the route to the collector.
    public var peerAddress: IPAddress
    /// The peer's AS.
    public var peerAS: UInt32
    /// The prefix.
    public var prefix: IPPrefix
    /// The add-path identifier, if any.
    public var pathID: UInt32?
    /// The AS path, AS4_PATH merged (nil for withdrawals).
    public var asPath: ASPath?
    /// The ORIGIN attribute.
    public var origin: Origin?
    /// The next hop: NEXT_HOP, or the MP_REACH_NLRI next hop for other families.
    public var nextHop: IPAddress?
    /// LOCAL_PREF.
    public var localPreference: UInt32?
    /// MULTI_EXIT_DISC.
    public var multiExitDiscriminator: UInt32?
    /// COMMUNITIES.
    public var communities: [Community]
    /// LARGE_COMMUNITY values.
    public var largeCommunities: [LargeCommunity]
    /// Whether ATOMIC_AGGREGATE is set.
    public var atomicAggregate: Bool
    /// The aggregator, AS4_AGGREGATOR applied.
    public var aggregator: Aggregator?

    /// Creates an element with the attributes of `attributes`.
    init(kind: Kind, timestamp: UInt32, microseconds: UInt32?, peerAddress: IPAddress, peerAS: UInt32,
         prefix: IPPrefix, pathID: UInt32?, attributes: PathAttributes?, nextHop: IPAddress?) {
        self.kind = kind
        self.timestamp = timestamp
        self.microseconds = microseconds
        self.peerAddress = peerAddress
        self.peerAS = peerAS
        self.prefix = prefix
        self.pathID = pathID
        asPath = attributes?.effectiveASPath
        origin = attributes?.origin
        self.nextHop = nextHop
        localPreference = attributes?.localPreference
        multiExitDiscriminator = attributes?.multiExitDiscriminator
        communities = attributes?.communities ?? []
        largeCommunities = attributes?.largeCommunities ?? []
        atomicAggregate = attributes?.atomicAggregate ?? false
        aggregator = attributes?.effectiveAggregator
    }

    /// The elements of `record`; RIB entries find their peer in `peers`.
    public static func elements(of record: MRTRecord, peers: PeerIndexTable?) -> [RouteElement] {
        let time = record.header.timestamp
        let micro = record.header.microseconds
        switch record.body {
        case .tableDump(let dump):
            return dump.entries.map { entry in
                RouteElement(kind: .rib, timestamp: time, microseconds: micro, peerAddress: entry.peerAddress,
                             peerAS: entry.peerAS, prefix: entry.prefix, pathID: nil, attributes: entry.attributes,
                             nextHop: nextHop(of: entry.attributes, family: entry.prefix.family))
            }
        case .rib(let rib):
            return rib.entries.compactMap { entry in
                guard let peer = peers?.peers.element(at: Int(entry.peerIndex)) else { return nil }
                return RouteElement(kind: .rib, timestamp: time, microseconds: micro, peerAddress: peer.address,
                                    peerAS: peer.asn, prefix: rib.prefix, pathID: entry.pathID,
                                    attributes: entry.attributes, nextHop: nextHop(of: entry.attributes, family: rib.family))
            }
        case .bgp4mpEntry(let entry):
            return [RouteElement(kind: .rib, timestamp: time, microseconds: micro, peerAddress: entry.peerAddress,
                                 peerAS: entry.peerAS, prefix: entry.prefix, pathID: nil, attributes: entry.attributes,
                                 nextHop: entry.nextHop)]
        case .bgp4mpMessage(let message):
            guard case .update(let update) = message.message else { return [] }
            return elements(of: update, time: time, micro: micro, peerAddress: message.peerAddress, peerAS: message.peerAS)
        case .legacyBGP(let legacy):
            guard case .message(.update(let update)) = legacy.content else { return [] }
            return elements(of: update, time: time, micro: micro, peerAddress: legacy.peerAddress, peerAS: legacy.peerAS)
        case .peerIndexTable, .bgp4mpStateChange:
            return []
        }
    }

    private static func elements(of update: BGPUpdate, time: UInt32, micro: UInt32?, peerAddress: IPAddress,
                                 peerAS: UInt32) -> [RouteElement] {
        var result: [RouteElement] = []
        let attributes = update.attributes
        func add(_ kind: Kind, _ entries: [NLRIEntry], _ nextHop: IPAddress?) {
            for entry in entries {
                result.append(RouteElement(kind: kind, timestamp: time, microseconds: micro, peerAddress: peerAddress,
                                           peerAS: peerAS, prefix: entry.prefix, pathID: entry.pathID,
                                           attributes: kind == .withdrawal ? nil : attributes, nextHop: nextHop))
            }
        }
        add(.withdrawal, update.withdrawn, nil)
        if let unreach = attributes.multiprotocolUnreach { add(.withdrawal, unreach.withdrawn, nil) }
        add(.announcement, update.announced, attributes.nextHop)
        if let reach = attributes.multiprotocolReach { add(.announcement, reach.announced, reach.nextHop) }
        return result
    }

    private static func nextHop(of attributes: PathAttributes, family: AddressFamily) -> IPAddress? {
        if family == .ipv6, let reach = attributes.multiprotocolReach { return reach.nextHop }
        return attributes.nextHop ?? attributes.multiprotocolReach?.nextHop
    }
}
