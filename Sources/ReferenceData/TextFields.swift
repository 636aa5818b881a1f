import Decompression

/// Splits a line's bytes on a separator without making strings, and parses numbers from fields.
struct TextFields {
    private(set) var fields: [UnsafeRawBufferPointer] = []

    init(_ line: UnsafeRawBufferPointer, separator: UInt8, limit: Int = 16) {
        var start = 0
        for index in 0..<line.count where line[index] == separator && fields.count < limit - 1 {
            fields.append(UnsafeRawBufferPointer(rebasing: line[start..<index]))
            start = index + 1
        }
        fields.append(UnsafeRawBufferPointer(rebasing: line[start..<line.count]))
    }

    var count: Int { fields.count }

    subscript(index: Int) -> UnsafeRawBufferPointer { fields[index] }

    func string(_ index: Int) -> String {
        String(decoding: fields[index], as: UTF8.self)
    }

    /// The field quoted for an error message (at most `InputQuotation.limit` characters).
    func quoted(_ index: Int) -> String {
        fields[index].quoted
    }
}

extension UnsafeRawBufferPointer {
    /// The field as a decimal number, nil if it is not one or overflows.
    var decimalValue: UInt64? {
        guard !isEmpty, count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in self {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = product.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// The field as a 32-bit AS number.
    var asnValue: UInt32? {
        decimalValue.flatMap { $0 <= UInt64(UInt32.max) ? UInt32($0) : nil }
    }

    var text: String { String(decoding: self, as: UTF8.self) }

    /// The bytes quoted for an error message (at most `InputQuotation.limit` characters).
    var quoted: String { InputQuotation.quote(bytes: self) }

    func starts(with byte: UInt8) -> Bool { first == byte }
}
