import Decompression

/// Reads AS names from a CSV file of `asn,name` lines (as the IPFire location database exports
/// them; the name may be quoted, with `""` for a quote).
public enum ASNamesFile {
    /// Reads `path` (any compression); the header line `asn,name` is skipped.
    public static func read(_ path: String) throws(ReferenceDataError) -> [UInt32: String] {
        let reader = try LineReader.opening(path)
        var names: [UInt32: String] = [:]
        while let line = try reader.nextDataLine() {
            guard let comma = line.firstIndex(of: UInt8(ascii: ",")) else {
                if line.isEmpty { continue }
                throw ReferenceDataError(file: path, line: reader.lineNumber, message: "expected asn,name")
            }
            let number = UnsafeRawBufferPointer(rebasing: line[..<comma])
            guard let asn = number.asnValue else {
                if reader.lineNumber == 1 { continue }  // the header
                throw ReferenceDataError(file: path, line: reader.lineNumber,
                                         message: "field 1 (AS number) \(number.quoted) is not an AS number (0 to 4294967295)")
            }
            names[asn] = unquoted(UnsafeRawBufferPointer(rebasing: line[(comma + 1)...]))
        }
        return names
    }

    /// A name field as text: without its surrounding quotes, if any, and with each doubled quote
    /// inside as one. Done on the bytes: half a million names went through Foundation's search.
    static func unquoted(_ field: UnsafeRawBufferPointer) -> String {
        let quote = UInt8(ascii: "\"")
        guard field.count >= 2, field.first == quote, field.last == quote else { return field.text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count - 2)
        var index = 1
        while index < field.count - 1 {
            bytes.append(field[index])
            index += field[index] == quote && index + 1 < field.count - 1 && field[index + 1] == quote ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
