/// A Graphviz failure, carrying Graphviz's own message.
public struct GraphvizError: Error, Sendable, CustomStringConvertible {
    /// What was being done: `layout`, `render`, `read`.
    public var stage: String
    /// Graphviz's message (its last error), or a description where it gave none.
    public var message: String

    /// Creates an error.
    public init(stage: String, message: String) {
        self.stage = stage
        self.message = message
    }

    public var description: String { "Graphviz \(stage) failed: \(message)" }
}
