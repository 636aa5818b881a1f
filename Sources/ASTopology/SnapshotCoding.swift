import Decompression
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Why a snapshot could not be written: the analysis goes on without it.
public struct SnapshotWriteError: Error, Sendable, CustomStringConvertible {
    /// The file being written.
    public var path: String
    /// The system's reason (such as "No space left on device").
    public var reason: String

    /// An error for `path`, for `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Little-endian binary writing for topology snapshots, flushed to a file descriptor in blocks, with
/// a digest of every byte written so that the reader can tell a damaged snapshot from a sound one.
///
/// A failed write is remembered and every later one skipped; `finish()` reports it.
public struct SnapshotWriter {
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

    /// Writes one number.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes an array of numbers: its count, then the numbers.
    public mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt64(values.count))
        guard 1.littleEndian == 1 else {
            for value in values { write(value) }
            return
        }
        // Stored as they lie in memory: in blocks, not value by value.
        values.withUnsafeBytes { bytes in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + (1 << 20) - buffer.count)
                buffer.append(contentsOf: bytes[start..<end])
                start = end
                if buffer.count >= 1 << 20 { flush() }
            }
        }
    }

    /// Writes a string: its length in bytes, then its UTF-8 bytes.
    public mutating func write(_ text: String) {
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

    /// Writes a file at `path` through `body`, under a temporary name beside it renamed only when
    /// whole; on any failure (a full disk, say) the temporary file is removed and the error thrown.
    public static func writeFile(at path: String, _ body: (inout SnapshotWriter) -> Void) throws(SnapshotWriteError) {
        let temporary = PartialFile.temporaryPath(for: path)
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SnapshotWriteError(path: temporary, reason: String(cString: strerror(errno))) }
        var writer = SnapshotWriter(descriptor: descriptor, path: temporary)
        body(&writer)
        do {
            try writer.finish()
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        let closed = close(descriptor) == 0 ? nil : errno
        if let closed {
            unlink(temporary)
            throw SnapshotWriteError(path: temporary, reason: String(cString: strerror(closed)))
        }
        do {
            try PartialFile.commit(temporary, to: path)
        } catch {
            throw SnapshotWriteError(path: path, reason: String(cString: strerror(error.errno)))
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

/// Reading what `SnapshotWriter` wrote, with every length checked against what is left: straight
/// from the file, arrays read into their own storage (no copy of the file held alongside the
/// topology it decodes into). The digest is computed on another core meanwhile, over the same open
/// file read a second time (from the page cache, and off the decoding's way: 0.15 s of a 532 MB
/// snapshot). A caller checks `isSound` at the end, and only then trusts what it read.
public struct SnapshotReader {
    /// Why a snapshot could not be read; it is then rebuilt.
    public struct Damaged: Error {
        /// Where in the file the damage was met.
        public var offset: Int

        /// Damage met at `offset`.
        public init(offset: Int) {
            self.offset = offset
        }
    }

    /// The open file and the read buffer, closed and freed with the last copy of the reader (the
    /// digest's reading told to stop).
    private final class Storage {
        let descriptor: Int32
        let buffer: UnsafeMutableRawBufferPointer
        let verifier: DigestVerifier

        init(descriptor: Int32, content: Int) {
            self.descriptor = descriptor
            buffer = .allocate(byteCount: 1 << 20, alignment: 16)
            verifier = DigestVerifier(descriptor: descriptor, content: content)
        }

        deinit {
            verifier.cancel()
            close(descriptor)
            buffer.deallocate()
        }
    }

    /// Digests the file's first `content` bytes on another thread, through a descriptor of its own
    /// (positioned reads of the same open file), and says whether the 8 bytes after them hold that digest.
    private final class DigestVerifier: Sendable {
        private let descriptor: Int32
        private let cancelled = Atomic<Bool>(false)
        private let verdict = Mutex<Bool?>(nil)
        private let done = DispatchSemaphore(value: 0)

        init(descriptor: Int32, content: Int) {
            self.descriptor = dup(descriptor)
            DispatchQueue.global().async { [self] in
                let sound = self.descriptor >= 0 && digestMatches(content: content)
                verdict.withLock { $0 = sound }
                done.signal()
            }
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }

        func cancel() { cancelled.store(true, ordering: .relaxed) }

        /// Waits for the digest, and says whether it matched.
        func isSound() -> Bool {
            done.wait()
            done.signal()
            return verdict.withLock { $0 } ?? false
        }

        private func digestMatches(content: Int) -> Bool {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var digest = Digest64()
            var position = 0
            while position < content {
                guard !cancelled.load(ordering: .relaxed), let base = buffer.baseAddress else { return false }
                let count = pread(descriptor, base, min(buffer.count, content - position), off_t(position))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                digest.absorb(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                position += count
            }
            var stored: UInt64 = 0
            let count = withUnsafeMutableBytes(of: &stored) { pread(descriptor, $0.baseAddress, 8, off_t(content)) }
            return count == 8 && UInt64(littleEndian: stored) == digest.finish()
        }
    }

    private let storage: Storage
    /// The bytes before the digest.
    private let content: Int
    /// Where the next read from the file starts.
    private var position = 0
    /// The file offset of the buffer's first byte, and how many it holds.
    private var bufferStart = 0
    private var buffered = 0
    /// Where the next value starts.
    public private(set) var offset = 0

    /// A reader of the snapshot at `path`, nil when it cannot be opened or is too short to hold a digest.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 8 else {
            close(descriptor)
            return nil
        }
        content = Int(status.st_size) - 8
        storage = Storage(descriptor: descriptor, content: content)
    }

    /// Whether every byte before the digest was read.
    public var isAtEnd: Bool { offset == content }

    /// Whether everything was read and the digest stored after it is that of what was read.
    public func isSound() -> Bool {
        guard isAtEnd, position == content else { return false }
        return storage.verifier.isSound()
    }

    /// Reads up to `destination.count` bytes of content from the file into `destination`.
    private mutating func fill(_ destination: UnsafeMutableRawBufferPointer) throws(Damaged) -> Int {
        let wanted = min(destination.count, content - position)
        var done = 0
        while done < wanted {
            let count = Glibc.read(storage.descriptor, destination.baseAddress.map { $0 + done }, wanted - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Damaged(offset: position + done) }
            done += count
        }
        position += done
        return done
    }

    /// Makes the next `size` bytes (at most the buffer's size) available in the buffer.
    private mutating func ensure(_ size: Int) throws(Damaged) {
        guard offset + size > bufferStart + buffered else { return }
        guard content - offset >= size else { throw Damaged(offset: offset) }
        let kept = bufferStart + buffered - offset
        let buffer = storage.buffer
        if kept > 0, let base = buffer.baseAddress {
            base.copyMemory(from: base + (offset - bufferStart), byteCount: kept)
        }
        bufferStart = offset
        buffered = kept
        buffered += try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[kept...]))
        guard buffered >= size else { throw Damaged(offset: offset) }
    }

    /// Reads one number.
    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Damaged) -> T {
        let size = MemoryLayout<T>.size
        try ensure(size)
        let value = storage.buffer.loadUnaligned(fromByteOffset: offset - bufferStart, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    /// A count or tally written as 64 bits, rejected when it does not fit an `Int`.
    public mutating func readInt() throws(Damaged) -> Int {
        guard let value = Int(exactly: try read(UInt64.self)) else { throw Damaged(offset: offset) }
        return value
    }

    /// Reads a count of elements of `elementSize` bytes, rejected when more than the rest of the file could hold.
    public mutating func count(elementSize: Int) throws(Damaged) -> Int {
        let count: UInt64 = try read()
        guard count <= UInt64(content - offset) / UInt64(max(elementSize, 1)) else { throw Damaged(offset: offset) }
        return Int(count)
    }

    /// Reads an array of numbers written by `SnapshotWriter.write(_:)`.
    public mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws(Damaged) -> [T] {
        let count = try count(elementSize: MemoryLayout<T>.size)
        var failure: Damaged?
        var values = [T](unsafeUninitializedCapacity: count) { elements, initialized in
            let bytes = UnsafeMutableRawBufferPointer(elements)
            let total = count * MemoryLayout<T>.size
            // What the buffer holds already, then the rest straight from the file.
            let fromBuffer = min(total, bufferStart + buffered - offset)
            if fromBuffer > 0 {
                bytes.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage.buffer[(offset - bufferStart)..<(offset - bufferStart + fromBuffer)]))
            }
            var done = fromBuffer
            do throws(Damaged) {
                while done < total {
                    done += try fill(UnsafeMutableRawBufferPointer(rebasing: bytes[done..<total]))
                }
            } catch {
                failure = error
            }
            offset += total
            if done > fromBuffer {
                // The buffer was used up and the rest read past it: it starts afresh here.
                bufferStart = offset
                buffered = 0
            }
            initialized = failure == nil ? count : 0
        }
        if let failure { throw failure }
        if 1.littleEndian != 1 {
            for index in values.indices { values[index] = T(littleEndian: values[index]) }
        }
        return values
    }

    /// Reads a string written by `SnapshotWriter.write(_:)`.
    public mutating func readString() throws(Damaged) -> String {
        let count = try count(elementSize: 1)
        let bytes = try readArray(count: count)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` bytes (their count already read).
    private mutating func readArray(count: Int) throws(Damaged) -> [UInt8] {
        if count <= storage.buffer.count {
            try ensure(count)
            let start = offset - bufferStart
            offset += count
            return Array(UnsafeRawBufferPointer(rebasing: storage.buffer[start..<(start + count)]))
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            let chunk = min(count - result.count, storage.buffer.count)
            try ensure(chunk)
            let start = offset - bufferStart
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: storage.buffer[start..<(start + chunk)]))
            offset += chunk
        }
        return result
    }
}
