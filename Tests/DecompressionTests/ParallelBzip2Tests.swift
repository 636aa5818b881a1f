import ChokepointTestSupport
import Decompression
import Foundation
import Testing

/// The block-parallel bzip2 decoder against the sequential one (libbz2 on the whole stream), on the
/// real 2014 RIB and on files made to test its edges.
@Suite("parallel bzip2", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct ParallelBzip2Tests {
    static let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")

    /// Everything `source` gives, or the error it ends with.
    private func drain(_ source: any ByteSource) -> (bytes: [UInt8], error: String?) {
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100_003, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let count = try source.read(into: buffer)
                if count == 0 { break }
                bytes.append(contentsOf: buffer[..<count])
            }
        } catch {
            return (bytes, "\(error)")
        }
        return (bytes, nil)
    }

    private func sequential(_ path: String) throws -> (bytes: [UInt8], error: String?) {
        drain(try Bzip2ByteSource(upstream: try FileByteSource(path: path)))
    }

    private func parallel(_ path: String, workers: Int = 2, maximumBlockOutput: Int = 8 << 20)
        throws -> (bytes: [UInt8], error: String?, fellBack: Bool) {
        let source = ParallelBzip2ByteSource(file: try FileByteSource(path: path), path: path, workers: workers,
                                             maximumBlockOutput: maximumBlockOutput)
        let (bytes, error) = drain(source)
        return (bytes, error, source.fellBack)
    }

    private func scratch(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-pbz-\(UUID().uuidString).bz2").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("the real RIB: the same bytes as the sequential decoder, with 1, 2 and 3 workers")
    func realRIB() throws {
        let expected = try sequential(Self.rib)
        #expect(expected.error == nil)
        #expect(expected.bytes.count > 30_000_000)
        for workers in [1, 2, 3] {
            let got = try parallel(Self.rib, workers: workers)
            #expect(got.error == nil)
            #expect(!got.fellBack, "\(workers) workers")
            #expect(got.bytes.count == expected.bytes.count && got.bytes == expected.bytes, "\(workers) workers")
        }
        // Blocks that decode to more than the limit are decoded in pieces by the reader: same bytes.
        let pieces = try parallel(Self.rib, maximumBlockOutput: 1 << 20)
        let same = pieces.bytes == expected.bytes
        #expect(same && !pieces.fellBack)
    }

    @Test("two streams one after the other (as lbzip2 and pbzip2 write) read as one")
    func concatenated() throws {
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: Self.rib)))
        let path = try scratch(whole + whole)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = try sequential(path)
        let got = try parallel(path)
        #expect(got.error == nil)
        #expect(!got.fellBack)
        let same = got.bytes == expected.bytes
        #expect(same)
    }

    @Test("a file cut short or damaged ends as the sequential decoder ends it, with the same error")
    func damaged() throws {
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: Self.rib)))
        var flipped = whole
        flipped[whole.count / 2] ^= 0x10
        for bytes in [Array(whole[..<(whole.count / 2)]), flipped, whole + [0x00, 0x01, 0x02]] {
            let path = try scratch(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let expected = try sequential(path)
            let got = try parallel(path)
            #expect(expected.error != nil)
            #expect(got.error == expected.error)
            #expect(got.fellBack)
            // Both stop inside the damaged block; libbz2 drops what the failing call decoded, so where
            // exactly depends on the sizes read: what each delivered agrees, and differs by under a read.
            let common = min(got.bytes.count, expected.bytes.count)
            let agree = got.bytes[..<common] == expected.bytes[..<common]
            #expect(agree)
            #expect(abs(got.bytes.count - expected.bytes.count) <= 1 << 20)
        }
    }
}
