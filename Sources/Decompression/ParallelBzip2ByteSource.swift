import CBzip2
import Dispatch
import Foundation

/// Decompresses a bzip2 file on every core: bzip2 blocks are independent, so each one found in the
/// compressed bits (by its 48-bit magic, at any bit offset) is wrapped as a stream of its own and
/// decoded by a worker, and the blocks are handed on in order.
///
/// Every block's CRC is checked (libbz2, on the one-block stream), each stream's combined CRC against
/// the one its end-of-stream marker carries, and that a stream ends before the file does. Anything
/// unexpected (damage, or a magic number that occurs by chance inside compressed data and splits a
/// block) hands the file to the sequential decoder, which reopens it, skips what was delivered and
/// goes on: its output, and its errors, are then exactly those of `Bzip2ByteSource`.
/// Memory is bounded: at most `2 × workers` blocks are in flight, and a block that decodes to more
/// than `maximumBlockOutput` (a run-length bomb) is decoded by the reading thread in pieces.
public final class ParallelBzip2ByteSource: ByteSource {
    public var name: String { file.name }
    private let file: any ByteSource
    private let path: String
    /// Decompressed bytes handed to the caller so far.
    private var delivered: Int64 = 0
    private let workers: Int
    private let queue = DispatchQueue(label: "chokepoint.bzip2", attributes: .concurrent)
    private let maximumBlockOutput: Int
    /// Compressed bytes read and not yet carved into blocks, from `bufferBitBase` (a bit offset in the file).
    private var buffer: [UInt8] = []
    private var bufferBitBase = 0
    private var fileEnded = false
    private var scanPosition = 0
    /// Where the block being carved starts (a bit offset in the file), once its magic was found.
    private var pendingBlockStart: Int?
    private var streamCRC: UInt32 = 0
    private var inStream = false
    /// Blocks in file order, decoding or decoded.
    private var inFlight: [Block] = []
    private var current: (bytes: [UInt8], position: Int)?
    private var streamingFallback: Bzip2ByteSource?
    private var finished = false

