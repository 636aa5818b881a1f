/// A 64-bit digest over a stream of bytes: two lanes of multiply-rotate mixing over 16-byte blocks,
/// a few GB/s, and the same value however the stream is cut into chunks. Not cryptographic: it
/// tells a changed or damaged file from the one expected, not a forgery.
struct Digest64 {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    /// Bytes of an incomplete block, carried to the next chunk.
    private var tail: [UInt8] = []
    private(set) var length: Int64 = 0

    private static func mix(_ lane: UInt64, _ word: UInt64, _ multiplier: UInt64) -> UInt64 {
        let combined = (lane ^ (word &* 0xFF51_AFD7_ED55_8CCD)) &* multiplier
        return (combined << 31 | combined >> 33) &+ word
    }

    private mutating func block(_ a: UInt64, _ b: UInt64) {
        first = Self.mix(first, a, 0x87C3_7B91_1142_53D5)
        second = Self.mix(second, b, 0x4CF5_AD43_2745_937F)
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        length += Int64(bytes.count)
        var index = 0
        if !tail.isEmpty {
            while tail.count < 16, index < bytes.count {
                tail.append(bytes[index])
                index += 1
            }
            guard tail.count == 16 else { return }
            tail.withUnsafeBytes { block(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)),
                                         UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) }
            tail.removeAll(keepingCapacity: true)
        }
        while index + 16 <= bytes.count {
            block(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)),
                  UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)))
            index += 16
        }
        if index < bytes.count { tail.append(contentsOf: bytes[index...]) }
    }

    /// The digest of everything absorbed.
    func finish() -> UInt64 {
        var lanes = self
        if !tail.isEmpty {
            var padded = tail + [UInt8](repeating: 0, count: 16 - tail.count)
            padded[15] ^= UInt8(tail.count)
            padded.withUnsafeBytes { lanes.block(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)),
                                                 UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) }
        }
        var value = lanes.first ^ Self.mix(lanes.second, UInt64(bitPattern: length), 0x4CF5_AD43_2745_937F)
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value = value &* 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
