#if canImport(Glibc)
import Glibc
#endif

/// Reads text lines from a byte source, streaming, with their line numbers.
///
/// Lines are handed to the caller as UTF-8 bytes borrowed from the reader's buffer, so that
/// multi-million-line files are read without a String per line.
public final class LineReader {
    private let source: any ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var ended = false
    /// The number of the line last returned, counting from 1.
    public private(set) var lineNumber = 0
    /// The longest line accepted, in bytes: a longer one is an error, so that a damaged or hostile
    /// file cannot make the reader hold it whole.
    public let maximumLineLength: Int

    /// The input's name, for error messages.
    public var name: String { source.name }

    /// Reads lines from `source`.
    public init(source: any ByteSource, initialCapacity: Int = 1 << 16, maximumLineLength: Int = 1 << 20) {
        self.source = source
        self.maximumLineLength = maximumLineLength
        buffer = .allocate(byteCount: max(initialCapacity, 64), alignment: 1)
    }

    /// Opens `path` (any compression) for reading lines.
    public convenience init(path: String, maximumLineLength: Int = 1 << 20) throws(InputError) {
        self.init(source: try InputFile.open(path).source, maximumLineLength: maximumLineLength)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line's bytes, valid until the next call, or nil at the end.
    public func nextLine() throws(InputError) -> UnsafeRawBufferPointer? {
        while true {
            if let newline = firstNewline() {
                var lineEnd = newline
                if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if end - start > maximumLineLength {
                throw InputError(file: source.name, offset: 0, reason: .lineTooLong(limit: maximumLineLength), line: lineNumber + 1)
            }
            if ended {
                guard start < end else { return nil }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                start = end
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    private func firstNewline() -> Int? {
        guard start < end, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return nil }
        return base.distance(to: UnsafeMutableRawPointer(found))
    }

    private func fill() throws(InputError) {
        if start > 0 {
            let pending = end - start
            if pending > 0, let base = buffer.baseAddress {
                base.copyMemory(from: base + start, byteCount: pending)
            }
            start = 0
            end = pending
        }
        if end == buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
            if let target = grown.baseAddress, let source = buffer.baseAddress {
                target.copyMemory(from: source, byteCount: end)
            }
            buffer.deallocate()
            buffer = grown
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if count == 0 { ended = true }
        end += count
    }
}
