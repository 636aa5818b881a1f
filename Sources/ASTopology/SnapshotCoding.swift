import Foundation

/// Little-endian binary writing for topology snapshots, flushed to a file descriptor in blocks.
struct SnapshotWriter {
    private var buffer: [UInt8] = []
    private let handle: FileHandle

    init(handle: FileHandle) {
        self.handle = handle
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
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
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

    init(data: Data) {
        self.data = data
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
