/// What a profile's path metrics were measured on.
public enum RouteBasis: String, Codable, Sendable {
    /// Routes that collectors' vantage points held (RIBs and updates).
    case observed
    /// Routes simulated over AS relationships from a few vantage points, where no routing data
    /// was read: one data set's inferences, however many vantage points stand in for it.
    case simulated
}
