import ChokepointTestSupport
import Decompression
import MRT
import Testing

/// Damage longer than the framer's search window: the records on both sides are still found, the
/// damage counted as one stretch, and the search never holds more than its window.
@Suite("damage longer than the search window")
struct LongDamageTests {
    static func records(time: UInt32, prefix: UInt8) -> [UInt8] {
        var builder = MRTBuilder()
        builder.record(time: time, type: 13, subtype: 1, body: MRTBuilder.peerIndexTable([(0xC000_0201, 30844)]))
        let attributes = MRTBuilder.attribute(1, [0]) + MRTBuilder.attribute(2, MRTBuilder.sequence([30844, 4837, 131279]))
        builder.record(time: time, type: 13, subtype: 2,
                       body: MRTBuilder.ribIPv4(prefix: [175, 45, prefix], length: 24, entries: [(0, attributes)]))
        return builder.bytes
    }

    @Test("5 MiB of random bytes between records, and 3 MiB of 0xFF after them", arguments: [false, true])
    func longDamage(ones: Bool) throws {
        var random = SplitMix(seed: 99)
        let damage = (0..<(5 << 20)).map { _ in ones ? 0xFF : UInt8(truncatingIfNeeded: random.next()) }
        let before = Self.records(time: 1_400_000_000, prefix: 176)
        let after = Self.records(time: 1_400_000_100, prefix: 177)
        let tail = [UInt8](repeating: 0xFF, count: 3 << 20)
        let reader = MRTReader(source: MemoryByteSource(before + damage + after + tail, name: "damaged.mrt"), recovers: true)
        var prefixes: [String] = []
        while let record = try reader.next() {
            for element in reader.routeElements(of: record) { prefixes.append(element.prefix.description) }
        }
        #expect(prefixes == ["175.45.176.0/24", "175.45.177.0/24"])
        #expect(reader.report.framing.resynchronisations == 2)
        #expect(reader.report.framing.bytesSkipped == Int64(damage.count + tail.count))
        #expect(reader.report.framing.firstSkippedOffsets == [Int64(before.count), Int64(before.count + damage.count + after.count)])
    }

    @Test("a stream that is all damage reads no record, and saying so is an error")
    func nothingRead() throws {
        let reader = MRTReader(source: MemoryByteSource([UInt8](repeating: 0xFF, count: 3 << 20), name: "ff.mrt"), recovers: true)
        #expect(try reader.next() == nil)
        let error = #expect(throws: MRTError.self) { try reader.requireRecords() }
        #expect(error?.description.hasPrefix("ff.mrt: no MRT record could be read (") == true)
        let empty = MRTReader(source: MemoryByteSource([], name: "empty.mrt"), recovers: true)
        #expect(try empty.next() == nil)
        #expect(throws: MRTError.self) { try empty.requireRecords() }
    }
}
