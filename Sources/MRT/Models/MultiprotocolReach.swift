import InternetAddresses

/// The MP_REACH_NLRI attribute (type 14): reachable prefixes of another address family.
public struct MultiprotocolReach: Hashable, Sendable {
    /// The address family of the next hop and prefixes.
    public var family: AddressFamily
    /// The subsequent address family.
    public var subsequentFamily: SubsequentAddressFamily
    /// The next hop (the global one for IPv6).
    public var nextHop: IPAddress?
    /// The IPv6 link-local next hop, when the attribute carries two.
    public var linkLocalNextHop: IPAddress?
    /// The announced prefixes; empty in the abbreviated form that TABLE_DUMP_V2 RIB entries use.
    public var announced: [NLRIEntry]
    /// Whether the attribute was in the abbreviated RIB form (next hop only, RFC 6396 section 4.3.4).
    public var isAbbreviated: Bool
    /// The NLRI bytes of subsequent families whose NLRI are not plain prefixes (VPN, labelled).
    public var undecodedNLRI: [UInt8]

    /// Creates the attribute.
    public init(family: AddressFamily, subsequentFamily: SubsequentAddressFamily, nextHop: IPAddress?,
                linkLocalNextHop: IPAddress? = nil, announced: [NLRIEntry], isAbbreviated: Bool = false,
                undecodedNLRI: [UInt8] = []) {
        self.undecodedNLRI = undecodedNLRI
        self.family = family
        self.subsequentFamily = subsequentFamily
        self.nextHop = nextHop
        self.linkLocalNextHop = linkLocalNextHop
        self.announced = announced
        self.isAbbreviated = isAbbreviated
    }
}

/// The MP_UNREACH_NLRI attribute (type 15): withdrawn prefixes of another address family.
public struct MultiprotocolUnreach: Hashable, Sendable {
    /// The address family of the prefixes.
    public var family: AddressFamily
    /// The subsequent address family.
    public var subsequentFamily: SubsequentAddressFamily
    /// The withdrawn prefixes.
    public var withdrawn: [NLRIEntry]
    /// The NLRI bytes of subsequent families whose NLRI are not plain prefixes (VPN, labelled).
    public var undecodedNLRI: [UInt8]

    /// Creates the attribute.
    public init(family: AddressFamily, subsequentFamily: SubsequentAddressFamily, withdrawn: [NLRIEntry],
                undecodedNLRI: [UInt8] = []) {
        self.undecodedNLRI = undecodedNLRI
        self.family = family
        self.subsequentFamily = subsequentFamily
        self.withdrawn = withdrawn
    }
}
