#if canImport(Glibc)
import Glibc
#endif

/// An error reading or decompressing an input file, naming the file and where it went wrong.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The file could not be opened; carries `errno`.
        case cannotOpen(errno: Int32)
        /// A read from the file failed; carries `errno`.
        case readFailed(errno: Int32)
        /// The compressed data is damaged; carries the format and the library's code.
        case corruptCompressedData(format: CompressionFormat, code: Int32)
        /// The compressed stream stops before its end marker.
        case truncatedCompressedData(format: CompressionFormat)
        /// The decompression library could not start (out of memory).
        case decoderSetupFailed(format: CompressionFormat, code: Int32)
        /// A text line is longer than a reader accepts; carries the limit in bytes.
        case lineTooLong(limit: Int)
    }

    /// The input's name, normally its path.
    public var file: String
    /// The byte offset in the file (compressed bytes, for compressed input) where the error was found.
    public var offset: Int64
    /// What went wrong.
    public var reason: Reason
    /// The line (from 1) where a text reader found the problem, when it was a text reader.
    public var line: Int?

    /// Creates an error for `file` at `offset` (or at `line`, for text readers).
    public init(file: String, offset: Int64, reason: Reason, line: Int? = nil) {
        self.file = file
        self.offset = offset
        self.reason = reason
        self.line = line
    }

    public var description: String {
        if let line { return "\(file): line \(line): \(reasonDescription)" }
        return "\(file): byte \(offset): \(reasonDescription)"
    }

    /// The reason in words, without the file and offset.
    public var reasonDescription: String {
        switch reason {
        case .cannotOpen(let code):
            return "cannot open: \(String(cString: strerror(code)))"
        case .readFailed(let code):
            return "read failed: \(String(cString: strerror(code)))"
        case .corruptCompressedData(let format, let code):
            return "corrupt \(format) data (library code \(code))"
        case .truncatedCompressedData(let format):
            return "\(format) data ends before its end-of-stream marker (truncated file)"
        case .decoderSetupFailed(let format, let code):
            return "cannot start the \(format) decoder (library code \(code))"
        case .lineTooLong(let limit):
            return "a line is longer than \(limit / 1024) KiB: not a text file of the expected kind"
        }
    }

    /// Whether the error is a compressed stream cut short, after which every earlier byte was delivered.
    public var isTruncation: Bool {
        if case .truncatedCompressedData = reason { return true }
        return false
    }
}
