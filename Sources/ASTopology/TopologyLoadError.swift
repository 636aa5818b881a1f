/// Path data that gave nothing to build a topology from.
public struct TopologyLoadError: Error, Sendable, CustomStringConvertible {
    /// The file involved.
    public var file: String
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
