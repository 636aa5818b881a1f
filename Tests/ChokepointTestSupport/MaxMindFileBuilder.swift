/// Writes small MaxMind DB files byte by byte, per the MaxMind DB format specification (version 2),
/// so that tests can build sound and hostile databases that no real one would be.
public struct MaxMindFileBuilder {
    /// A value of the data or metadata section, encoded as the format says.
    public indirect enum Value {
        case string(String)
        case uint16(UInt16)
        case uint32(UInt32)
        case uint64(UInt64)
        case map([(String, Value)])
        /// A pointer to an offset in its section.
        case pointer(Int)
    }

    /// The search tree: each node's left and right records (24-bit records).
    public var nodes: [(left: Int, right: Int)] = []
    /// The data section's bytes.
    public var data: [UInt8] = []
    /// The metadata map; `node_count`, `record_size` and `ip_version` are added when absent.
    public var metadata: [(String, Value)] = []
    /// 4 or 6.
    public var ipVersion = 4
    /// Bytes placed after the metadata map (metadata pointers are relative to the map's start).
    public var metadataSuffix: [UInt8] = []

    public init() {}

    /// Encodes `value`.
    public static func encode(_ value: Value) -> [UInt8] {
        func control(_ type: Int, _ size: Int) -> [UInt8] {
            var bytes: [UInt8]
            let sizeBits: Int
            var extra: [UInt8] = []
            if size < 29 {
                sizeBits = size
            } else if size < 285 {
                sizeBits = 29
                extra = [UInt8(size - 29)]
            } else {
                sizeBits = 30
                extra = [UInt8((size - 285) >> 8), UInt8((size - 285) & 0xFF)]
            }
            if type <= 7 {
                bytes = [UInt8(type << 5 | sizeBits)]
            } else {
                bytes = [UInt8(sizeBits), UInt8(type - 7)]
            }
            bytes += extra
            return bytes
        }
        func bigEndian(_ value: UInt64) -> [UInt8] {
            var bytes: [UInt8] = []
            var rest = value
            while rest > 0 {
                bytes.insert(UInt8(rest & 0xFF), at: 0)
                rest >>= 8
            }
            return bytes
        }
        switch value {
        case .string(let text):
            let bytes = Array(text.utf8)
            return control(2, bytes.count) + bytes
        case .uint16(let number):
            let bytes = bigEndian(UInt64(number))
            return control(5, bytes.count) + bytes
        case .uint32(let number):
            let bytes = bigEndian(UInt64(number))
            return control(6, bytes.count) + bytes
        case .uint64(let number):
            let bytes = bigEndian(number)
            return control(9, bytes.count) + bytes
        case .map(let entries):
            return control(7, entries.count) + entries.flatMap { encode(.string($0.0)) + encode($0.1) }
        case .pointer(let offset):
            // Size class 3: a 4-byte pointer, no bias.
            return [UInt8(1 << 5 | 3 << 3)] + [UInt8(offset >> 24 & 0xFF), UInt8(offset >> 16 & 0xFF), UInt8(offset >> 8 & 0xFF), UInt8(offset & 0xFF)]
        }
    }

    /// The whole file.
    public func bytes() -> [UInt8] {
        var file: [UInt8] = []
        for node in nodes {
            for record in [node.left, node.right] {
                file += [UInt8(record >> 16 & 0xFF), UInt8(record >> 8 & 0xFF), UInt8(record & 0xFF)]
            }
        }
        file += [UInt8](repeating: 0, count: 16)
        file += data
        file += [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)
        file += metadataMap() + metadataSuffix
        return file
    }

    /// The metadata map as encoded, with the required keys added.
    public func metadataMap() -> [UInt8] {
        var entries = metadata
        if !entries.contains(where: { $0.0 == "node_count" }) { entries.append(("node_count", .uint32(UInt32(nodes.count)))) }
        if !entries.contains(where: { $0.0 == "record_size" }) { entries.append(("record_size", .uint16(24))) }
        if !entries.contains(where: { $0.0 == "ip_version" }) { entries.append(("ip_version", .uint16(UInt16(ipVersion)))) }
        return Self.encode(.map(entries))
    }
}
