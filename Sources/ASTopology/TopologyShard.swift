import Foundation
import InternetAddresses

/// One MRT file read into a form that merges: the map step of a run across many machines.
///
/// A shard holds what reading the file into a `TopologyBuilder` of its own gave — its ASes, its
/// distinct cleaned paths, its vantage points with the routes each read, its prefixes with their
/// origins, and its routes (vantage point and path per route, in runs of one prefix) — with the
/// file's collector, role, content digest and record times. It is written in the snapshot's
/// binary format (flat little-endian arrays, a digest of everything at the end) under a name
/// made from the input's content, collector and role, so the same file is never read twice.
/// `merge` folds shards together exactly as `TopologyLoader` merges files read in parallel, so
/// shards merged in their canonical order give, byte for byte, the topology that reading their
/// files in that order on one machine gives.
public struct TopologyShard: Sendable {
    /// The input file's name (its last path component) as read.
    public var file: String
    /// The collector whose sessions the file holds.
    public var collector: String
    /// Whether the file is a RIB dump or updates.
    public var role: MRTInput.Role
    /// The input's content digest and length.
    public var fingerprint: FileFingerprint
    /// What reading the file gave: routes read, recovery, record times.
    public var summary: TopologyLoader.FileSummary
    /// Where the shard is stored.
    public var path: String

    /// Bump when the layout or what the builder records changes.
    static let formatVersion: UInt32 = 1
    private static let magic = Array("CHOKEPOINT SHARD\n".utf8)
    /// The extension of shard files.
    public static let fileExtension = "cpshard"

    /// The name of `input`'s shard: content, collector and role, digested.
    public static func name(for input: MRTInput) throws -> String {
        let fingerprint = try FileFingerprint(path: input.path)
        let description = "shard \(formatVersion)\n\(fingerprint.length) \(fingerprint)\n\(input.collector.utf8.count):\(input.collector)\n\(input.role.rawValue)\n"
        return "\(FileFingerprint(bytes: Array(description.utf8)))-\(input.collector.isEmpty ? "unknown" : input.collector).\(fileExtension)"
    }

    /// Reads `input` and writes its shard into `directory` (created when missing), unless a sound
    /// shard of the same content is there already.
    ///
    /// - Returns: The shard, and whether it was already there.
    public static func make(from input: MRTInput, in directory: String,
                            progress: ((TopologyLoader.Progress) -> Void)? = nil) throws -> (shard: TopologyShard, reused: Bool) {
        let path = (directory as NSString).appendingPathComponent(try name(for: input))
        if FileManager.default.fileExists(atPath: path), let existing = try? read(path) { return (existing.shard, true) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SnapshotWriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        var builder = TopologyBuilder()
        builder.beginFile(collector: input.collector)
        var summary = try TopologyLoader.read(input, into: &builder, progress: progress)
        summary.file = (input.path as NSString).lastPathComponent
        if let limit = builder.limitExceeded { throw TopologyLoadError(file: input.path, message: "the file holds \(limit)") }
        let shard = TopologyShard(file: summary.file, collector: input.collector, role: input.role,
                                  fingerprint: try FileFingerprint(path: input.path), summary: summary, path: path)
        try SnapshotWriter.writeFile(at: path) { writer in
            for byte in magic { writer.write(byte) }
            writer.write(formatVersion)
            writer.write(shard.file)
            writer.write(shard.collector)
            writer.write(shard.role.rawValue)
            writer.write(shard.fingerprint.digest)
            writer.write(UInt64(shard.fingerprint.length))
            TopologySnapshot.write(summary, into: &writer)
            builder.encode(into: &writer)
        }
        return (shard, false)
    }

    /// The shard at `path` and the builder it holds; a file that is not a whole shard of this
    /// format is refused, naming where it went wrong.
    public static func read(_ path: String) throws(ShardError) -> (shard: TopologyShard, builder: TopologyBuilder) {
        let (shard, builder) = try read(path, routes: true)
        guard let builder else { throw ShardError(path: path, offset: 0, reason: "holds no routes") }
        return (shard, builder)
    }

    /// What the shard at `path` was made from, read from its head alone (its digest is checked
    /// when `read` takes its routes).
    public static func header(_ path: String) throws(ShardError) -> TopologyShard {
        try read(path, routes: false).shard
    }

    private static func read(_ path: String, routes: Bool) throws(ShardError) -> (shard: TopologyShard, builder: TopologyBuilder?) {
        guard var reader = SnapshotReader(path: path) else { throw ShardError(path: path, offset: 0, reason: "cannot be opened") }
        do {
            for byte in magic where try reader.read(UInt8.self) != byte {
                throw ShardError(path: path, offset: 0, reason: "is not a Chokepoint shard")
            }
            let version = try reader.read(UInt32.self)
            guard version == formatVersion else {
                throw ShardError(path: path, offset: reader.offset - 4,
                                 reason: "is a shard of format \(version), not \(formatVersion): make it again with chokepoint shard")
            }
            let file = try reader.readString(), collector = try reader.readString()
            let roleOffset = reader.offset
            guard let role = MRTInput.Role(rawValue: try reader.readString()) else {
                throw ShardError(path: path, offset: roleOffset, reason: "names an unknown role")
            }
            let fingerprint = FileFingerprint(digest: try reader.read(UInt64.self), length: Int64(try reader.readInt()))
            let summary = try TopologySnapshot.readFileSummary(from: &reader)
            let shard = TopologyShard(file: file, collector: collector, role: role, fingerprint: fingerprint, summary: summary, path: path)
            guard routes else { return (shard, nil) }
            let builder = try TopologyBuilder.decode(from: &reader, collector: collector)
            guard reader.isSound() else {
                throw ShardError(path: path, offset: reader.offset, reason: "is damaged: its digest does not match its content")
            }
            return (shard, builder)
        } catch let error as ShardError {
            throw error
        } catch let damaged as SnapshotReader.Damaged {
            throw ShardError(path: path, offset: damaged.offset, reason: "is cut short or damaged")
        } catch {
            throw ShardError(path: path, offset: reader.offset, reason: "cannot be read (\(error))")
        }
    }

    /// The order shards merge in, whatever order they were found in: by collector, RIB dumps
    /// before updates, then by the time of their first record and their file's name.
    public static func canonicalOrder(_ lhs: TopologyShard, _ rhs: TopologyShard) -> Bool {
        if lhs.collector != rhs.collector { return lhs.collector < rhs.collector }
        if lhs.role != rhs.role { return lhs.role == .rib }
        let left = lhs.summary.firstRecordTime ?? 0, right = rhs.summary.firstRecordTime ?? 0
        if left != right { return left < right }
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return lhs.fingerprint.description < rhs.fingerprint.description
    }
}
