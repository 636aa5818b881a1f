import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a snapshot could not be written: the analysis goes on without it.
public struct SnapshotWriteError: Error, Sendable, CustomStringConvertible {
    /// The file being written.
    public var path: String
    /// The system's reason (such as "No space left on device").
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Little-endian binary writing for topology snapshots, flushed to a file descriptor in blocks, with
/// a digest of every byte written so that the reader can tell a damaged snapshot from a sound one.
///
/// A failed write is remembered and every later one skipped; `finish()` reports it.
struct SnapshotWriter {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private let path: String
    private var digest = Digest64()
    private var failure: Int32?

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt64(values.count))
        for value in values { write(value) }
    }

    mutating func write(_ text: String) {
        let bytes = Array(text.utf8)
        write(UInt64(bytes.count))
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { digest.absorb($0) }
        writeOut()
    }

    private mutating func writeOut() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
    }

    /// Writes what is buffered and the digest of everything before it (the last 8 bytes of the
    /// file), and syncs the file to disk.
    mutating func finish() throws(SnapshotWriteError) {
        flush()
        withUnsafeBytes(of: digest.finish().littleEndian) { buffer.append(contentsOf: $0) }
        writeOut()
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if let failure { throw SnapshotWriteError(path: path, reason: String(cString: strerror(failure))) }
    }
}

/// Reading what `SnapshotWriter` wrote, with every length checked against what is left.
struct SnapshotReader {
    /// Why a snapshot could not be read; it is then rebuilt.
    struct Damaged: Error {
        var offset: Int
    }

    private let data: Data
    private(set) var offset = 0

    /// Reads `data` when its last 8 bytes are the digest of the rest, nil otherwise.
    init?(checking data: Data) {
        guard data.count >= 8 else { return nil }
        let content = data.count - 8
        let (digest, stored) = data.withUnsafeBytes { bytes -> (UInt64, UInt64) in
            var state = Digest64()
            state.absorb(UnsafeRawBufferPointer(rebasing: bytes[..<content]))
            return (state.finish(), UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: content, as: UInt64.self)))
        }
        guard digest == stored else { return nil }
        self.data = data.prefix(content)
    }

    var isAtEnd: Bool { offset == data.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Damaged) -> T {
        let size = MemoryLayout<T>.size
        guard data.count - offset >= size else { throw Damaged(offset: offset) }
        let value = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    /// A count or tally written as 64 bits, rejected when it does not fit an `Int`.
    mutating func readInt() throws(Damaged) -> Int {
        guard let value = Int(exactly: try read(UInt64.self)) else { throw Damaged(offset: offset) }
        return value
    }

    mutating func count(elementSize: Int) throws(Damaged) -> Int {
        let count: UInt64 = try read()
        guard count <= UInt64(data.count - offset) / UInt64(max(elementSize, 1)) else { throw Damaged(offset: offset) }
        return Int(count)
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws(Damaged) -> [T] {
        let count = try count(elementSize: MemoryLayout<T>.size)
        let start = offset
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { bytes in
                for index in 0..<count {
                    buffer[index] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: start + index * MemoryLayout<T>.size, as: T.self))
                }
            }
            initialized = count
        }
        offset += count * MemoryLayout<T>.size
        return values
    }

    mutating func readString() throws(Damaged) -> String {
        let count = try count(elementSize: 1)
        let text = String(decoding: data[data.startIndex + offset..<data.startIndex + offset + count], as: UTF8.self)
        offset += count
        return text
    }
}
