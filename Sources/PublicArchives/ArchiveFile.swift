/// One file of a public archive: where it lives online and the time it stands for.
public struct ArchiveFile: Hashable, Sendable, CustomStringConvertible {
    /// The data set.
    public var dataset: ArchiveDataset
    /// The path on the host, without a leading slash.
    public var path: String
    /// The time the file's name gives.
    public var timestamp: UTCDate

    /// Creates a file record.
    public init(dataset: ArchiveDataset, path: String, timestamp: UTCDate) {
        self.dataset = dataset
        self.path = path
        self.timestamp = timestamp
    }

    /// Whole days between the file's time and `date`.
    public func days(from date: UTCDate) -> Int {
        Int(abs(timestamp.secondsSinceEpoch - date.secondsSinceEpoch) / 86_400)
    }

    /// The public URL.
    public var url: String { "\(dataset.scheme)://\(dataset.host)/\(path)" }

    /// Where the file sits under a mirror or cache directory laid out `<host>/<path>`.
    public func localPath(under root: String) -> String {
        "\(root)/\(dataset.host)/\(path)"
    }

    public var description: String { url }
}
