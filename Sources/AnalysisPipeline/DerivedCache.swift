import ASTopology
import Decompression
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The files Chokepoint derives from its inputs and keeps under its cache directory, to list them
/// and to prune them: topology snapshots, parsed reference data and remembered fingerprints.
///
/// Nothing else under the directory is touched: downloaded archive files are the user's copy of
/// public data (they are only counted), and a file of any other name, a link or a directory in
/// the derived directories is left alone. Every derived file is rebuilt from the inputs when
/// needed, so pruning costs time, never a result.
public struct DerivedCache: Sendable {
    /// What a derived file holds.
    public enum Kind: String, CaseIterable, Sendable {
        /// Topologies built from routing files (`snapshots/topology-<key>.snapshot`).
        case snapshots
        /// Registries' files, geography, organisations and names parsed (`reference/reference-<key>.snapshot`).
        case reference
        /// Input files' digests remembered by identity (`fingerprints/fingerprint-<digest>.txt`).
        case fingerprints

        var prefix: String {
            switch self {
            case .snapshots: "topology-"
            case .reference: "reference-"
            case .fingerprints: "fingerprint-"
            }
        }

        var suffix: String { self == .fingerprints ? ".txt" : ".snapshot" }
    }

    /// One derived file.
    public struct Entry: Sendable, Equatable {
        /// What it holds.
        public var kind: Kind
        /// Its path.
        public var path: String
        /// Its size in bytes.
        public var bytes: Int64
        /// When it was last written or served (its modification time: `CacheFileUse`).
        public var lastUsed: Date
        /// Whether it is a file still being written, or left half-written (`PartialFile`).
        public var isPartial: Bool

        /// Creates an entry.
        public init(kind: Kind, path: String, bytes: Int64, lastUsed: Date, isPartial: Bool = false) {
            self.kind = kind
            self.path = path
            self.bytes = bytes
            self.lastUsed = lastUsed
            self.isPartial = isPartial
        }
    }

    /// The cache directory (`$XDG_CACHE_HOME/chokepoint` by default).
    public var root: String

    /// The derived files under `root`.
    public init(root: String) {
        self.root = root
    }

    /// The directory that holds files of `kind`.
    public func directory(of kind: Kind) -> String {
        (root as NSString).appendingPathComponent(kind.rawValue)
    }

    /// Every derived file, oldest use first (a missing directory holds none).
    public func entries() -> [Entry] {
        var found: [Entry] = []
        for kind in Kind.allCases {
            let directory = directory(of: kind)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(kind.prefix) {
                let partial = name.range(of: PartialFile.marker, options: .backwards)
                let finalName = partial.map { String(name[..<$0.lowerBound]) } ?? name
                guard finalName.hasSuffix(kind.suffix) else { continue }
                let path = (directory as NSString).appendingPathComponent(name)
                var status = stat()
                // lstat: a link is not a file the cache wrote, whatever it points to.
                guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
                let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1e9)
                found.append(Entry(kind: kind, path: path, bytes: Int64(status.st_size), lastUsed: modified, isPartial: partial != nil))
            }
        }
        return found.sorted { ($0.lastUsed, $0.path) < ($1.lastUsed, $1.path) }
    }

    /// How many other files lie under `root` (downloaded archive files), and their bytes.
    public func downloads() -> (files: Int, bytes: Int64) {
        let derived = Set(Kind.allCases.map { directory(of: $0) })
        guard let walker = FileManager.default.enumerator(atPath: root) else { return (0, 0) }
        var files = 0, bytes: Int64 = 0
        while let relative = walker.nextObject() as? String {
            let path = (root as NSString).appendingPathComponent(relative)
            if derived.contains(path) {
                walker.skipDescendants()
                continue
            }
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            files += 1
            bytes += Int64(status.st_size)
        }
        return (files, bytes)
    }

    /// What pruning would remove from `entries` (oldest use first), and why.
    public struct Plan: Sendable, Equatable {
        /// The files to remove.
        public var removals: [Entry] = []
        /// The bytes the files kept hold.
        public var keptBytes: Int64 = 0
    }

    /// The files to remove: half-written ones left by runs that are gone (or over a day old), those
    /// not used since `unusedSince`, then the least recently used until the rest hold at most
    /// `maximumBytes`. A file being written by a running process is never removed.
    public static func plan(_ entries: [Entry], unusedSince: Date? = nil, maximumBytes: Int64? = nil, now: Date = Date(),
                            isRunning: (Int32) -> Bool = PartialFile.isRunning) -> Plan {
        var plan = Plan()
        var kept: [Entry] = []
        for entry in entries.sorted(by: { ($0.lastUsed, $0.path) < ($1.lastUsed, $1.path) }) {
            if entry.isPartial {
                if PartialFile.isStale(entry.path, modified: entry.lastUsed, now: now, isRunning: isRunning) {
                    plan.removals.append(entry)
                } else {
                    plan.keptBytes += entry.bytes
                }
            } else if let unusedSince, entry.lastUsed < unusedSince {
                plan.removals.append(entry)
            } else {
                kept.append(entry)
            }
        }
        var total = kept.reduce(plan.keptBytes) { $0 + $1.bytes }
        var firstKept = 0
        if let maximumBytes {
            while total > maximumBytes, firstKept < kept.count {
                plan.removals.append(kept[firstKept])
                total -= kept[firstKept].bytes
                firstKept += 1
            }
        }
        plan.keptBytes = total
        return plan
    }

    /// Removes `entries`, and gives those that could not be, with the system's reason.
    public func remove(_ entries: [Entry]) -> [(entry: Entry, reason: String)] {
        var failures: [(entry: Entry, reason: String)] = []
        let derived = Set(Kind.allCases.map { directory(of: $0) })
        for entry in entries {
            // Only a file directly inside a derived directory: never anything else, whatever is asked.
            guard derived.contains((entry.path as NSString).deletingLastPathComponent) else {
                failures.append((entry, "not a file of the cache"))
                continue
            }
            if unlink(entry.path) != 0, errno != ENOENT {
                failures.append((entry, String(cString: strerror(errno))))
            }
        }
        return failures
    }

}
