/// Why a shard could not be read: the file, the byte offset, and what was wrong.
public struct ShardError: Error, Sendable, CustomStringConvertible {
    /// The shard file.
    public var path: String
    /// Where in it reading stopped.
    public var offset: Int
    /// What was wrong.
    public var reason: String

    /// Creates an error.
    public init(path: String, offset: Int, reason: String) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(path): at byte \(offset): \(reason)" }
}
