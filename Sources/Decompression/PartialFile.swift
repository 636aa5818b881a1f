import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files written under a temporary name (`<final>.partial-<pid>`) beside their final one and
/// renamed only when whole, so that a crash, a kill or a full disk never leaves a half-written file
/// under a name a later run would trust.
public enum PartialFile {
    /// What a file being written carries after its final name, before the writer's process id.
    public static let marker = ".partial-"

    /// The temporary name this process writes `path` under.
    public static func temporaryPath(for path: String) -> String {
        "\(path)\(marker)\(getpid())"
    }

    /// Writes `bytes` to `path` through a temporary name, synced to disk before the rename; on
    /// failure nothing is left under either name and the system's reason is thrown.
    public static func write(_ bytes: some ContiguousBytes, to path: String) throws(PartialFileError) {
        let temporary = temporaryPath(for: path)
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PartialFileError(path: path, errno: errno) }
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        let closeFailure = close(descriptor) == 0 ? nil : errno
        if let reason = failure ?? closeFailure {
            unlink(temporary)
            throw PartialFileError(path: path, errno: reason)
        }
        try commit(temporary, to: path)
    }

    /// Renames a finished temporary file to its final name; on failure the temporary is removed.
    public static func commit(_ temporary: String, to path: String) throws(PartialFileError) {
        guard rename(temporary, path) == 0 else {
            let reason = errno
            unlink(temporary)
            throw PartialFileError(path: path, errno: reason)
        }
    }

    /// Removes the temporary files in `directory` that no running writer owns: those of processes
    /// that have ended, and any not touched for `age` seconds. Returns how many were removed.
    @discardableResult
    public static func removeStale(in directory: String, olderThan age: TimeInterval = 86_400, now: Date = Date()) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed = 0
        for name in names where name.range(of: marker, options: .backwards) != nil {
            let path = (directory as NSString).appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            if isStale(name, modified: modified, olderThan: age, now: now), unlink(path) == 0 {
                removed += 1
            }
        }
        return removed
    }

    /// Whether the temporary file named `name` (or a path ending in it), last modified at
    /// `modified`, is one no running writer owns: its process has ended (or its name carries
    /// none), or it was not touched for `age` seconds (the process id may have been reused).
    /// `isRunning` says whether a process id is alive (by default, whether a signal reaches it).
    public static func isStale(_ name: String, modified: Date, olderThan age: TimeInterval = 86_400, now: Date = Date(),
                               isRunning: (Int32) -> Bool = isRunning) -> Bool {
        guard let found = name.range(of: marker, options: .backwards) else { return false }
        let owner = Int32(name[found.upperBound...])
        let ownerGone = owner.map { $0 <= 0 || !isRunning($0) } ?? true
        return ownerGone || now.timeIntervalSince(modified) > age
    }

    /// Whether process `id` exists (a signal reaches it, or it is another user's).
    public static func isRunning(_ id: Int32) -> Bool {
        kill(id, 0) == 0 || errno != ESRCH
    }
}

/// A file that could not be written whole: the path and the system's reason.
public struct PartialFileError: Error, Sendable, CustomStringConvertible {
    /// The final path.
    public var path: String
    /// The system's error number.
    public var errno: Int32

    /// Creates an error.
    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var description: String { "\(path): cannot write: \(String(cString: strerror(errno)))" }
}
