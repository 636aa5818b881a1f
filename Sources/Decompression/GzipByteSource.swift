import CZlib

/// Decompresses gzip data, including files made of several gzip members one after another.
public final class GzipByteSource: ByteSource {
    public var name: String { upstream.name }
    private let upstream: any ByteSource
    /// zlib keeps pointers into the stream structure, so it lives at a fixed heap address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var upstreamEnded = false
    private var memberEnded = false
    private var finished = false
    private var compressedOffset: Int64 = 0

    /// Bytes after the last complete member that do not start another member (often zero padding).
    /// They are not decompressed; the count is kept so that callers can report them.
    public private(set) var trailingBytesIgnored: Int64 = 0

    /// Decompresses `upstream`, reading it `inputChunkSize` bytes at a time.
    public init(upstream: any ByteSource, inputChunkSize: Int = 1 << 18) throws(InputError) {
        self.upstream = upstream
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputChunkSize, alignment: 16)
        let code = chokepoint_inflate_init_auto(stream)
        guard code == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw InputError(file: upstream.name, offset: 0,
                             reason: .decoderSetupFailed(format: .gzip, code: code))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Reads more input after any bytes zlib has not consumed yet, which move to the front of the buffer.
    private func refill() throws(InputError) {
        let leftover = Int(stream.pointee.avail_in)
        guard let base = input.baseAddress else { return }
        if leftover > 0, let pending = stream.pointee.next_in {
            base.copyMemory(from: pending, byteCount: leftover)
        }
        let count = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: input[leftover...]))
        if count == 0 { upstreamEnded = true }
        stream.pointee.next_in = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(leftover + count)
        compressedOffset += Int64(count)
    }

    private var consumedOffset: Int64 { compressedOffset - Int64(stream.pointee.avail_in) }

    /// After a member ends, decides whether another member follows.
    private func startNextMember() throws(InputError) {
        while stream.pointee.avail_in < 2 && !upstreamEnded {
            try refill()
        }
        let available = Int(stream.pointee.avail_in)
        guard available > 0, let next = stream.pointee.next_in else {
            finished = true
            return
        }
        if available >= 2 && next[0] == 0x1f && next[1] == 0x8b {
            inflateReset(stream)
            memberEnded = false
            return
        }
        trailingBytesIgnored += Int64(available)
        stream.pointee.avail_in = 0
        try drainUpstream()
    }

    private func drainUpstream() throws(InputError) {
        while !upstreamEnded {
            let count = try upstream.read(into: input)
            if count == 0 { upstreamEnded = true } else { trailingBytesIgnored += Int64(count) }
        }
        finished = true
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        while !finished {
            if memberEnded {
                try startNextMember()
                continue
            }
            if stream.pointee.avail_in == 0 && !upstreamEnded {
                try refill()
            }
            let capacity = min(buffer.count, Int(UInt32.max))
            stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(capacity)
            let code = inflate(stream, Z_NO_FLUSH)
            let produced = capacity - Int(stream.pointee.avail_out)
            switch code {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK:
                break
            case Z_BUF_ERROR:
                if stream.pointee.avail_in == 0 && upstreamEnded && produced == 0 {
                    throw InputError(file: name, offset: consumedOffset,
                                     reason: .truncatedCompressedData(format: .gzip))
                }
            default:
                throw InputError(file: name, offset: consumedOffset,
                                 reason: .corruptCompressedData(format: .gzip, code: code))
            }
            if produced > 0 { return produced }
            if code == Z_OK && stream.pointee.avail_in == 0 && upstreamEnded {
                throw InputError(file: name, offset: consumedOffset,
                                 reason: .truncatedCompressedData(format: .gzip))
            }
        }
        return 0
    }
}
