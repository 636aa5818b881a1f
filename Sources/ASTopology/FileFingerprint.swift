import Decompression

/// A 64-bit digest of a file's bytes (as stored, compressed or not), so that a cache keyed by it is
/// never served for a file whose content changed, whatever its name or modification time say.
public struct FileFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The digest.
    public var digest: UInt64
    /// The file's length in bytes.
    public var length: Int64

    /// Reads `path` whole, in blocks, and digests it.
    public init(path: String) throws(InputError) {
        let file = try FileByteSource(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        var state = Digest64()
        while true {
            let count = try file.readFully(into: buffer)
            if count == 0 { break }
            state.absorb(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            if count < buffer.count { break }
        }
        digest = state.finish()
        length = state.length
    }

    /// A fingerprint known already (read back from a shard).
    public init(digest: UInt64, length: Int64) {
        self.digest = digest
        self.length = length
    }

    /// Digests bytes in memory.
    public init(bytes: [UInt8]) {
        var state = Digest64()
        bytes.withUnsafeBytes { state.absorb($0) }
        digest = state.finish()
        length = state.length
    }

    public var description: String {
        let hex = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
