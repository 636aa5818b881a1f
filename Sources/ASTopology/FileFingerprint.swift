import Decompression

/// A 64-bit digest of a file's bytes (as stored, compressed or not), so that a cache keyed by it is
/// never served for a file whose content changed, whatever its name or modification time say.
public struct FileFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The digest.
    public var digest: UInt64
    /// The file's length in bytes.
    public var length: Int64

    /// Reads `path` whole, in blocks, and digests it.
    public init(path: String) throws(InputError) {
        let file = try FileByteSource(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        var state = FingerprintState()
        var length: Int64 = 0
        while true {
            let count = try file.readFully(into: buffer)
            if count == 0 { break }
            state.absorb(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            length += Int64(count)
            if count < buffer.count { break }
        }
        digest = state.finish(length: length)
        self.length = length
    }

    /// Digests bytes in memory.
    public init(bytes: [UInt8]) {
        var state = FingerprintState()
        bytes.withUnsafeBytes { state.absorb($0) }
        digest = state.finish(length: Int64(bytes.count))
        length = Int64(bytes.count)
    }

    public var description: String {
        let hex = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Two lanes of multiply-rotate mixing over 8-byte words: a few GB/s, and every bit of input
/// reaches the digest. Not cryptographic; it guards a cache, not against an adversary.
private struct FingerprintState {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var tail: [UInt8] = []

    private static func mix(_ lane: UInt64, _ word: UInt64, _ multiplier: UInt64) -> UInt64 {
        let combined = (lane ^ (word &* 0xFF51_AFD7_ED55_8CCD)) &* multiplier
        return (combined << 31 | combined >> 33) &+ word
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        // Blocks that are multiples of 16 bytes digest as one pass would; a carried tail keeps others consistent too.
        if !tail.isEmpty {
            while tail.count < 8, index < bytes.count {
                tail.append(bytes[index])
                index += 1
            }
            absorbTailIfWhole()
        }
        while index + 16 <= bytes.count {
            let a = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let b = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
            first = Self.mix(first, a, 0x87C3_7B91_1142_53D5)
            second = Self.mix(second, b, 0x4CF5_AD43_2745_937F)
            index += 16
        }
        while index < bytes.count {
            tail.append(bytes[index])
            index += 1
            absorbTailIfWhole()
        }
    }

    private mutating func absorbTailIfWhole() {
        guard tail.count == 8 else { return }
        let word = tail.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        first = Self.mix(first, word, 0x87C3_7B91_1142_53D5)
        swap(&first, &second)
        tail.removeAll()
    }

    func finish(length: Int64) -> UInt64 {
        var last: UInt64 = 0
        for (shift, byte) in tail.enumerated() { last |= UInt64(byte) << (8 * UInt64(shift)) }
        var value = Self.mix(first, last, 0x87C3_7B91_1142_53D5) ^ Self.mix(second, UInt64(length), 0x4CF5_AD43_2745_937F)
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        return value
    }
}
