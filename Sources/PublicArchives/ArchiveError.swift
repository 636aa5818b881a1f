/// Why a data set could not be resolved or fetched.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// No file of the data set near the date was found; carries where the search looked.
        case noFileNear(date: UTCDate, searched: [String])
        /// No file of the data set in the `hours` before the date (a replay needs one at or before it).
        case noFileBefore(date: UTCDate, hours: Int, searched: [String])
        /// The nearest file is further from the date than the data set's tolerance (both in days).
        case tooFar(date: UTCDate, nearest: UTCDate, days: Int, tolerance: Int)
        /// The server answered with an HTTP error status.
        case httpStatus(Int)
        /// The connection failed or dropped; carries the system's message.
        case transfer(String)
        /// The body ended before the length the server announced.
        case incomplete(received: Int64, expected: Int64)
        /// A local file could not be written or moved.
        case localFile(String)
        /// A date or data set name the catalog does not understand, or a URL it will not fetch.
        case badRequest(String)
        /// The file is larger than the download limit; carries the limit in bytes.
        case tooLarge(limit: Int64)
        /// The server sent nothing (under 1 byte per second) for this many seconds.
        case stalled(seconds: Int)
        /// The download took longer than its deadline, in seconds.
        case deadline(seconds: Int)
        /// No connection could be made; carries the reason in words.
        case unreachable(String)
        /// What arrived is not the file the name promises (an HTML error page, a damaged archive).
        case unexpectedContent(String)
    }

    /// The URL or path involved.
    public var location: String
    /// What went wrong.
    public var reason: Reason
    /// The data set searched, when the error came from looking for a file by date.
    public var dataset: ArchiveDataset?

    /// Creates an error.
    public init(location: String, reason: Reason, dataset: ArchiveDataset? = nil) {
        self.location = location
        self.reason = reason
        self.dataset = dataset
    }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB"
            : bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    public var description: String {
        switch reason {
        case .noFileNear(let date, let searched):
            // Sorted, and more than three named by the first and last, so the error stays one readable line.
            let sorted = searched.sorted()
            let places = sorted.count <= 3 ? sorted.joined(separator: ", ")
                : "\(sorted.count) directories, \(sorted[0]) to \(sorted[sorted.count - 1])"
            return "\(location): no file near \(date); looked in \(places)"
        case .noFileBefore(let date, let hours, let searched):
            let sorted = searched.sorted()
            let places = sorted.count <= 3 ? sorted.joined(separator: ", ")
                : "\(sorted.count) directories, \(sorted[0]) to \(sorted[sorted.count - 1])"
            return "\(location): no file in the \(hours) hours up to \(date) to replay from; looked in \(places)"
        case .tooFar(let date, let nearest, let days, let tolerance):
            // Whole days round down: a file 1.5 days away must not read "1 day, beyond the 1 day allowed".
            let distance = days <= tolerance ? "more than \(tolerance) day\(tolerance == 1 ? "" : "s")" : "\(days) day\(days == 1 ? "" : "s")"
            return "\(location): the nearest file, of \(nearest), is \(distance) from \(date), "
                + "beyond the \(tolerance) day\(tolerance == 1 ? "" : "s") allowed for it"
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
        case .tooLarge(let limit):
            return "\(location): the file is larger than the download limit of \(Self.size(limit))"
        case .stalled(let seconds):
            return "\(location): the server stopped sending (under 1 byte/s for \(seconds) s)"
        case .deadline(let seconds):
            return "\(location): the download took longer than its limit of \(seconds) s"
        case .unreachable(let message):
            return "\(location): \(message)"
        case .unexpectedContent(let message):
            return "\(location): not the file expected: \(message)"
        }
    }
}
