import InternetAddresses

/// One line of an RIR delegation statistics file: a block of AS numbers or addresses given to a
/// holder in a country.
public struct DelegationRecord: Hashable, Sendable {
    /// What was delegated.
    public enum Resource: Hashable, Sendable {
        /// `count` AS numbers starting at `first`.
        case asns(first: UInt32, count: UInt32)
        /// An address range (IPv4 counts need not be powers of two; IPv6 blocks are prefixes).
        case addresses(IPAddressRange)
    }

    /// The registry that wrote the line (`afrinic`, `apnic`, `arin`, `lacnic`, `ripencc`).
    public var registry: String
    /// The holder's country; nil for unallocated or reserved space (`ZZ` or empty).
    public var country: CountryCode?
    /// The delegated resource.
    public var resource: Resource
    /// The delegation date, `YYYYMMDD` as written (may be empty or `00000000`).
    public var date: String
    /// `allocated`, `assigned`, `available` or `reserved`.
    public var status: String
    /// The extended format's opaque holder id: resources sharing it belong to one organisation.
    public var opaqueID: String?

    /// Whether the resource is in use by a holder (allocated or assigned).
    public var isDelegated: Bool { status == "allocated" || status == "assigned" }
}
