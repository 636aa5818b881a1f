import Synchronization

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
    /// Bytes read so far; atomic because a progress display reads it while a prefetching thread reads the file.
    private let position = Atomic<Int64>(0)
    /// How many bytes of the file have been read so far.
    public var offset: Int64 { position.load(ordering: .relaxed) }
    /// The file's size when it is a regular file (nil for standard input and pipes).
    public let size: Int64?

    /// Opens `path` for reading; `"-"` reads standard input.
    public init(path: String) throws(InputError) {
        if path == "-" {
            name = "[stdin]"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            size = nil
        } else {
            name = path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                throw InputError(file: path, offset: 0, reason: .cannotOpen(errno: errno))
            }
            descriptor = fd
            ownsDescriptor = true
            var status = stat()
            size = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int64(status.st_size) : nil
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
                position.add(Int64(count), ordering: .relaxed)
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