    static let blockMagic: UInt64 = 0x3141_5926_5359
    static let endMagic: UInt64 = 0x1772_4538_5090
    /// For each byte value, the bit shifts at which it is the second byte of a block magic (bits 0-7)
    /// or of an end-of-stream magic (bits 8-15).
    private static let candidates: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for shift in 0..<8 {
            table[Int(blockMagic >> (32 + UInt64(shift)) & 0xFF)] |= 1 << UInt16(shift)
            table[Int(endMagic >> (32 + UInt64(shift)) & 0xFF)] |= 1 << UInt16(8 + shift)
        }
        return table
    }()

    /// One block: its compressed bits wrapped as a stream, then what it decoded to.
    private final class Block: @unchecked Sendable {
        // `@unchecked Sendable`: `result` is written once by a worker before `done` is signalled,
        // and read by the consumer only after waiting on `done`.
        let stream: [UInt8]
        let bitOffset: Int
        let done = DispatchSemaphore(value: 0)
        var result: Result<[UInt8], InputError>?
        var tooLarge = false

        init(stream: [UInt8], bitOffset: Int) {
            self.stream = stream
            self.bitOffset = bitOffset
        }
    }

    /// Decompresses the bzip2 file `file` (positioned at its first byte) with `workers` threads.
    public init(file: any ByteSource, path: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                maximumBlockOutput: Int = 8 << 20) {
        self.file = file
        self.path = path
        self.workers = max(1, workers)
        self.maximumBlockOutput = maximumBlockOutput
    }

    public func read(into target: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if sequential == nil {
            do {
                let count = try readParallel(into: target)
                delivered += Int64(count)
                return count
            } catch {
                // Whatever went wrong, the sequential decoder has the last word: it decodes the file
                // again from the start, drops what was delivered, and goes on or fails as it would have.
                try fallBack()
            }
        }
        guard let sequential else { return 0 }
        return try sequential.read(into: target)
    }

    private var sequential: (any ByteSource)?

    /// Whether the file was handed to the sequential decoder (it was damaged, or a block could not be
    /// found where the bits said).
    public var fellBack: Bool { sequential != nil }

    private func fallBack() throws(InputError) {
        for block in inFlight { block.done.wait() }
        inFlight = []
        current = nil
        finished = true
        let decoder = try Bzip2ByteSource(upstream: try FileByteSource(path: path))
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { scratch.deallocate() }
        var skipped: Int64 = 0
        while skipped < delivered {
            let want = Int(min(Int64(scratch.count), delivered - skipped))
            let count = try decoder.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<want]))
            guard count > 0 else { break }
            skipped += Int64(count)
        }
        sequential = decoder
    }

    private func readParallel(into target: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard target.count > 0, let base = target.baseAddress else { return 0 }
        while true {
            if let fallback = streamingFallback {
                let count = try fallback.read(into: target)
                if count > 0 { return count }
                streamingFallback = nil
                continue
            }
            if var chunk = current {
                let count = min(target.count, chunk.bytes.count - chunk.position)
                if count > 0 {
                    chunk.bytes.withUnsafeBytes { source in
                        if let from = source.baseAddress { base.copyMemory(from: from + chunk.position, byteCount: count) }
                    }
                    chunk.position += count
                    current = chunk
                    return count
                }
                current = nil
            }
            try fill()
            guard !inFlight.isEmpty else { return 0 }
            let block = inFlight.removeFirst()
            block.done.wait()
            if block.tooLarge {
                // Decoded here in pieces instead of held whole.
                streamingFallback = try Bzip2ByteSource(upstream: MemoryByteSource(block.stream, name: name))
                continue
            }
            switch block.result {
            case .success(let bytes): current = (bytes, 0)
            case .failure(let error): throw error
            case nil: return 0
            }
        }
    }

    /// Carves and dispatches blocks until `2 × workers` are in flight or the file is done.
    private func fill() throws(InputError) {
        while inFlight.count < 2 * workers && !finished {
            if let block = try nextBlock() {
                inFlight.append(block)
                let limit = maximumBlockOutput
                queue.async {
                    Self.decode(block, limit: limit)
                    block.done.signal()
                }
            }
        }
    }

    /// The next block of the file, or nil when a stream ended or the file did.
    private func nextBlock() throws(InputError) -> Block? {
        while true {
            if scanPosition + 8 > buffer.count && !fileEnded {
                try readMore()
                continue
            }
            guard let (magic, start) = findMagic() else {
                if !fileEnded { continue }
                // The file ended without a magic: whatever block was open runs to the end and is cut short.
                if pendingBlockStart != nil || inStream {
                    throw InputError(file: name, offset: Int64(bufferBitBase / 8 + buffer.count), reason: .truncatedCompressedData(format: .bzip2))
                }
                try checkTrailer(from: bufferBitBase + buffer.count * 8)
                finished = true
                return nil
            }
            if !inStream {
                // A stream starts with "BZh" and a level; its first block follows at once.
                try checkStreamHeader(before: start)
                inStream = true
                streamCRC = 0
            }
            let previous = pendingBlockStart
            if magic == Self.blockMagic {
                pendingBlockStart = start
            } else {
                pendingBlockStart = nil
            }
            var block: Block?
            if let previous {
                block = try carve(from: previous, to: start)
            }
            if magic == Self.endMagic {
                try endStream(at: start)
            }
            if let block { return block }
        }
    }

    private func readMore() throws(InputError) {
        // Drop what lies before anything still needed.
        let keepFromBit = min(pendingBlockStart ?? (bufferBitBase + scanPosition * 8), bufferBitBase + scanPosition * 8)
        let dropBytes = max(0, keepFromBit / 8 - bufferBitBase / 8 - 8)
        if dropBytes > 0 {
            buffer.removeFirst(dropBytes)
            bufferBitBase += dropBytes * 8
            scanPosition -= dropBytes
        }
        let chunk = 1 << 20
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let source = file
        let outcome = buffer.withUnsafeMutableBytes { raw -> Result<Int, InputError> in
            do throws(InputError) {
                return .success(try source.readFully(into: UnsafeMutableRawBufferPointer(rebasing: raw[old...])))
            } catch {
                return .failure(error)
            }
        }
        let count = try outcome.get()
        buffer.removeLast(chunk - count)
        if count < chunk { fileEnded = true }
    }

    /// The next magic at or after the scan position (its kind and bit offset in the file).
    private func findMagic() -> (UInt64, Int)? {
        // Position j is the magic's second byte; the 8 bytes from j - 1 hold it at any shift.
        var j = max(scanPosition, 1)
        let end = buffer.count - 7
        while j < end {
            let mask = Self.candidates[Int(buffer[j])]
            if mask != 0 {
                var window: UInt64 = 0
                for index in 0..<8 { window = window << 8 | UInt64(buffer[j - 1 + index]) }
                for shift in 0..<8 {
                    let bits = window >> (16 - UInt64(shift)) & 0xFFFF_FFFF_FFFF
                    let offset = bufferBitBase + (j - 1) * 8 + shift
                    if mask & (1 << UInt16(shift)) != 0, bits == Self.blockMagic, offset >= (pendingBlockStart.map { $0 + 48 } ?? 0) {
                        scanPosition = j + 1
                        return (Self.blockMagic, offset)
                    }
                    if mask & (1 << UInt16(8 + shift)) != 0, bits == Self.endMagic, offset >= (pendingBlockStart.map { $0 + 48 } ?? 0) {
                        scanPosition = j + 1
                        return (Self.endMagic, offset)
                    }
                }
            }
            j += 1
        }
        scanPosition = max(j, 1)
        return nil
    }

    private func bit(_ position: Int) -> UInt8 {
        let index = position / 8 - bufferBitBase / 8
        return buffer[index] >> UInt8(7 - position % 8) & 1
    }

    private func bits(_ position: Int, count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count { value = value << 1 | UInt64(bit(position + index)) }
        return value
    }

    /// Wraps the bits of one block as a stream: header, the block, an end marker with its CRC.
    private func carve(from start: Int, to end: Int) throws(InputError) -> Block {
        let crc = UInt32(truncatingIfNeeded: bits(start + 48, count: 32))
        streamCRC = (streamCRC << 1 | streamCRC >> 31) ^ crc
        var writer = BitWriter()
        writer.bytes = [0x42, 0x5A, 0x68, 0x39]
        writer.append(bufferBits: buffer, from: start - bufferBitBase, to: end - bufferBitBase)
        writer.append(Self.endMagic, count: 48)
        writer.append(UInt64(crc), count: 32)
        writer.finish()
        return Block(stream: writer.bytes, bitOffset: start)
    }

    private func endStream(at start: Int) throws(InputError) {
        // The marker's 32-bit CRC must be in the buffer: read on if not.
        while start + 80 > bufferBitBase + buffer.count * 8 && !fileEnded { try readMore() }
        guard start + 80 <= bufferBitBase + buffer.count * 8 else {
            throw InputError(file: name, offset: Int64(start / 8), reason: .truncatedCompressedData(format: .bzip2))
        }
        let stored = UInt32(truncatingIfNeeded: bits(start + 48, count: 32))
        guard stored == streamCRC else {
            throw InputError(file: name, offset: Int64(start / 8), reason: .corruptCompressedData(format: .bzip2, code: -4))
        }
        inStream = false
        // The next stream, if any, starts at the next whole byte.
        let next = (start + 80 + 7) / 8 * 8
        scanPosition = max(scanPosition, next / 8 - bufferBitBase / 8)
        try checkTrailer(from: next)
    }

    /// After a stream: nothing, or another stream's header.
    private func checkTrailer(from bitOffset: Int) throws(InputError) {
        // Reading on may drop bytes from the front, so the position is worked out again each time.
        while bitOffset / 8 - bufferBitBase / 8 + 4 > buffer.count && !fileEnded { try readMore() }
        let at = bitOffset / 8 - bufferBitBase / 8
        guard at < buffer.count else { return }
        guard at + 4 <= buffer.count, buffer[at] == 0x42, buffer[at + 1] == 0x5A, buffer[at + 2] == 0x68,
              (0x31...0x39).contains(buffer[at + 3]) else {
            throw InputError(file: name, offset: Int64(bitOffset / 8), reason: .corruptCompressedData(format: .bzip2, code: -5))
        }
    }

    private func checkStreamHeader(before start: Int) throws(InputError) {
        let header = start - 32
        guard header >= bufferBitBase, header % 8 == 0 else {
            throw InputError(file: name, offset: Int64(max(0, header) / 8), reason: .corruptCompressedData(format: .bzip2, code: -5))
        }
        let at = header / 8 - bufferBitBase / 8
        guard buffer[at] == 0x42, buffer[at + 1] == 0x5A, buffer[at + 2] == 0x68, (0x31...0x39).contains(buffer[at + 3]) else {
            throw InputError(file: name, offset: Int64(header / 8), reason: .corruptCompressedData(format: .bzip2, code: -5))
        }
    }

    /// Decodes one block's stream on a worker.
    private static func decode(_ block: Block, limit: Int) {
        var stream = bz_stream()
        guard BZ2_bzDecompressInit(&stream, 0, 0) == chokepoint_bz_ok() else {
            block.result = .failure(InputError(file: "", offset: Int64(block.bitOffset / 8), reason: .decoderSetupFailed(format: .bzip2, code: -3)))
            return
        }
        defer { BZ2_bzDecompressEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var produced = 0
        var code: Int32 = 0
        block.stream.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
            stream.avail_in = UInt32(input.count)
            while true {
                if produced == output.count {
                    if output.count >= limit {
                        block.tooLarge = true
                        return
                    }
                    output.append(contentsOf: repeatElement(0, count: output.count))
                }
                code = output.withUnsafeMutableBytes { raw in
                    stream.next_out = raw.baseAddress?.advanced(by: produced).assumingMemoryBound(to: CChar.self)
                    stream.avail_out = UInt32(raw.count - produced)
                    let code = BZ2_bzDecompress(&stream)
                    produced = raw.count - Int(stream.avail_out)
                    return code
                }
                if code != chokepoint_bz_ok() { return }
                if stream.avail_in == 0 && produced < output.count { return }
            }
        }
        if block.tooLarge { return }
        guard code == chokepoint_bz_stream_end() else {
            block.result = .failure(InputError(file: "", offset: Int64(block.bitOffset / 8),
                                               reason: code == chokepoint_bz_ok() ? .truncatedCompressedData(format: .bzip2)
                                                   : .corruptCompressedData(format: .bzip2, code: code)))
            return
        }
        output.removeLast(output.count - produced)
        block.result = .success(output)
    }
}

