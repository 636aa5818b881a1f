/// The Renesys tiers, from the number of border ASes.
public enum ResilienceTier: String, Codable, Sendable, CaseIterable {
    /// 1-2 border ASes.
    case severe
    /// 3-9.
    case significant
    /// 10-40.
    case low
    /// More than 40.
    case resistant
    /// No border AS seen.
    case unconnected

    /// The tier for `borderCount` border ASes.
    public init(borderCount: Int) {
        switch borderCount {
        case 0: self = .unconnected
        case 1...2: self = .severe
        case 3...9: self = .significant
        case 10...40: self = .low
        default: self = .resistant
        }
    }

    /// The band of border counts, for legends and the README.
    public var band: String {
        switch self {
        case .severe: return "1-2"
        case .significant: return "3-9"
        case .low: return "10-40"
        case .resistant: return "more than 40"
        case .unconnected: return "0"
        }
    }
}
