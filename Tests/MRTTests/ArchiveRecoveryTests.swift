import ChokepointTestSupport
import MRT
import Testing

/// The producer bugs real RIS archives are known to carry, recovered from and counted.
@Suite("recovery on real archives")
struct ArchiveRecoveryTests {
    @Test("1999-2000 TABLE_DUMP records declared 4 bytes short are read whole",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func shortTableDumpLengths() throws {
        let reader = try MRTReader(path: SharedData.path("mirror/data.ris.ripe.net/rrc00/2000.01/bview.20000111.0032.gz"))
        var routes = 0
        try reader.forEach { routes += reader.routeElements(of: $0).count }
        // Every one of the 2,490 records is 4 bytes short; each packs many RIB entries.
        #expect(reader.report.records == 2490)
        #expect(reader.report.framing.tableDumpLengthsCorrected == 2490)
        #expect(reader.report.framing.resynchronisations == 0)
        #expect(reader.report.corruptRecords == 0)
        #expect(routes == 452_018)
    }

    @Test("two damaged record boundaries are skipped over", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func damagedBoundaries() throws {
        let reader = try MRTReader(path: SharedData.path("mirror/data.ris.ripe.net/rrc00/2000.03/updates.20000325.0345.gz"))
        var routes = 0
        try reader.forEach { routes += reader.routeElements(of: $0).count }
        #expect(reader.report.framing.resynchronisations == 2)
        // At byte 188 a header lost its last two bytes: the next record starts 10 bytes in.
        // At byte 4554, 14 stray bytes follow an intact state-change record.
        #expect(reader.report.framing.bytesSkipped == 24)
        #expect(reader.report.framing.firstSkippedOffsets == [188, 4554])
        #expect(reader.report.corruptRecords == 0)
        // 4,660 announcements and 718 withdrawals (`mrt dump` also prints 306 state changes).
        #expect(routes == 5378)
    }

    @Test("damage is an error in strict mode", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func strictModeStops() throws {
        let reader = try MRTReader(path: SharedData.path("mirror/data.ris.ripe.net/rrc00/2000.03/updates.20000325.0345.gz"),
                                   recovers: false)
        #expect(throws: MRTError.self) { try reader.readAll() }
    }

    @Test("shortened 8-byte state changes of rrc01 2000.11 are read", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func shortStateChanges() throws {
        let reader = try MRTReader(path: SharedData.path("mirror/data.ris.ripe.net/rrc01/2000.11/updates.20001104.0124.gz"))
        let records = try reader.readAll()
        #expect(records.count == 1286)
        #expect(reader.report.decoding.shortStateChanges == 42)
        #expect(reader.report.corruptRecords == 0)
    }

    @Test("a file cut after record 796 reads to its end", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func truncatedSample() throws {
        let reader = try MRTReader(path: SharedData.path("samples/truncated/rrc03-updates.20100227.1600.first-796-records.gz"))
        let records = try reader.readAll()
        #expect(records.count == 796)
        #expect(reader.report.framing.isEmpty)
    }
}

/// Type 5 (BGP) records of 1999 as bgpdump 1.6.2 prints them, except its withdrawal lines, where
/// bgpdump prints the peer address in place of the prefix (two `inet_ntoa` calls share a buffer).
@Suite("legacy type 5 records")
struct LegacyBGPRecordTests {
    @Test("announcement and withdrawal lines", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func lines() throws {
        let reader = try MRTReader(path: SharedData.path("mirror/data.ris.ripe.net/rrc00/2000.01/updates.20000102.2014.gz"))
        var text = ""
        for _ in 0..<12 {
            guard let record = try reader.next() else { break }
            BGPDumpFormatter().write(record, peers: nil, to: &text)
        }
        let lines = text.split(separator: "\n")
        // No community column: bgpdump's "|AG|" here is the separator it omits plus the AG column.
        #expect(lines.contains("BGP|946844091|A|195.211.222.254|5409|206.224.32.0/19|5409 6427 6461 568|IGP|195.211.222.254|0|0|AG|568 198.26.118.1|"))
        #expect(lines.contains("BGP|946844092|W|192.65.184.1|513|195.201.0.0/16"))
    }
}
