import Decompression
import InternetAddresses

/// Reads Tor's IP-range-to-country files: `INTLOW,INTHIGH,CC` for IPv4 (addresses as integers)
/// and `LOW,HIGH,CC` for IPv6.
public enum TorGeoIPFile {
    /// The ranges of one file.
    public struct Contents: Sendable {
        /// Each range with its country.
        public var ranges: [(range: IPAddressRange, country: CountryCode)]
        /// Ranges whose country is unknown (`??`), skipped.
        public var skipped: SkippedLines
    }

    /// Reads `path` (any compression).
    public static func read(_ path: String) throws(ReferenceDataError) -> Contents {
        let reader = try LineReader.opening(path)
        var contents = Contents(ranges: [], skipped: SkippedLines())
        while let line = try reader.nextDataLine() {
            if line.isEmpty || line.starts(with: UInt8(ascii: "#")) { continue }
            let fields = TextFields(line, separator: UInt8(ascii: ","))
            func fail(_ message: String) -> ReferenceDataError {
                ReferenceDataError(file: path, line: reader.lineNumber, message: message)
            }
            guard fields.count == 3 else { throw fail("expected low,high,country") }
            let low: IPAddress, high: IPAddress
            if let lowValue = fields[0].decimalValue, let highValue = fields[1].decimalValue,
               lowValue <= UInt64(UInt32.max), highValue <= UInt64(UInt32.max) {
                low = .v4(UInt32(lowValue))
                high = .v4(UInt32(highValue))
            } else if let lowAddress = IPAddress(fields.string(0)), let highAddress = IPAddress(fields.string(1)) {
                low = lowAddress
                high = highAddress
            } else {
                throw fail("fields 1 and 2 (range) \(fields.quoted(0)), \(fields.quoted(1)) are not two addresses, or two integers up to 4294967295")
            }
            guard let range = IPAddressRange(first: low, last: high) else { throw fail("range ends before it starts") }
            let code = fields[2]
            guard code.count == 2, let country = CountryCode(bytes: code[0], code[1]) else {
                contents.skipped.note(line: reader.lineNumber, "country \(code.quoted) unknown")
                continue
            }
            contents.ranges.append((range, country))
        }
        return contents
    }
}
