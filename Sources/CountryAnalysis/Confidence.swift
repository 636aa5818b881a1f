/// How far a country's path metrics can be trusted, from how many independent witnesses (distinct
/// vantage-point ASes) saw paths into it.
public enum Confidence: String, Codable, Sendable, Comparable, CaseIterable {
    /// No witness: nothing was seen on paths.
    case none
    /// One or two witnesses: one voice, or nearly.
    case low
    /// Three to nine.
    case medium
    /// Ten or more: enough for the trimmed mean to drop outliers on both sides.
    case high

    /// The level for `witnessASes` independent witnesses.
    public init(witnessASes: Int) {
        switch witnessASes {
        case ..<1: self = .none
        case 1...2: self = .low
        case 3...9: self = .medium
        default: self = .high
        }
    }

    private var order: Int {
        switch self {
        case .none: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.order < rhs.order }
}
