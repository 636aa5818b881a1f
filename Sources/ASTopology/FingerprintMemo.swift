import Decompression
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Fingerprints remembered from run to run, so that a cache's key does not read every input whole
/// each time (at P=120 the RIB alone is 310 MB: 0.15 s of every warm run).
///
/// A fingerprint is served only for the same file as the kernel describes it: device, inode, size,
/// modification and status-change times to the nanosecond. The status-change time is set by the
/// kernel on every write and cannot be set back by any tool, so a file whose content changed has
/// another. A file changed within `settle` seconds of being digested is not remembered: a second
/// write within a coarse clock's tick could leave its times as they were (git's "racy" entries).
public struct FingerprintMemo: Sendable {
    /// Where the fingerprints are kept: one small file each.
    public var directory: String
    /// How long a file must have been left unchanged before its fingerprint is remembered.
    public var settle: TimeInterval

    /// A memo in `directory` (created when the first fingerprint is stored).
    public init(directory: String, settle: TimeInterval = 2) {
        self.directory = directory
        self.settle = settle
    }

    /// The fingerprint of `path`: remembered when the file is the one digested before, else read and digested.
    public func fingerprint(of path: String, now: Date = Date()) throws(InputError) -> FileFingerprint {
        guard let identity = Self.identity(of: path) else { return try FileFingerprint(path: path) }
        let file = (directory as NSString).appendingPathComponent("fingerprint-\(FileFingerprint(bytes: Array(identity.text.utf8))).txt")
        if let stored = try? String(contentsOfFile: file, encoding: .utf8) {
            let lines = stored.split(separator: "\n", omittingEmptySubsequences: false)
            // The identity is stored whole beside the fingerprint: a collision of names serves nothing.
            if lines.count == 3, lines[0] == identity.text, let digest = UInt64(lines[1], radix: 16), let length = Int64(lines[2]) {
                CacheFileUse.mark(file)
                return FileFingerprint(digest: digest, length: length)
            }
        }
        let fingerprint = try FileFingerprint(path: path)
        // Only a file still as it was, and settled, is remembered.
        if identity.changed < now.timeIntervalSince1970 - settle, Self.identity(of: path)?.text == identity.text {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? PartialFile.write(Array("\(identity.text)\n\(fingerprint)\n\(fingerprint.length)".utf8), to: file)
        }
        return fingerprint
    }

    /// The file's identity as text, and when it last changed (seconds since 1970); nil when it cannot be described.
    static func identity(of path: String) -> (text: String, changed: TimeInterval)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        let changed = "\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"
        let text = "\(status.st_dev) \(status.st_ino) \(status.st_size) \(modified) \(changed) \(path.utf8.count):\(path)"
        let latest = max(Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9,
                         Double(status.st_ctim.tv_sec) + Double(status.st_ctim.tv_nsec) / 1e9)
        return (text, latest)
    }
}
