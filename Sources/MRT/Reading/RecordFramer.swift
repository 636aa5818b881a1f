import Decompression

#if canImport(Glibc)
import Glibc
#endif

/// A record as framed from the stream: header and body bytes, before decoding.
///
/// `body` points into the framer's buffer and is valid only until the next call to `next()`.
struct FramedRecord {
    var header: MRTHeader
    var body: UnsafeRawBufferPointer
    var offset: Int64
    var index: Int
}

/// Cuts a decompressed stream into MRT records, recovering from the framing damage found in real
/// archives: TABLE_DUMP lengths declared 4 bytes short, damaged record boundaries, and files cut
/// off mid-record.
///
/// Each record's framing is confirmed by looking at the header that follows it; when that header
/// cannot be real, the framer searches forward for the next pair of plausible headers.
final class RecordFramer {
    private let source: any ByteSource
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    /// Stream offset of `storage[start]`.
    private var streamOffset: Int64 = 0
    private var nextIndex = 0
    private var lastTimestamp: UInt32?
    /// Damaged bytes after the record last returned, dropped before the next one is framed.
    private var pendingSkip = 0
    let recovers: Bool
    private(set) var recovery = FramingRecovery()
    /// Records longer than this are taken for damage: no collector writes records near it.
    static let maximumRecordLength: UInt32 = 64 << 20
    /// How far apart in time a header found by searching may be from the last good one.
    static let resynchronisationWindow: UInt32 = 86_400
    /// The longest record a search will accept, so that damaged bytes cannot make it read far ahead.
    static let resynchronisationLengthLimit: UInt32 = 4 << 20
    /// How many bytes a search looks through before dropping them and looking further: with the
    /// length limit above, what damage can make the framer hold stays under 8 MiB.
    static let searchWindowBytes = 1 << 20

    init(source: any ByteSource, recovers: Bool, initialCapacity: Int = 4 << 20) {
        self.source = source
        self.recovers = recovers
        capacity = initialCapacity
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    var name: String { source.name }

    /// Makes at least `count` bytes available from `start`; returns false if the input ends first.
    ///
    /// The buffer grows only as data arrives, so a damaged length asking for megabytes near the end
    /// of a small input costs nothing.
    private func ensure(_ count: Int) throws(MRTError) -> Bool {
        if end - start >= count { return true }
        if sourceEnded { return false }
        if count > capacity - start, start > 0 {
            storage.copyMemory(from: storage + start, byteCount: end - start)
            end -= start
            start = 0
        }
        while end - start < count && !sourceEnded {
            if end == capacity {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                grown.copyMemory(from: storage + start, byteCount: end - start)
                storage.deallocate()
                storage = grown
                capacity *= 2
                end -= start
                start = 0
            }
            let free = UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end)
            let read: Int
            do {
                read = try source.read(into: free)
            } catch {
                if error.isTruncation && recovers {
                    recovery.compressedStreamTruncated = true
                    recovery.truncationMessage = error.description
                    sourceEnded = true
                    break
                }
                throw MRTError(file: name, recordIndex: nil, offset: streamOffset + Int64(end - start), reason: .input(error))
            }
            if read == 0 { sourceEnded = true }
            end += read
        }
        return end - start >= count
    }

