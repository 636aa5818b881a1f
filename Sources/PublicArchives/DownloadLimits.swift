/// Limits on one download, in the spirit of curl's `--max-filesize`, `--speed-time` and
/// `--max-time`: a hostile or broken server can neither fill the disk nor hold a run forever.
public struct DownloadLimits: Hashable, Sendable {
    /// The largest file accepted, in bytes. The archives' largest files (a RIS `bview` of a big
    /// collector) are under 1 GiB.
    public var maximumBytes: Int64
    /// How long the server may send nothing (under 1 byte per second) before the download is given up.
    public var idleSeconds: Int
    /// How long one download may take in all.
    public var totalSeconds: Int
    /// How long connecting may take.
    public var connectSeconds: Int

    /// Creates limits; the defaults suit the public archives on an ordinary connection.
    public init(maximumBytes: Int64 = 4 << 30, idleSeconds: Int = 60, totalSeconds: Int = 4 * 3600, connectSeconds: Int = 30) {
        self.maximumBytes = maximumBytes
        self.idleSeconds = idleSeconds
        self.totalSeconds = totalSeconds
        self.connectSeconds = connectSeconds
    }

    /// The defaults.
    public static let standard = DownloadLimits()
}
