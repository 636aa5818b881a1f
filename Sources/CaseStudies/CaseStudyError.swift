/// A case manifest that cannot be read, or one of its data sets that cannot be found.
public struct CaseStudyError: Error, Sendable, CustomStringConvertible {
    /// The manifest or data file involved.
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
