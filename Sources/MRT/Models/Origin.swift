/// The ORIGIN attribute's value.
public enum Origin: UInt8, Hashable, Sendable {
    /// Learned from an interior protocol (0).
    case igp = 0
    /// Learned from EGP (1).
    case egp = 1
    /// Learned some other way (2).
    case incomplete = 2
}
