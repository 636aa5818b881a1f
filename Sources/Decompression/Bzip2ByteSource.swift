import CBzip2

/// Decompresses a bzip2 stream, including several streams concatenated (as `lbzip2` and `pbzip2` write).
public final class Bzip2ByteSource: ByteSource {
    public var name: String { upstream.name }
    private let upstream: any ByteSource
    /// libbz2 keeps pointers into the stream structure, so it lives at a fixed heap address.
    private let stream: UnsafeMutablePointer<bz_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var upstreamEnded = false
    private var streamOpen = false
    private var finished = false
    private var compressedOffset: Int64 = 0

    /// Decompresses `upstream`, reading it `inputChunkSize` bytes at a time.
    public init(upstream: any ByteSource, inputChunkSize: Int = 1 << 18) throws(InputError) {
        self.upstream = upstream
        stream = .allocate(capacity: 1)
        stream.initialize(to: bz_stream())
        input = .allocate(byteCount: inputChunkSize, alignment: 16)
        try openStream()
    }

    deinit {
        if streamOpen { BZ2_bzDecompressEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    private func openStream() throws(InputError) {
        let nextIn = stream.pointee.next_in
        let availIn = stream.pointee.avail_in
        let code = BZ2_bzDecompressInit(stream, 0, 0)
        guard code == chokepoint_bz_ok() else {
            throw InputError(file: name, offset: compressedOffset,
                             reason: .decoderSetupFailed(format: .bzip2, code: code))
        }
        stream.pointee.next_in = nextIn
        stream.pointee.avail_in = availIn
        streamOpen = true
    }

    private func refill() throws(InputError) {
        let count = try upstream.read(into: input)
        if count == 0 {
            upstreamEnded = true
            return
        }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_in = UInt32(count)
        compressedOffset += Int64(count)
    }

    private var consumedOffset: Int64 { compressedOffset - Int64(stream.pointee.avail_in) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        while !finished {
            if stream.pointee.avail_in == 0 && !upstreamEnded {
                try refill()
            }
            if !streamOpen {
                // A stream ended; another may follow, or the input is done.
                if stream.pointee.avail_in == 0 && upstreamEnded {
                    finished = true
                    break
                }
                try openStream()
            }
            stream.pointee.next_out = base.assumingMemoryBound(to: CChar.self)
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let code = BZ2_bzDecompress(stream)
            let produced = min(buffer.count, Int(UInt32.max)) - Int(stream.pointee.avail_out)
            if code == chokepoint_bz_stream_end() {
                BZ2_bzDecompressEnd(stream)
                streamOpen = false
            } else if code != chokepoint_bz_ok() {
                throw InputError(file: name, offset: consumedOffset,
                                 reason: .corruptCompressedData(format: .bzip2, code: code))
            } else if produced == 0 && stream.pointee.avail_in == 0 && upstreamEnded {
                throw InputError(file: name, offset: consumedOffset,
                                 reason: .truncatedCompressedData(format: .bzip2))
            }
            if produced > 0 { return produced }
        }
        return 0
    }
}
