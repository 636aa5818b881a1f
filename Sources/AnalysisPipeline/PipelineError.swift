/// Why an analysis could not be prepared, beyond what reading its files says.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, in one line.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
