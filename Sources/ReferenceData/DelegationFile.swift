import Decompression
import InternetAddresses

/// Reads RIR delegation statistics files, standard and extended, of all five RIRs:
/// `registry|cc|type|start|value|date|status[|opaque-id]`, with version, summary and comment lines.
public enum DelegationFile {
    /// The largest summary count believed: far above any registry's (about 10^6), far below what
    /// arithmetic on counts could overflow.
    static let largestCount = 1 << 40

    /// The records of one file, with its header facts.
    public struct Contents: Sendable {
        /// The file read.
        public var path: String = ""
        /// The registry named on the version line.
        public var registry: String
        /// The file's version (`2` or `2.3`).
        public var version: String
        /// The records.
        public var records: [DelegationRecord]
        /// Per type (`asn`, `ipv4`, `ipv6`), the count its summary line declares.
        public var summaryCounts: [String: Int]
        /// Lines of unknown types (the format allows new ones), skipped.
        public var skipped: SkippedLines
        /// Problems that did not stop reading, such as a summary count the records fall short of
        /// (a truncated download).
        public var warnings: [String]
    }

    /// Whether the file holds fewer records of some type than its summary declares: cut short.
    public static func isTruncated(_ contents: Contents) -> Bool {
        contents.summaryCounts.contains { type, declared in
            contents.records.filter { record in
                switch record.resource {
                case .asns: return type == "asn"
                case .addresses(let range): return type == (range.first.family == .ipv4 ? "ipv4" : "ipv6")
                }
            }.count < declared
        }
    }

    /// Reads `path` (any compression).
    public static func read(_ path: String) throws(ReferenceDataError) -> Contents {
        let reader = try LineReader.opening(path)
        var contents = Contents(path: path, registry: "", version: "", records: [], summaryCounts: [:], skipped: SkippedLines(), warnings: [])
        var sawVersion = false
        var typeCounts: [String: Int] = [:]
        while let line = try reader.nextDataLine() {
            if line.isEmpty || line.starts(with: UInt8(ascii: "#")) { continue }
            let fields = TextFields(line, separator: UInt8(ascii: "|"))
            let number = reader.lineNumber
            func fail(_ message: String) -> ReferenceDataError {
                ReferenceDataError(file: path, line: number, message: message)
            }
            if !sawVersion {
                // The version line: version|registry|serial|records|startdate|enddate|UTCoffset.
                guard fields.count >= 2, fields[0].first.map({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) == true else {
                    throw fail("expected the version line (version|registry|serial|...), found \(line.quoted)")
                }
                contents.version = fields.string(0)
                contents.registry = fields.string(1)
                sawVersion = true
                continue
            }
            guard fields.count >= 6 else {
                throw fail("expected at least 6 fields separated by |, found \(fields.count)")
            }
            if fields.count >= 6, fields.string(5) == "summary" {
                guard let count = fields[4].decimalValue.flatMap({ Int(exactly: $0) }), count <= Self.largestCount else {
                    throw fail("field 5 (summary count) \(fields.quoted(4)) is not a number up to \(Self.largestCount)")
                }
                contents.summaryCounts[fields.string(2)] = count
                continue
            }
            guard fields.count >= 7 else {
                throw fail("expected registry|cc|type|start|value|date|status, found \(fields.count) fields")
            }
            let type = fields.string(2)
            let resource: DelegationRecord.Resource
            switch type {
            case "asn":
                guard let first = fields[3].asnValue else {
                    throw fail("field 4 (first AS number) \(fields.quoted(3)) is not an AS number (0 to 4294967295)")
                }
                guard let count = fields[4].asnValue, count > 0, UInt64(first) + UInt64(count) - 1 <= UInt64(UInt32.max) else {
                    throw fail("field 5 (AS count) \(fields.quoted(4)) is not a count from 1 that stays within 32-bit AS numbers after AS\(first)")
                }
                resource = .asns(first: first, count: count)
            case "ipv4":
                guard case .v4(let first)? = IPAddress(fields.string(3)) else {
                    throw fail("field 4 (start address) \(fields.quoted(3)) is not an IPv4 address")
                }
                // The block must end within the address space: start + count - 1 <= 2^32 - 1.
                guard let count = fields[4].decimalValue, count > 0, count <= (1 << 32) - UInt64(first),
                      let range = IPAddressRange(first: .v4(first), last: .v4(UInt32(UInt64(first) + count - 1))) else {
                    throw fail("field 5 (address count) \(fields.quoted(4)) is not a count from 1 that ends the block within IPv4 after \(fields.string(3))")
                }
                resource = .addresses(range)
            case "ipv6":
                guard case .v6? = IPAddress(fields.string(3)), let address = IPAddress(fields.string(3)) else {
                    throw fail("field 4 (start address) \(fields.quoted(3)) is not an IPv6 address")
                }
                guard let length = fields[4].decimalValue, length <= 128 else {
                    throw fail("field 5 (prefix length) \(fields.quoted(4)) is not a number from 0 to 128")
                }
                resource = .addresses(IPAddressRange(IPPrefix(address: address, length: UInt8(length))))
            default:
                contents.skipped.note(line: number, "unknown resource type \(fields.quoted(2))")
                continue
            }
            typeCounts[type, default: 0] += 1
            let code = fields[1]
            let country = code.count == 2 ? CountryCode(bytes: code[0], code[1]).flatMap { $0 == "ZZ" ? nil : $0 } : nil
            contents.records.append(DelegationRecord(
                registry: fields.string(0), country: country, resource: resource, date: fields.string(5),
                status: fields.string(6), opaqueID: fields.count >= 8 ? fields.string(7) : nil))
        }
        guard sawVersion else { throw ReferenceDataError(file: path, message: "no version line: not a delegation file") }
        for (type, declared) in contents.summaryCounts.sorted(by: { $0.key < $1.key }) where typeCounts[type, default: 0] != declared {
            contents.warnings.append("\(path): summary declares \(declared) \(type) records but the file has \(typeCounts[type, default: 0]); the file may be truncated")
        }
        return contents
    }
}
