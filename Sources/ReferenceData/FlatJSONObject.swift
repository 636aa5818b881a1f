import Decompression

/// One JSON object whose values are strings, numbers, booleans or null, parsed from a line's bytes:
/// what CAIDA's JSON-lines files hold, read without building a tree per line.
struct FlatJSONObject {
    /// Each key's value as text (numbers and booleans as written; null as nil).
    private(set) var values: [String: String?] = [:]

    /// Why a line is not such an object.
    struct Failure: Error {
        var message: String
    }

    init(_ line: UnsafeRawBufferPointer) throws(Failure) {
        var index = 0
        func skipSpace() {
            while index < line.count, [0x20, 0x09, 0x0D].contains(line[index]) { index += 1 }
        }
        func expect(_ byte: UInt8) throws(Failure) {
            skipSpace()
            guard index < line.count, line[index] == byte else {
                throw Failure(message: "expected \"\(Character(Unicode.Scalar(byte)))\" at character \(index + 1)")
            }
            index += 1
        }
        func string() throws(Failure) -> String {
            try expect(UInt8(ascii: "\""))
            var bytes: [UInt8] = []
            while index < line.count {
                let byte = line[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: bytes, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < line.count else { break }
                    let escaped = line[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "b"), UInt8(ascii: "f"): bytes.append(0x20)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= line.count,
                              let code = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: line[index..<index + 4]), as: UTF8.self), radix: 16) else {
                            throw Failure(message: "bad \\u escape at character \(index)")
                        }
                        index += 4
                        bytes += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
                    default: bytes.append(escaped)
                    }
                default:
                    bytes.append(byte)
                }
            }
            throw Failure(message: "a string runs to the end of the line")
        }
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if index < line.count, line[index] == UInt8(ascii: "}") { return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            guard index < line.count else { throw Failure(message: "a value is missing at the end of the line") }
            if line[index] == UInt8(ascii: "\"") {
                values[key] = .some(try string())
            } else {
                let start = index
                while index < line.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x20].contains(line[index]) { index += 1 }
                let word = String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<index]), as: UTF8.self)
                guard word == "null" || word == "true" || word == "false" || Double(word) != nil else {
                    throw Failure(message: "value of \(InputQuotation.quote(key)) is not a string, number, boolean or null")
                }
                values[key] = word == "null" ? .some(nil) : .some(word)
            }
            skipSpace()
            guard index < line.count else { throw Failure(message: "the object is not closed") }
            if line[index] == UInt8(ascii: "}") { return }
            try expect(UInt8(ascii: ","))
        }
    }

    /// The value of `key` as text, nil when absent or null.
    subscript(key: String) -> String? {
        values[key] ?? nil
    }
}
