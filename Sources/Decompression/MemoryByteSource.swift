/// Bytes already in memory as a source: a bzip2 block decoded in pieces, hand-built records in
/// tests, fuzz inputs.
public final class MemoryByteSource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private var position = 0

    /// A source that gives `bytes`, named `name` in errors.
    public init(_ bytes: [UInt8], name: String = "memory") {
        self.bytes = bytes
        self.name = name
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0, let target = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { target.copyMemory(from: base + position, byteCount: count) }
        }
        position += count
        return count
    }
}
