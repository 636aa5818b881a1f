import ChokepointTestSupport
import Decompression
import Foundation
import MRT
import Testing

/// `chokepoint mrt dump` against bgpdump's own conformance suite: the expected files are what
/// RIPE NCC's bgpdump printed for each input, and ours must match byte for byte.
@Suite("bgpdump -m conformance")
struct BGPDumpConformanceTests {
    static let inputs: [String] = SharedData.files(under: "conformance/bgpdump/test_data").map {
        URL(fileURLWithPath: $0).lastPathComponent
    }

    @Test("byte-identical to bgpdump's expected output", .enabled(if: SharedData.isAvailable, SharedData.skipReason),
          arguments: inputs)
    func matchesExpectedOutput(input: String) throws {
        let reader = try MRTReader(path: SharedData.path("conformance/bgpdump/test_data/\(input)"))
        let formatter = BGPDumpFormatter()
        var ours = ""
        while let record = try reader.next() {
            formatter.write(record, peers: reader.peerIndexTable, to: &ours)
        }
        let expected = try Self.decompressedText(SharedData.path("conformance/bgpdump/test_expect/\(input).bgp.gz"))
        let ourLines = ours.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ourLines.count == expectedLines.count, "line count for \(input)")
        if let first = zip(ourLines, expectedLines).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("\(input) line \(first.offset + 1):\n ours:     \(first.element.0)\n expected: \(first.element.1)")
        }
        #expect(ours == expected)
        #expect(reader.report.corruptRecords == 0)
    }

    @Test("the suite is all there", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func suiteIsPresent() {
        #expect(Self.inputs.count == 12)
    }

    static func decompressedText(_ path: String) throws -> String {
        let (source, _, _) = try InputFile.open(path, prefetch: false)
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            bytes += chunk.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
