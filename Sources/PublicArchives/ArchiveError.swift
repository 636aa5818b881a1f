/// Why a data set could not be resolved or fetched.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// No file of the data set near the date was found; carries where the search looked.
        case noFileNear(date: UTCDate, searched: [String])
        /// The server answered with an HTTP error status.
        case httpStatus(Int)
        /// The connection failed or dropped; carries the system's message.
        case transfer(String)
        /// The body ended before the length the server announced.
        case incomplete(received: Int64, expected: Int64)
        /// A local file could not be written or moved.
        case localFile(String)
        /// A date or data set name the catalog does not understand.
        case badRequest(String)
    }

    /// The URL or path involved.
    public var location: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(location: String, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .noFileNear(let date, let searched):
            return "\(location): no file near \(date); looked in \(searched.joined(separator: ", "))"
        case .httpStatus(let status):
            return "\(location): the server answered HTTP \(status)\(status == 404 ? " (not found)" : "")"
        case .transfer(let message):
            return "\(location): download failed: \(message)"
        case .incomplete(let received, let expected):
            return "\(location): the connection closed after \(received) of \(expected) bytes"
        case .localFile(let message):
            return "\(location): \(message)"
        case .badRequest(let message):
            return "\(location): \(message)"
        }
    }
}
