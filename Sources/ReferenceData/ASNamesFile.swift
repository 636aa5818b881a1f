import Decompression
import Foundation

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
            var name = UnsafeRawBufferPointer(rebasing: line[(comma + 1)...]).text
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            names[asn] = name
        }
        return names
    }
}