    // One load each, not one per byte: a header is read twice for every record (as the record's,
    // and as the check that the record ends where a header starts).
    private func uint16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: storage.loadUnaligned(fromByteOffset: start + offset, as: UInt16.self))
    }
    private func uint32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: storage.loadUnaligned(fromByteOffset: start + offset, as: UInt32.self))
    }

    private struct RawHeader {
        var timestamp: UInt32
        var type: UInt16
        var subtype: UInt16
        var length: UInt32
    }

    private func rawHeader(at offset: Int) -> RawHeader {
        RawHeader(timestamp: uint32(offset), type: uint16(offset + 4), subtype: uint16(offset + 6), length: uint32(offset + 8))
    }

    private static func isPlausible(_ header: RawHeader) -> Bool {
        guard MRTRecordType.isKnown(header.type), header.length <= maximumRecordLength else { return false }
        switch MRTRecordType(rawValue: header.type) {
        case .bgp: return header.subtype <= 9
        case .tableDump: return (1...4).contains(header.subtype)
        case .tableDumpV2: return (1...12).contains(header.subtype)
        case .bgp4mp: return header.subtype <= 11
        case .bgp4mpET: return header.subtype <= 11 && header.length >= 4
        default: return true
        }
    }

    private func isPlausibleNearby(_ header: RawHeader, reference: UInt32) -> Bool {
        guard Self.isPlausible(header) else { return false }
        let distance = header.timestamp > reference ? header.timestamp - reference : reference - header.timestamp
        return distance <= Self.resynchronisationWindow
    }

    /// Whether the bytes at `offset` are the end of the input or a plausible header.
    private func boundaryIsSound(at offset: Int) throws(MRTError) -> Bool {
        if try !ensure(offset + 12) {
            // The input ends here, or within a header (which the next call reports), except for a
            // TABLE_DUMP record followed by exactly the 4 bytes its declared length left out.
            let isShortTableDump = uint16(4) == MRTRecordType.tableDump.rawValue && end - start == offset + 4
            return !isShortTableDump
        }
        return Self.isPlausible(rawHeader(at: offset))
    }

    /// Returns the next record, or nil at the end of the input.
    func next() throws(MRTError) -> FramedRecord? {
        if pendingSkip > 0 {
            skip(pendingSkip)
            pendingSkip = 0
        }
        while true {
            guard try ensure(12) else {
                let leftover = end - start
                if leftover == 0 { return nil }
                if recovers {
                    recovery.truncatedTailBytes += Int64(leftover)
                    advance(leftover)
                    return nil
                }
                throw MRTError(file: name, recordIndex: nextIndex, offset: streamOffset, reason: .truncatedHeader(available: leftover))
            }
            let raw = rawHeader(at: 0)
            guard Self.isPlausible(raw) else {
                if recovers, try resynchronise() { continue }
                throw MRTError(file: name, recordIndex: nextIndex, offset: streamOffset,
                               reason: .implausibleHeader(type: raw.type, subtype: raw.subtype, length: raw.length))
            }
            var length = Int(raw.length)
            guard try ensure(12 + length) else {
                let available = end - start - 12
                if recovers {
                    recovery.truncatedTailBytes += Int64(end - start)
                    advance(end - start)
                    return nil
                }
                throw MRTError(file: name, recordIndex: nextIndex, offset: streamOffset,
                               reason: .truncatedRecord(declaredLength: raw.length, available: available))
            }
            if recovers, try !boundaryIsSound(at: 12 + length) {
                if raw.type == MRTRecordType.tableDump.rawValue, try ensure(12 + length + 4),
                   try boundaryIsSound(at: 12 + length + 4) || end - start == 12 + length + 4 {
                    // Early RIS TABLE_DUMP records declare a length 4 bytes short of what they hold.
                    length += 4
                    recovery.tableDumpLengthsCorrected += 1
                } else {
                    // Either this record's length is wrong or damage follows an intact record: the
                    // next plausible header tells which.
                    let reference = lastTimestamp ?? raw.timestamp
                    let found = try findPlausibleHeader(after: 0, before: 12 + length + Self.searchWindowBytes, reference: reference)
                    if let found, found < 12 + length {
                        skip(found)
                        continue
                    }
                    // Nothing plausible near the end of this record: take the record, and let the
                    // next call resynchronise from its end, window by window.
                    if let found { pendingSkip = found - (12 + length) }
                }
            }
            var header = MRTHeader(timestamp: raw.timestamp, type: MRTRecordType(rawValue: raw.type),
                                   subtype: raw.subtype, length: UInt32(length))
            var bodyStart = start + 12
            var bodyLength = length
            if header.type == .bgp4mpET {
                header.microseconds = uint32(12)
                header.length -= 4
                bodyStart += 4
                bodyLength -= 4
            }
            let record = FramedRecord(header: header,
                                      body: UnsafeRawBufferPointer(start: storage + bodyStart, count: bodyLength),
                                      offset: streamOffset, index: nextIndex)
            nextIndex += 1
            lastTimestamp = raw.timestamp
            advance(12 + length)
            return record
        }
    }

    private func advance(_ count: Int) {
        start += count
        streamOffset += Int64(count)
    }

    /// Finds the nearest offset after `from` and before `limit` (relative to the current position)
    /// holding a plausible header whose successor is plausible too, or that ends the input exactly;
    /// nil if none does.
    private func findPlausibleHeader(after from: Int, before limit: Int, reference: UInt32) throws(MRTError) -> Int? {
        var candidate = from + 1
        while candidate < limit {
            guard try ensure(candidate + 12) else { return nil }
            // Every known record type is below 256, so a header's type field starts with a zero
            // byte: jump to the next one instead of trying every offset.
            let loaded = min(limit + 4, end - start)
            guard let zero = firstZero(from: candidate + 4, before: loaded) else {
                candidate = loaded - 4
                continue
            }
            candidate = zero - 4
            guard try ensure(candidate + 12) else { return nil }
            let header = rawHeader(at: candidate)
            if isPlausibleNearby(header, reference: reference), header.length <= Self.resynchronisationLengthLimit {
                let following = candidate + 12 + Int(header.length)
                if try ensure(following + 12) {
                    if isPlausibleNearby(rawHeader(at: following), reference: reference) { return candidate }
                } else if end - start == following {
                    return candidate
                }
            }
            candidate += 1
        }
        return nil
    }

    /// The offset (relative to the current position) of the first zero byte in `from..<before`.
    private func firstZero(from: Int, before: Int) -> Int? {
        guard from < before else { return nil }
        guard let found = memchr(storage + start + from, 0, before - from) else { return nil }
        return (storage + start).distance(to: UnsafeMutableRawPointer(found))
    }

    /// Drops bytes from the current position up to the next plausible header (or the end), counting
    /// them as one damaged stretch. The search drops each window it has looked through, so memory
    /// stays bounded however long the damage runs.
    private func resynchronise() throws(MRTError) -> Bool {
        let reference = lastTimestamp ?? rawHeader(at: 0).timestamp
        var skipped = 0
        while true {
            // The first window starts after the implausible header; later ones at their first byte.
            let after = skipped == 0 ? 0 : -1
            if let target = try findPlausibleHeader(after: after, before: Self.searchWindowBytes, reference: reference) {
                skip(target, continuing: skipped > 0)
                return true
            }
            let available = end - start
            guard available > 12 || !sourceEnded else {
                skip(available, continuing: skipped > 0)
                return true
            }
            // Keep the last bytes, which may begin a header the next window completes.
            let dropped = min(Self.searchWindowBytes, max(1, available - 12))
            skip(dropped, continuing: skipped > 0)
            skipped += dropped
        }
    }

    /// Drops `count` damaged bytes; `continuing` when they extend the stretch skipped last.
    private func skip(_ count: Int, continuing: Bool = false) {
        if !continuing {
            recovery.resynchronisations += 1
            if recovery.firstSkippedOffsets.count < 10 { recovery.firstSkippedOffsets.append(streamOffset) }
        }
        recovery.bytesSkipped += Int64(count)
        advance(count)
    }
}

/// What the framer recovered from, counted.
public struct FramingRecovery: Hashable, Sendable, Codable {
    /// TABLE_DUMP records whose declared length was 4 bytes short, and were read whole.
    public var tableDumpLengthsCorrected = 0
    /// Times a damaged record boundary was skipped over to the next plausible record.
    public var resynchronisations = 0
    /// Bytes skipped while resynchronising.
    public var bytesSkipped: Int64 = 0
    /// Stream offsets where skipping began (the first ten).
    public var firstSkippedOffsets: [Int64] = []
    /// Bytes of an incomplete record at the end of the input, dropped.
    public var truncatedTailBytes: Int64 = 0
    /// Whether the compressed stream ended before its end marker.
    public var compressedStreamTruncated = false
    /// The decompressor's message when it did.
    public var truncationMessage: String?

    /// Creates zero counts.
    public init() {}

    /// Whether anything was recovered from.
    public var isEmpty: Bool {
        tableDumpLengthsCorrected == 0 && resynchronisations == 0 && truncatedTailBytes == 0 && !compressedStreamTruncated
    }
}
