import InternetAddresses

/// One prefix of an NLRI field, with its path identifier when add-path (RFC 7911) is in use.
public struct NLRIEntry: Hashable, Sendable {
    /// The prefix, host bits cleared.
    public var prefix: IPPrefix
    /// The add-path identifier, or `nil` without add-path.
    public var pathID: UInt32?

    /// Creates an entry.
    public init(prefix: IPPrefix, pathID: UInt32? = nil) {
        self.prefix = prefix
        self.pathID = pathID
    }
}
