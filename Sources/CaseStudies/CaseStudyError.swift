import PublicArchives

/// A case manifest that cannot be read, or one of its data sets that cannot be found.
public struct CaseStudyError: Error, Sendable, CustomStringConvertible {
    /// What the error is about.
    public enum Kind: Sendable, Hashable {
        /// The manifest: missing, unreadable, or not a valid case.
        case manifest
        /// A data set it names: a local file that is absent, or a URL that cannot be fetched.
        case dataSet
    }

    /// The manifest or data file involved.
    public var file: String
    /// What was wrong.
    public var message: String
    /// Whether the manifest or a data set is at fault.
    public var kind: Kind
    /// The archive's error, when a data set could not be fetched.
    public var fetchError: ArchiveError?

    /// Creates an error.
    public init(file: String, message: String, kind: Kind = .manifest, fetchError: ArchiveError? = nil) {
        self.file = file
        self.message = message
        self.kind = kind
        self.fetchError = fetchError
    }

    public var description: String { "\(file): \(message)" }
}
