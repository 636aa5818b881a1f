import ChokepointTestSupport
import Foundation
import ReferenceData
import Testing

/// Text reference files as an attacker would write them: numbers past every integer type, blocks
/// that run off the end of the address space, and lines of many megabytes. Each must give one short
/// error naming the file, the line and the field, never a trap or an echo of the whole input.
@Suite("hostile reference text")
struct HostileTextInputTests {
    /// 2^64: one more than the largest UInt64, which the decimal parser once overflowed on.
    static let twoToThe64 = "18446744073709551616"

    static let delegatedHeader = "2|apnic|20140805|3|19830613|20140804|+1000\n"

    func error(_ body: () throws -> Void) -> ReferenceDataError? {
        #expect(throws: ReferenceDataError.self) { try body() }
    }

    @Test("2^64 in a prefix-to-AS origin, a prefix length and an AS set")
    func prefixToASNumbers() throws {
        for (line, field) in [("1.0.0.0\t24\t\(Self.twoToThe64)", "field 3"), ("1.0.0.0\t\(Self.twoToThe64)\t15169", "field 2"),
                              ("1.0.0.0\t24\t15169,\(Self.twoToThe64)", "field 3"), ("1.0.0.0\t24\t4294967296", "field 3")] {
            let path = try temporaryFile("1.0.4.0\t22\t56203\n\(line)\n")
            let failure = error { _ = try PrefixToASFile.read(path) }
            #expect(failure?.line == 2)
            #expect(failure?.description.contains(field) == true, "\(failure?.description ?? "")")
            #expect(failure?.file == path)
        }
    }

    @Test("2^64 in an AS relationship, a Tor range and an AS-names line")
    func otherNumbers() throws {
        let relationships = try temporaryFile("1|\(Self.twoToThe64)|-1\n")
        #expect(error { _ = try ASRelationships.read(relationships) }?.description.contains("line 1: field 2 (AS number)") == true)
        let tor = try temporaryFile("\(Self.twoToThe64),\(Self.twoToThe64),US\n")
        #expect(error { _ = try TorGeoIPFile.read(tor) }?.line == 1)
        let names = try temporaryFile("asn,name\n\(Self.twoToThe64),Example\n")
        #expect(error { _ = try ASNamesFile.read(names) }?.description.contains("line 2: field 1 (AS number)") == true)
    }

    @Test("delegation counts past Int, blocks past 2^32, AS blocks past 2^32")
    func delegationRanges() throws {
        let cases: [(String, String)] = [
            ("apnic|*|ipv4|*|9223372036854775808|summary", "field 5 (summary count)"),
            ("apnic|*|ipv4|*|\(Self.twoToThe64)|summary", "field 5 (summary count)"),
            ("apnic|KP|ipv4|255.255.255.0|257|20100101|allocated", "field 5 (address count)"),
            ("apnic|KP|ipv4|1.0.0.0|18446744073709551615|20100101|allocated", "field 5 (address count)"),
            ("apnic|KP|ipv4|1.0.0.0|\(Self.twoToThe64)|20100101|allocated", "field 5 (address count)"),
            ("apnic|KP|asn|4294967295|2|20100101|allocated", "field 5 (AS count)"),
            ("apnic|KP|asn|\(Self.twoToThe64)|1|20100101|allocated", "field 4 (first AS number)"),
            ("apnic|KP|ipv6|2001:db8::|\(Self.twoToThe64)|20100101|allocated", "field 5 (prefix length)"),
        ]
        for (line, field) in cases {
            let path = try temporaryFile(Self.delegatedHeader + line + "\n")
            let failure = error { _ = try DelegationFile.read(path) }
            #expect(failure?.line == 2, "\(line)")
            #expect(failure?.description.contains(field) == true, "\(line): \(failure?.description ?? "nil")")
        }
        // The last address of IPv4 is a block of its own; it must still be accepted.
        let edge = try temporaryFile(Self.delegatedHeader + "apnic|KP|ipv4|255.255.255.0|256|20100101|allocated\n")
        #expect(try DelegationFile.read(edge).records.count == 1)
    }

    @Test("a 100 MB line is refused at the line limit, and no message quotes more than 80 characters")
    func longLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-long-\(UUID().uuidString)").path
        let line = String(repeating: "7", count: 100 << 20)
        try ("1|2|-1\n" + line + "|3|0\n").write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let started = Date()
        let failure = error { _ = try ASRelationships.read(path) }
        #expect(failure?.line == 2)
        #expect(failure?.description.contains("longer than 1024 KiB") == true)
        #expect((failure?.description.count ?? .max) < 300)
        // Generous: the fault was 77 s of writing a 100 MB message; the limit stops at 1 MiB read.
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("a long bad field is quoted to 80 characters")
    func quotedField() throws {
        let long = String(repeating: "x", count: 5000)
        let path = try temporaryFile("1|\(long)|-1\n")
        let message = error { _ = try ASRelationships.read(path) }?.description ?? ""
        #expect(message.contains("\"" + String(repeating: "x", count: 80) + "\"… (5000 bytes)"))
        #expect(message.count < 250)
    }
}
