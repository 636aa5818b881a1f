/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IPv4 address, most significant byte first.
    case v4(UInt32)
    /// An IPv6 address, most significant byte first.
    case v6(UInt128)

    /// The address family.
    public var family: AddressFamily {
        switch self {
        case .v4: return .ipv4
        case .v6: return .ipv6
        }
    }

    /// The address in the usual text form: dotted quad, or RFC 5952 style for IPv6 with the
    /// IPv4-mapped and IPv4-compatible forms written as glibc's `inet_ntop` writes them.
    public var description: String {
        switch self {
        case .v4(let value):
            return Self.dottedQuad(value)
        case .v6(let value):
            return Self.ipv6Text(value)
        }
    }

    static func dottedQuad(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
    }

    static func ipv6Text(_ value: UInt128) -> String {
        var words = [UInt16](repeating: 0, count: 8)
        for index in 0..<8 {
            words[index] = UInt16(truncatingIfNeeded: value >> (112 - 16 * UInt128(index)))
        }
        // The longest run of two or more zero words is written "::" (the first one on a tie).
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && words[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if index == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)) {
                if !text.hasSuffix(":") { text += ":" }
                text += dottedQuad(UInt32(truncatingIfNeeded: value))
                break
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            text += String(words[index], radix: 16)
            index += 1
        }
        return text
    }

    /// The address as bgpdump writes it: like `description`, except that IPv6 compresses the first
    /// longest run of zero words even when it is a single word (`2001:7f8:30::2:1:0:8447`), and
    /// writes IPv4-compatible addresses (`::a.b.c.d`) whenever the top 96 bits are zero.
    public var bgpdumpText: String {
        guard case .v6(let value) = self else { return description }
        if value >> 32 == 0xffff {
            return "::ffff:" + Self.dottedQuad(UInt32(truncatingIfNeeded: value))
        }
        if value >> 32 == 0 && value > 1 {
            return "::" + Self.dottedQuad(UInt32(truncatingIfNeeded: value))
        }
        var words = [UInt16](repeating: 0, count: 8)
        for index in 0..<8 {
            words[index] = UInt16(truncatingIfNeeded: value >> (112 - 16 * UInt128(index)))
        }
        var bestStart = -1, bestLength = 0
        var index = 0
        while index < 8 {
            var length = 0
            while index + length < 8 && words[index + length] == 0 { length += 1 }
            if length > bestLength { bestStart = index; bestLength = length }
            index += max(length, 1)
        }
        var text = ""
        index = 0
        while index < 8 {
            if index == bestStart {
                text += index == 0 ? "::" : ":"
                index += bestLength
                continue
            }
            text += String(words[index], radix: 16)
            if index != 7 { text += ":" }
            index += 1
        }
        return text
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a), .v6(let b)): return a < b
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}
