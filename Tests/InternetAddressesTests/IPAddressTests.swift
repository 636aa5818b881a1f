import InternetAddresses
import Testing

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

@Suite("parsing addresses and prefixes")
struct IPAddressParsingTests {
    @Test("valid text", arguments: [
        ("175.45.176.0", IPAddress.v4(0xAF2D_B000)),
        ("0.0.0.0", .v4(0)),
        ("255.255.255.255", .v4(.max)),
        ("2001:db8::1", .v6(UInt128(0x2001_0db8) << 96 | 1)),
        ("::", .v6(0)),
        ("::1", .v6(1)),
        ("fe80::", .v6(UInt128(0xfe80) << 112)),
        ("::ffff:193.0.0.56", .v6(0xffff_c100_0038)),
        ("2001:0:ffff:ffff:ffff:ffff:ffff:ffff", .v6(UInt128(0x2001_0000_ffff_ffff) << 64 | UInt128(UInt64.max))),
    ])
    func parses(text: String, expected: IPAddress) {
        #expect(IPAddress(text) == expected)
    }

    @Test("invalid text", arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "2001:db8:::1", ":1", "1:2:3:4:5:6:7:8:9",
                                      "12345::", "g::1", "1.2.3.4/8", "2001:db8::1:"])
    func rejects(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("prefixes and ranges")
    func prefixes() {
        #expect(IPPrefix("175.45.176.0/22")?.description == "175.45.176.0/22")
        #expect(IPPrefix("10.0.0.0/33") == nil)
        #expect(IPPrefix("2001:db8::/32")?.length == 32)
        let range = IPAddressRange(IPPrefix("175.45.176.0/22")!)
        #expect(range.last == IPAddress("175.45.179.255"))
        #expect(range.addressCount == 1024)
        #expect(IPAddressRange(IPPrefix("0.0.0.0/0")!).last == .v4(.max))
        #expect(IPAddressRange(IPPrefix("::/0")!).last == .v6(.max))
    }
}
