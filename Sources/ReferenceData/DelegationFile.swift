import Decompression
import InternetAddresses

/// Reads RIR delegation statistics files, standard and extended, of all five RIRs:
/// `registry|cc|type|start|value|date|status[|opaque-id]`, with version, summary and comment lines.
public enum DelegationFile {
    /// The records of one file, with its header facts.
    public struct Contents: Sendable {
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

    /// Reads `path` (any compression).
    public static func read(_ path: String) throws(ReferenceDataError) -> Contents {
        let reader = try LineReader.opening(path)
        var contents = Contents(registry: "", version: "", records: [], summaryCounts: [:], skipped: SkippedLines(), warnings: [])
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
                    throw fail("expected the version line (version|registry|serial|...), found \"\(line.text)\"")
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
                guard let count = fields[4].decimalValue else { throw fail("summary count \"\(fields.string(4))\" is not a number") }
                contents.summaryCounts[fields.string(2)] = Int(count)
                continue
            }
            guard fields.count >= 7 else {
                throw fail("expected registry|cc|type|start|value|date|status, found \(fields.count) fields")
            }
            let type = fields.string(2)
            let resource: DelegationRecord.Resource
            switch type {
            case "asn":
                guard let first = fields[3].asnValue, let count = fields[4].asnValue, count > 0 else {
                    throw fail("bad AS block \"\(fields.string(3))|\(fields.string(4))\"")
                }
                resource = .asns(first: first, count: count)
            case "ipv4":
                guard case .v4(let first)? = IPAddress(fields.string(3)), let count = fields[4].decimalValue, count > 0,
                      UInt64(first) + count - 1 <= UInt64(UInt32.max),
                      let range = IPAddressRange(first: .v4(first), last: .v4(UInt32(UInt64(first) + count - 1))) else {
                    throw fail("bad IPv4 block \"\(fields.string(3))|\(fields.string(4))\"")
                }
                resource = .addresses(range)
            case "ipv6":
                guard case .v6? = IPAddress(fields.string(3)), let address = IPAddress(fields.string(3)),
                      let length = fields[4].decimalValue, length <= 128 else {
                    throw fail("bad IPv6 block \"\(fields.string(3))|\(fields.string(4))\"")
                }
                resource = .addresses(IPAddressRange(IPPrefix(address: address, length: UInt8(length))))
            default:
                contents.skipped.note(line: number, "unknown resource type \"\(type)\"")
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