/// Appends bits to bytes, most significant first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var pending: UInt64 = 0
    private var pendingCount = 0

    mutating func append(_ value: UInt64, count: Int) {
        for index in stride(from: count - 1, through: 0, by: -1) {
            pending = pending << 1 | (value >> UInt64(index) & 1)
            pendingCount += 1
            if pendingCount == 8 {
                bytes.append(UInt8(pending))
                pending = 0
                pendingCount = 0
            }
        }
    }

    /// Appends bits `from..<to` of `source` (bit 0 the first byte's highest bit); starts byte-aligned.
    mutating func append(bufferBits source: [UInt8], from: Int, to: Int) {
        var position = from
        let shift = from % 8
        var index = from / 8
        // Whole output bytes from two input bytes each.
        bytes.reserveCapacity(bytes.count + (to - from) / 8 + 16)
        while position + 8 <= to {
            let high = UInt16(source[index]) << 8 | UInt16(index + 1 < source.count ? source[index + 1] : 0)
            bytes.append(UInt8(truncatingIfNeeded: high >> UInt16(8 - shift)))
            index += 1
            position += 8
        }
        while position < to {
            append(UInt64(source[position / 8] >> UInt8(7 - position % 8) & 1), count: 1)
            position += 1
        }
    }

    /// Pads the last byte with zero bits.
    mutating func finish() {
        if pendingCount > 0 {
            bytes.append(UInt8(pending << UInt64(8 - pendingCount)))
            pending = 0
            pendingCount = 0
        }
    }
}
