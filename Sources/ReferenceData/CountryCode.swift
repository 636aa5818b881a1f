import Decompression

/// An ISO 3166-1 alpha-2 country code, as RIRs and geolocation databases write it (upper case).
public struct CountryCode: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The two letters packed into 16 bits.
    public let rawValue: UInt16

    /// Creates a code from two letters; nil unless the text is two ASCII letters.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 2 else { return nil }
        self.init(bytes: bytes[0], bytes[1])
    }

    init?(bytes first: UInt8, _ second: UInt8) {
        func upper(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 32
            default: return nil
            }
        }
        guard let a = upper(first), let b = upper(second) else { return nil }
        rawValue = UInt16(a) << 8 | UInt16(b)
    }

    /// Creates a code from its packed form (`rawValue`); nil unless both bytes are ASCII letters.
    public init?(rawValue: UInt16) {
        self.init(bytes: UInt8(rawValue >> 8), UInt8(rawValue & 0xff))
    }

    /// Creates a code from a literal such as `"KP"`; a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        guard let code = CountryCode(value) else { preconditionFailure("not a country code: \(value)") }
        self = code
    }

    public var description: String {
        String(decoding: [UInt8(rawValue >> 8), UInt8(rawValue & 0xff)], as: UTF8.self)
    }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CountryCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a country code: \(InputQuotation.quote(text))"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
