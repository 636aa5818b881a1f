import ChokepointTestSupport
import InternetAddresses
import PrefixMatching
import Testing

@Suite("longest-prefix match")
struct PrefixTableTests {
    private func prefix(_ text: String) -> IPPrefix {
        guard let prefix = IPPrefix(text) else { fatalError("bad test prefix \(text)") }
        return prefix
    }

    @Test("nested prefixes, worked by hand")
    func nested() {
        var builder = PrefixTable<String>.Builder()
        builder.insert(prefix("10.0.0.0/8"), value: "A")
        builder.insert(prefix("10.1.0.0/16"), value: "B")
        builder.insert(prefix("10.1.2.0/24"), value: "C")
        builder.insert(prefix("10.200.0.0/16"), value: "D")
        let table = builder.build()
        #expect(table.value(for: IPAddress("10.0.0.1")!) == "A")
        #expect(table.value(for: IPAddress("10.1.0.0")!) == "B")
        #expect(table.value(for: IPAddress("10.1.2.255")!) == "C")
        #expect(table.value(for: IPAddress("10.1.3.0")!) == "B")
        #expect(table.value(for: IPAddress("10.2.0.0")!) == "A")
        #expect(table.value(for: IPAddress("10.200.255.255")!) == "D")
        #expect(table.value(for: IPAddress("10.255.255.255")!) == "A")
        #expect(table.value(for: IPAddress("11.0.0.0")!) == nil)
        #expect(table.value(for: IPAddress("9.255.255.255")!) == nil)
        // A: 10.0.0.0-10.0.255.255, B, C, B, A, D, A.
        #expect(table.intervalCount == 7)
    }

    @Test("the whole space, duplicates, and both ends of it")
    func edges() {
        var builder = PrefixTable<Int>.Builder()
        builder.insert(prefix("0.0.0.0/0"), value: 1)
        builder.insert(prefix("255.255.255.255/32"), value: 2)
        builder.insert(prefix("0.0.0.0/32"), value: 3)
        builder.insert(prefix("0.0.0.0/32"), value: 4)
        builder.insert(prefix("::/0"), value: 5)
        builder.insert(prefix("2001:db8::/32"), value: 6)
        let table = builder.build()
        #expect(table.value(for: .v4(0)) == 4)
        #expect(table.value(for: .v4(1)) == 1)
        #expect(table.value(for: .v4(.max)) == 2)
        #expect(table.value(for: .v4(.max - 1)) == 1)
        #expect(table.value(for: .v6(.max)) == 5)
        #expect(table.value(for: IPAddress("2001:db8::42")!) == 6)
        #expect(table.value(for: IPAddress("2001:db9::")!) == 5)
    }

    @Test("ranges that are not prefixes, and overlaps with a query range")
    func ranges() {
        var builder = PrefixTable<String>.Builder()
        // 10.0.0.0 + 768 addresses: a delegation block that is not a power of two.
        builder.insert(IPAddressRange(first: IPAddress("10.0.0.0")!, last: IPAddress("10.0.2.255")!)!, value: "KP")
        builder.insert(IPAddressRange(first: IPAddress("10.0.3.0")!, last: IPAddress("10.0.3.255")!)!, value: "CN")
        let table = builder.build()
        let pieces = table.overlaps(with: IPAddressRange(prefix("10.0.0.0/22")))
        #expect(pieces.map(\.value) == ["KP", "CN"])
        #expect(pieces.map(\.range.addressCount) == [768, 256])
        #expect(table.value(coveringAllOf: prefix("10.0.1.0/24")) == "KP")
        #expect(table.value(coveringAllOf: prefix("10.0.0.0/22")) == nil)
        #expect(table.overlaps(with: IPAddressRange(prefix("11.0.0.0/8"))).isEmpty)
    }

