import ChokepointTestSupport
import InternetAddresses
import ReferenceData
import Testing

@Suite("RIR delegation files")
struct DelegationFileTests {
    /// Record counts from `awk` over the same files; the 2014 ARIN file is cut off mid-line.
    @Test("all five RIRs of 2014 and 2018", .enabled(if: SharedData.isAvailable, SharedData.skipReason), arguments: [
        ("mirror/ftp.afrinic.net/pub/stats/afrinic/2014/delegated-afrinic-20140630", "afrinic", 4024, 0),
        ("mirror/ftp.apnic.net/stats/apnic/2014/delegated-apnic-20140805.gz", "apnic", 33992, 0),
        ("mirror/ftp.arin.net/pub/stats/arin/delegated-arin-extended-20140804", "arin", 48961, 2),
        ("mirror/ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-20140803", "lacnic", 16258, 0),
        ("mirror/ftp.ripe.net/pub/stats/ripencc/2014/delegated-ripencc-20140803.bz2", "ripencc", 86140, 0),
        ("mirror/ftp.arin.net/pub/stats/arin/delegated-arin-extended-20181013", "arin", 142_799, 0),
    ])
    func realFiles(path: String, registry: String, records: Int, warnings: Int) throws {
        let contents = try DelegationFile.read(SharedData.path(path))
        #expect(contents.registry == registry)
        #expect(contents.records.count == records)
        #expect(contents.warnings.count == warnings)
        #expect(contents.skipped.count == 0)
    }

    @Test("North Korea's block and AS in APNIC 2014", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northKorea() throws {
        let contents = try DelegationFile.read(SharedData.path("mirror/ftp.apnic.net/stats/apnic/2014/delegated-apnic-20140805.gz"))
        let korea = contents.records.filter { $0.country == "KP" }
        #expect(korea.count == 2)
        #expect(korea.contains { $0.resource == .asns(first: 131279, count: 1) })
        let block = IPAddressRange(first: IPAddress("175.45.176.0")!, last: IPAddress("175.45.179.255")!)!
        #expect(korea.contains { $0.resource == .addresses(block) && $0.status == "allocated" && $0.date == "20091221" })
    }

    @Test("extended files carry the opaque holder id", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func opaqueIDs() throws {
        let contents = try DelegationFile.read(SharedData.path("mirror/ftp.ripe.net/pub/stats/ripencc/2018/delegated-ripencc-extended-20181013.bz2"))
        let delegated = contents.records.filter(\.isDelegated)
        #expect(delegated.count > 100_000)
        #expect(delegated.allSatisfy { $0.opaqueID?.isEmpty == false })
        #expect(contents.version == "2.3" || contents.version == "2")
    }

    @Test("hand-made lines: counts that are not powers of two, IPv6 lengths, AS ranges, unknown types")
    func handMade() throws {
        let path = try temporaryFile("""
            # a comment
            2.3|test|1|4|19700101|20140101|+0000
            test|*|asn|*|1|summary
            test|*|ipv4|*|1|summary
            test|KP|asn|131279|3|20091221|allocated|org-1
            test|YE|ipv4|10.0.0.0|768|20010101|assigned|org-2
            test||ipv6|2001:db8::|32|20010101|available
            test|ZZ|widget|1|1|20010101|reserved
            """)
        let contents = try DelegationFile.read(path)
        #expect(contents.records.count == 3)
        #expect(contents.records[0].resource == .asns(first: 131279, count: 3))
        #expect(contents.records[0].opaqueID == "org-1")
        #expect(contents.records[1].resource == .addresses(IPAddressRange(first: .v4(0x0A00_0000), last: .v4(0x0A00_02FF))!))
        #expect(contents.records[2].country == nil)
        #expect(contents.records[2].isDelegated == false)
        #expect(contents.skipped.count == 1)
        #expect(contents.warnings.isEmpty)
    }

    @Test("a bad line is an error naming the file and the line")
    func badLine() throws {
        let path = try temporaryFile("2|test|1|1|19700101|20140101|+0000\ntest|KP|ipv4|175.45.999.0|1024|20091221|allocated\n")
        let error = #expect(throws: ReferenceDataError.self) { try DelegationFile.read(path) }
        #expect(error?.line == 2)
        #expect(error?.description == "\(path): line 2: field 4 (start address) \"175.45.999.0\" is not an IPv4 address")
    }

    @Test("a file that is not a delegation file")
    func notADelegationFile() throws {
        let path = try temporaryFile("1.0.0.0\t24\t15169\n")
        let error = #expect(throws: ReferenceDataError.self) { try DelegationFile.read(path) }
        #expect(error?.line == 1)
    }
}
