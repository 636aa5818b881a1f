import Decompression
import MRT
import Testing

/// Bad input gets a typed error naming the file, the record and the byte offset; never a trap.
@Suite("malformed input")
struct MalformedInputTests {
    private func reader(_ bytes: [UInt8], recovers: Bool = false) -> MRTReader {
        MRTReader(source: MemoryByteSource(bytes, name: "test.mrt"), recovers: recovers)
    }

    private func validRIB() -> MRTBuilder {
        var builder = MRTBuilder()
        builder.record(time: 1_400_000_000, type: 13, subtype: 1,
                       body: MRTBuilder.peerIndexTable([(0xC000_0201, 30844)]))
        let attributes = MRTBuilder.attribute(1, [0]) + MRTBuilder.attribute(2, MRTBuilder.sequence([30844, 4837, 131279]))
        builder.record(time: 1_400_000_000, type: 13, subtype: 2,
                       body: MRTBuilder.ribIPv4(prefix: [175, 45, 176], length: 24, entries: [(0, attributes)]))
        return builder
    }

    @Test("a hand-built RIB decodes to the values put in")
    func handBuiltRIB() throws {
        let reader = reader(validRIB().bytes)
        let records = try reader.readAll()
        #expect(records.count == 2)
        let elements = reader.routeElements(of: records[1])
        #expect(elements.count == 1)
        #expect(elements[0].prefix.description == "175.45.176.0/24")
        #expect(elements[0].peerAS == 30844)
        #expect(elements[0].peerAddress.description == "192.0.2.1")
        #expect(elements[0].asPath?.flattened == [30844, 4837, 131279])
        #expect(elements[0].asPath?.origin == 131279)
        #expect(elements[0].origin == .igp)
    }

    @Test("a file ending inside a header")
    func truncatedHeader() throws {
        var bytes = validRIB().bytes
        bytes += [0x53, 0x00, 0x00]
        let error = #expect(throws: MRTError.self) { try reader(bytes).readAll() }
        #expect(error?.reason == .truncatedHeader(available: 3))
        #expect(error?.recordIndex == 2)
        #expect(error?.offset == Int64(bytes.count - 3))
        #expect(error?.description.hasPrefix("test.mrt: record 2: byte \(bytes.count - 3): file ends inside a record header") == true)

        let recovering = reader(bytes, recovers: true)
        #expect(try recovering.readAll().count == 2)
        #expect(recovering.report.framing.truncatedTailBytes == 3)
    }

    @Test("a record running past the end of the file")
    func truncatedRecord() throws {
        var bytes = validRIB().bytes
        bytes.removeLast(5)
        let error = #expect(throws: MRTError.self) { try reader(bytes).readAll() }
        guard case .truncatedRecord(let declared, let available)? = error?.reason else {
            Issue.record("wrong reason: \(String(describing: error))")
            return
        }
        #expect(available == Int(declared) - 5)
        #expect(error?.recordIndex == 1)
    }

    @Test("a prefix length over 32")
    func prefixTooLong() throws {
        var builder = MRTBuilder()
        builder.record(time: 1, type: 13, subtype: 1, body: MRTBuilder.peerIndexTable([(1, 1)]))
        builder.record(time: 1, type: 13, subtype: 2, body: MRTBuilder.ribIPv4(prefix: [10, 0, 0, 0, 0], length: 33, entries: []))
        let error = #expect(throws: MRTError.self) { try reader(builder.bytes).readAll() }
        #expect(error?.reason == .malformedRecord("RIB prefix: prefix length 33 exceeds 32"))
        #expect(error?.recordIndex == 1)
        // The length byte sits after the 12-byte header and the 4-byte sequence number.
        let recordStart = Int64(builder.bytes.count - 12 - 4 - 1 - 5 - 2)
        #expect(error?.offset == recordStart + 12 + 4)
    }

    @Test("an attribute overrunning its entry")
    func attributeOverrun() throws {
        var builder = MRTBuilder()
        builder.record(time: 1, type: 13, subtype: 1, body: MRTBuilder.peerIndexTable([(1, 1)]))
        // AS_PATH claims 20 bytes but the entry holds 6.
        let attributes: [UInt8] = [0x40, 2, 20, 2, 1, 0, 0, 0, 1]
        builder.record(time: 1, type: 13, subtype: 2, body: MRTBuilder.ribIPv4(prefix: [10], length: 8, entries: [(0, attributes)]))
        let error = #expect(throws: MRTError.self) { try reader(builder.bytes).readAll() }
        guard case .malformedRecord(let message)? = error?.reason else {
            Issue.record("wrong reason")
            return
        }
        #expect(message == "attribute 2 value needs 20 bytes but only 6 remain")

        let recovering = reader(builder.bytes, recovers: true)
        #expect(try recovering.readAll().count == 1)
        #expect(recovering.report.corruptRecords == 1)
    }

    @Test("an unknown address family")
    func unknownAFI() throws {
        var builder = MRTBuilder()
        let body = MRTBuilder.body { body in
            body.u16(1); body.u16(2); body.u16(0); body.u16(7)  // AFI 7
            body.u32(0); body.u32(0); body.u16(1); body.u16(6)
        }
        builder.record(time: 1, type: 16, subtype: 0, body: body)
        let error = #expect(throws: MRTError.self) { try reader(builder.bytes).readAll() }
        #expect(error?.reason == .malformedRecord("unknown address family 7"))
    }

    @Test("a RIB entry naming a peer the table lacks")
    func unknownPeer() throws {
        var builder = MRTBuilder()
        builder.record(time: 1, type: 13, subtype: 1, body: MRTBuilder.peerIndexTable([(1, 1)]))
        builder.record(time: 1, type: 13, subtype: 2, body: MRTBuilder.ribIPv4(prefix: [10], length: 8, entries: [(3, [])]))
        #expect(throws: MRTError.self) { try reader(builder.bytes).readAll() }
        let fast = reader(builder.bytes, recovers: true)
        try fast.forEachPathObservation { _ in Issue.record("no route expected") }
        #expect(fast.report.corruptRecords == 1)
    }

    @Test("records of unknown types are skipped and counted")
    func unknownTypes() throws {
        var builder = validRIB()
        builder.record(time: 1_400_000_000, type: 48, subtype: 0, body: [1, 2, 3])  // ISIS
        builder.record(time: 1_400_000_000, type: 13, subtype: 7, body: [0, 0])       // GEO_PEER_TABLE
        let reader = reader(builder.bytes)
        #expect(try reader.readAll().count == 2)
        #expect(reader.report.unsupportedRecords == 2)
        #expect(reader.report.records == 4)
    }

    @Test("garbage between records is skipped to the next plausible header")
    func resynchronises() throws {
        var builder = validRIB()
        builder.bytes += [0xde, 0xad, 0xbe, 0xef, 0x00, 0x99, 0x12]
        let second = validRIB()
        builder.bytes += second.bytes
        let reader = reader(builder.bytes, recovers: true)
        #expect(try reader.readAll().count == 4)
        #expect(reader.report.framing.resynchronisations == 1)
        #expect(reader.report.framing.bytesSkipped == 7)
    }

    @Test("random bytes never trap")
    func fuzz() throws {
        var generator = SystemRandomNumberGenerator()
        let base = validRIB().bytes
        for _ in 0..<500 {
            var bytes = base
            for _ in 0..<4 {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? reader(bytes).readAll()
            let recovering = reader(bytes, recovers: true)
            _ = try? recovering.readAll()
            try? reader(bytes, recovers: true).forEachPathObservation { _ in }
        }
    }
}