    @Test("agrees with a brute-force longest match on random prefixes", arguments: [1, 2, 3, 4, 5])
    func bruteForce(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var entries: [(IPPrefix, Int)] = []
        var builder = PrefixTable<Int>.Builder()
        for index in 0..<400 {
            // Small address space so prefixes nest and collide often.
            let length = UInt8(random.next() % 13 + 20)
            let address = UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 14)) << 4
            let prefix = IPPrefix(address: .v4(address), length: length)
            entries.append((prefix, index))
            builder.insert(prefix, value: index)
        }
        let table = builder.build()
        for _ in 0..<3000 {
            let address = UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 18))
            var best: (length: UInt8, value: Int)?
            for (prefix, value) in entries where IPAddressRange(prefix).first <= .v4(address) && .v4(address) <= IPAddressRange(prefix).last {
                if best == nil || prefix.length >= best!.length { best = (prefix.length, value) }
            }
            #expect(table.value(forIPv4: address) == best?.value, "address \(IPAddress.v4(address))")
        }
    }

    @Test("one interval covering a whole range: every address has one value, by brute force", arguments: [6, 7, 8])
    func soleValue(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var builder = PrefixTable<Int>.Builder()
        // Values unique per entry: an entry's pieces that adjoin are merged, so one value over
        // the whole range means one interval.
        for index in 0..<300 {
            let length = UInt8(random.next() % 11 + 20)
            let address = UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 14)) << 4
            builder.insert(IPPrefix(address: .v4(address), length: length), value: index)
        }
        let table = builder.build()
        var sole = 0
        for _ in 0..<1500 {
            let length = UInt8(random.next() % 9 + 24)
            let query = IPAddressRange(IPPrefix(address: .v4(UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 18))), length: length))
            guard case .v4(let first) = query.first, case .v4(let last) = query.last else { continue }
            let values = Set((first...last).map { table.value(forIPv4: $0) })
            let expected = values.count == 1 ? values.first ?? nil : nil
            #expect(table.soleValue(over: query) == expected, "range \(query)")
            if expected != nil { sole += 1 }
        }
        // Both answers must have been met for the comparison to mean anything.
        #expect(sole > 100 && sole < 1400)
    }

    @Test("what the covered parts of a range hold, against the pieces", arguments: [9, 10, 11])
    func coverage(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var builder = PrefixTable<Int>.Builder()
        // Few values over many entries: adjoining entries often share one, and gaps are left;
        // some entries and queries span several /16s, across the table's IPv4 index.
        for _ in 0..<300 {
            let length = random.next() % 25 == 0 ? UInt8(random.next() % 3 + 15) : UInt8(random.next() % 11 + 20)
            let address = UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 16)) << 4
            builder.insert(IPPrefix(address: .v4(address), length: length), value: Int(random.next() % 3))
        }
        let table = builder.build()
        var counts = (uniform: 0, mixed: 0, uncovered: 0)
        for _ in 0..<1500 {
            let length = UInt8(random.next() % 16 + 13)
            let query = IPAddressRange(IPPrefix(address: .v4(UInt32(0x0A00_0000) | UInt32(random.next() % (1 << 20))), length: length))
            let pieces = table.overlaps(with: query)
            let values = Set(pieces.map(\.value))
            let expected: PrefixTable<Int>.Coverage
            if let only = values.first, values.count == 1 {
                expected = .uniform(only)
                counts.uniform += 1
            } else if values.isEmpty {
                expected = .uncovered
                counts.uncovered += 1
            } else {
                expected = .mixed
                counts.mixed += 1
            }
            #expect(table.coverage(of: query) == expected, "range \(query)")
        }
        // Every answer must have been met, and ranges over several intervals of one value.
        #expect(counts.uniform > 100 && counts.mixed > 100 && counts.uncovered > 20, "\(counts)")
        var builderV6 = PrefixTable<String>.Builder()
        builderV6.insert(prefix("2001:db8::/33"), value: "A")
        builderV6.insert(prefix("2001:db8:8000::/33"), value: "A")
        builderV6.insert(prefix("2001:db8:1::/48"), value: "B")
        let v6 = builderV6.build()
        #expect(v6.coverage(of: IPAddressRange(prefix("2001:db8:8000::/34"))) == .uniform("A"))
        #expect(v6.coverage(of: IPAddressRange(prefix("2001:db8::/32"))) == .mixed)
        #expect(v6.coverage(of: IPAddressRange(prefix("2001:db8:1::/48"))) == .uniform("B"))
        #expect(v6.coverage(of: IPAddressRange(prefix("2001:db9::/32"))) == .uncovered)
        #expect(v6.coverage(of: IPAddressRange(prefix("10.0.0.0/8"))) == .uncovered)
    }

    @Test("one interval covering a whole IPv6 range, worked by hand")
    func soleValueIPv6() {
        var builder = PrefixTable<String>.Builder()
        builder.insert(prefix("2001:db8::/32"), value: "A")
        builder.insert(prefix("2001:db8:1::/48"), value: "B")
        let table = builder.build()
        #expect(table.soleValue(over: IPAddressRange(prefix("2001:db8:2::/48"))) == "A")
        #expect(table.soleValue(over: IPAddressRange(prefix("2001:db8:1:5::/64"))) == "B")
        #expect(table.soleValue(over: IPAddressRange(prefix("2001:db8::/32"))) == nil)
        #expect(table.soleValue(over: IPAddressRange(prefix("2001:db9::/48"))) == nil)
        #expect(table.soleValue(over: IPAddressRange(prefix("10.0.0.0/8"))) == nil)
    }

    @Test("a table rebuilt from its parts answers alike; parts no flattening makes are refused")
    func parts() {
        var builder = PrefixTable<String>.Builder()
        builder.insert(prefix("10.0.0.0/8"), value: "A")
        builder.insert(prefix("10.1.0.0/16"), value: "B")
        builder.insert(prefix("2001:db8::/32"), value: "C")
        let table = builder.build()
        let parts = table.parts
        let rebuilt = PrefixTable(parts: parts)
        #expect(rebuilt?.parts == parts)
        #expect(rebuilt?.value(for: IPAddress("10.1.2.3")!) == "B")
        #expect(rebuilt?.value(for: IPAddress("10.2.0.0")!) == "A")
        #expect(rebuilt?.value(for: IPAddress("2001:db8::1")!) == "C")
        var unsorted = parts
        unsorted.ipv4Starts.swapAt(0, 1)
        unsorted.ipv4Ends.swapAt(0, 1)
        #expect(PrefixTable(parts: unsorted) == nil)
        var overlapping = parts
        overlapping.ipv4Ends[0] = overlapping.ipv4Starts[1]
        #expect(PrefixTable(parts: overlapping) == nil)
        var outOfRange = parts
        outOfRange.ipv6ValueIndices[0] = Int32(parts.values.count)
        #expect(PrefixTable(parts: outOfRange) == nil)
        var short = parts
        short.ipv4ValueIndices.removeLast()
        #expect(PrefixTable(parts: short) == nil)
    }
}
