import ReferenceData

/// Where an AS number is registered: its RIR record.
public struct ASRegistration: Hashable, Sendable {
    /// The holder's country.
    public var country: CountryCode
    /// The registry (`apnic`, `ripencc`, ...).
    public var registry: String
    /// The extended files' holder id: ASes sharing it belong to one organisation.
    public var organisation: String?
    /// Whether the record came from a second file filling in for a registry file cut short.
    public var filled: Bool = false

    /// A registration from its parts.
    public init(country: CountryCode, registry: String, organisation: String?, filled: Bool = false) {
        self.country = country
        self.registry = registry
        self.organisation = organisation
        self.filled = filled
    }
}
