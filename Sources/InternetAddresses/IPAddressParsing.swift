extension IPAddress {
    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail).
    ///
    /// Returns nil for anything else, so callers can report the line that held it.
    public init?(_ text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        if utf8.contains(UInt8(ascii: ":")) {
            guard let value = Self.parseIPv6(&utf8) else { return nil }
            self = .v6(value)
        } else {
            guard let value = Self.parseIPv4(utf8[...]) else { return nil }
            self = .v4(value)
        }
    }

    /// Parses the same text given as UTF-8 bytes (a field of a line read from a file, say), with
    /// no string made: a dotted quad is read in place. (Bytes of one concrete type: a generic
    /// public initialiser ran unspecialised from other modules, slower than making the string.)
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        if bytes.contains(UInt8(ascii: ":")) {
            var copy = Array(bytes)
            guard let value = Self.parseIPv6(&copy) else { return nil }
            self = .v6(value)
        } else {
            guard let value = Self.parseIPv4(bytes) else { return nil }
            self = .v4(value)
        }
    }

    static func parseIPv4(_ bytes: some Sequence<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var parts = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                parts += 1
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | octet
    }

    static func parseIPv6(_ bytes: inout [UInt8]) -> UInt128? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        var index = 0
        if bytes.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            index = 2
        } else if bytes.first == UInt8(ascii: ":") {
            return nil
        }
        while index < bytes.count {
            // A group, or an IPv4 tail.
            var end = index
            while end < bytes.count && bytes[end] != UInt8(ascii: ":") { end += 1 }
            let group = bytes[index..<end]
            if group.contains(UInt8(ascii: ".")) {
                guard end == bytes.count, let v4 = parseIPv4(group) else { return nil }
                let words = [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
                if sawDoubleColon { tail += words } else { head += words }
                index = end
                break
            }
            guard !group.isEmpty, group.count <= 4 else { return nil }
            var word: UInt16 = 0
            for byte in group {
                guard let digit = hexValue(byte) else { return nil }
                word = word << 4 | UInt16(digit)
            }
            if sawDoubleColon { tail.append(word) } else { head.append(word) }
            index = end
            if index < bytes.count {
                index += 1  // the colon
                if index < bytes.count && bytes[index] == UInt8(ascii: ":") {
                    guard !sawDoubleColon else { return nil }
                    sawDoubleColon = true
                    index += 1
                } else if index == bytes.count {
                    return nil
                }
            }
        }
        let total = head.count + tail.count
        guard sawDoubleColon ? total <= 7 : total == 8 else { return nil }
        let words = head + [UInt16](repeating: 0, count: 8 - total) + tail
        return words.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension IPPrefix {
    /// Parses `address/length`; returns nil when either part is invalid or the length too long.
    public init?(_ text: some StringProtocol) {
        guard let slash = text.firstIndex(of: "/"),
              let address = IPAddress(text[text.startIndex..<slash]),
              let length = UInt8(text[text.index(after: slash)...]),
              length <= address.family.maximumPrefixLength else { return nil }
        self.init(address: address, length: length)
    }
}
