#if canImport(Glibc)
import Glibc
#endif

/// Bytes read from a file descriptor with `read(2)`; `"-"` names standard input.
public final class FileByteSource: ByteSource {
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes handed back by `unread(_:)`, served before the descriptor is read again.
    private var pushedBack: [UInt8] = []
    /// How many bytes of the file have been read so far.
    public private(set) var offset: Int64 = 0

    /// Opens `path` for reading; `"-"` reads standard input.
    public init(path: String) throws(InputError) {
        if path == "-" {
            name = "[stdin]"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            name = path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                throw InputError(file: path, offset: 0, reason: .cannotOpen(errno: errno))
            }
            descriptor = fd
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if !pushedBack.isEmpty {
            let count = min(buffer.count, pushedBack.count)
            pushedBack.withUnsafeBytes { bytes in
                if let source = bytes.baseAddress { base.copyMemory(from: source, byteCount: count) }
            }
            pushedBack.removeFirst(count)
            return count
        }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 {
                offset += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw InputError(file: name, offset: offset, reason: .readFailed(errno: errno))
        }
    }

    /// Returns bytes to the front of the stream, so a caller can look at a file's magic number first.
    public func unread(_ bytes: [UInt8]) {
        pushedBack = bytes + pushedBack
    }
}
