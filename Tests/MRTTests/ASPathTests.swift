import MRT
import Testing

@Suite("AS paths")
struct ASPathTests {
    @Test("RFC 6793 merge keeps the leading ASes the AS4_PATH does not cover")
    func merge() {
        // A 2-byte speaker saw 1 2 23456 23456 5; AS4_PATH carries the last three as 4-byte ASNs.
        let path = ASPath(sequence: [1, 2, 23456, 23456, 5])
        let as4 = ASPath(sequence: [196_608, 131_072, 5])
        #expect(path.merging(as4Path: as4).flattened == [1, 2, 196_608, 131_072, 5])
    }

    @Test("an AS4_PATH longer than the AS_PATH is ignored")
    func longerAS4PathIgnored() {
        let path = ASPath(sequence: [1, 23456])
        let as4 = ASPath(sequence: [7, 8, 9])
        #expect(path.merging(as4Path: as4) == path)
    }

    @Test("a set counts as one when merging")
    func setCountsOne() {
        let path = ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1, 23456]),
                                     ASPathSegment(kind: .set, asns: [10, 11, 12])])
        let as4 = ASPath(segments: [ASPathSegment(kind: .set, asns: [10, 11, 12])])
        #expect(path.routeCount == 3)
        let merged = path.merging(as4Path: as4)
        #expect(merged.segments == [ASPathSegment(kind: .sequence, asns: [1, 23456]),
                                    ASPathSegment(kind: .set, asns: [10, 11, 12])])
    }

    @Test("origin: last AS of a sequence, the member of a singleton set, else unknown")
    func origin() {
        #expect(ASPath(sequence: [3356, 4837]).origin == 4837)
        #expect(ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1]), ASPathSegment(kind: .set, asns: [9])]).origin == 9)
        #expect(ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1]), ASPathSegment(kind: .set, asns: [8, 9])]).origin == nil)
        #expect(ASPath(segments: []).origin == nil)
    }

    @Test("bgpdump text: sets in braces, confederations in parentheses and brackets")
    func bgpdumpText() {
        let path = ASPath(segments: [ASPathSegment(kind: .confedSequence, asns: [65001, 65002]),
                                     ASPathSegment(kind: .sequence, asns: [3257, 3356]),
                                     ASPathSegment(kind: .set, asns: [100, 200]),
                                     ASPathSegment(kind: .confedSet, asns: [65010])])
        #expect(BGPDumpFormatter.pathText(path) == "(65001 65002) 3257 3356 {100,200} [65010]")
        #expect(BGPDumpFormatter.pathText(ASPath(sequence: [1, 2, 3])) == "1 2 3")
        #expect(BGPDumpFormatter.pathText(nil) == "")
    }
}

@Suite("IP addresses and prefixes")
struct IPAddressTests {
    @Test("IPv6 text forms", arguments: [
        ("2001:db8::1", UInt128(0x2001_0db8) << 96 | 1, "2001:db8::1"),
        ("fe80::", UInt128(0xfe80) << 112, "fe80::"),
        ("::ffff:193.0.0.56", UInt128(0xffff_c100_0038), "::ffff:193.0.0.56"),
        ("2001:7f8:30:0:2:1:0:8447", UInt128(0x2001_07f8_0030_0000) << 64 | UInt128(0x0002_0001_0000_8447),
         "2001:7f8:30::2:1:0:8447"),
    ])
    func ipv6Text(expected: String, value: UInt128, bgpdump: String) {
        #expect(IPAddress.v6(value).description == expected)
        #expect(IPAddress.v6(value).bgpdumpText == bgpdump)
    }

    @Test("host bits are cleared")
    func hostBits() {
        let prefix = IPPrefix(address: .v4(0x0B0D_0000), length: 13)
        #expect(prefix.description == "11.8.0.0/13")
        #expect(IPPrefix(address: .v4(0xFFFF_FFFF), length: 0).description == "0.0.0.0/0")
        #expect(IPPrefix(address: .v4(0x0A00_0000), length: 8).slash24Equivalents == 65536)
        #expect(IPPrefix(address: .v4(0x0A00_0000), length: 25).slash24Equivalents == 0.5)
    }
}
