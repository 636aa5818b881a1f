import Decompression

/// CAIDA's AS Organizations data set (`YYYYMMDD.as-org2info.txt.gz`, and the JSON-lines variant
/// `.jsonl.gz`): which organisation holds each AS, with names and the organisation's country.
///
/// The text format has two sections, each introduced by a `# format:` line:
/// `org_id|changed|org_name|country|source` and `aut|changed|aut_name|org_id|opaque_id|source`.
/// The JSON-lines format has one object per line, `"type": "Organization"` (`organizationId`,
/// `name`, `country`, `source`) or `"type": "ASN"` (`asn`, `name`, `organizationId`, `opaqueId`, `source`).
public enum ASOrganizationsFile {
    /// An organisation.
    public struct Organization: Hashable, Sendable {
        /// CAIDA's id, such as `LPL-141-ARIN`.
        public var id: String
        /// Its name.
        public var name: String
        /// Its country, when given.
        public var country: CountryCode?
        /// The registry whose data it came from.
        public var source: String
    }

    /// An AS and its organisation.
    public struct AutonomousSystem: Hashable, Sendable {
        /// The AS number.
        public var asn: UInt32
        /// The AS's own name (a handle such as `LVLT-1`).
        public var name: String
        /// Its organisation's id.
        public var organizationID: String
        /// The RIR extended delegation files' opaque id, when given.
        public var opaqueID: String?
    }

    /// A whole file.
    public struct Contents: Sendable {
        /// The organisations, by id.
        public var organizations: [String: Organization] = [:]
        /// The ASes, by number.
        public var systems: [UInt32: AutonomousSystem] = [:]
    }

    /// Reads `path` (any compression), in either format.
    public static func read(_ path: String) throws(ReferenceDataError) -> Contents {
        let reader = try LineReader.opening(path)
        var contents = Contents()
        var section: Section?
        enum Section { case organizations, systems }
        while let line = try reader.nextDataLine() {
            let number = reader.lineNumber
            func fail(_ message: String) -> ReferenceDataError {
                ReferenceDataError(file: path, line: number, message: message)
            }
            if line.isEmpty { continue }
            if line.starts(with: UInt8(ascii: "{")) {
                let object: FlatJSONObject
                do {
                    object = try FlatJSONObject(line)
                } catch {
                    throw fail("not a JSON object: \(error.message)")
                }
                switch object["type"] {
                case "Organization":
                    guard let id = object["organizationId"] else { throw fail("an Organization without organizationId") }
                    contents.organizations[id] = Organization(id: id, name: object["name"] ?? "",
                                                              country: object["country"].flatMap { CountryCode($0) },
                                                              source: object["source"] ?? "")
                case "ASN":
                    guard let text = object["asn"], let asn = UInt32(text) else {
                        throw fail("an ASN entry whose asn is not an AS number (0 to 4294967295)")
                    }
                    guard let organization = object["organizationId"] else { throw fail("an ASN entry without organizationId") }
                    contents.systems[asn] = AutonomousSystem(asn: asn, name: object["name"] ?? "", organizationID: organization,
                                                             opaqueID: object["opaqueId"])
                default:
                    throw fail("\"type\" is neither \"Organization\" nor \"ASN\"")
                }
                continue
            }
            if line.starts(with: UInt8(ascii: "#")) {
                let text = line.text
                if text.hasPrefix("# format:org_id|") { section = .organizations }
                if text.hasPrefix("# format:aut|") { section = .systems }
                continue
            }
            let fields = TextFields(line, separator: UInt8(ascii: "|"))
            switch section {
            case .organizations:
                guard fields.count >= 5 else { throw fail("expected org_id|changed|org_name|country|source, found \(fields.count) fields") }
                let id = fields.string(0)
                contents.organizations[id] = Organization(id: id, name: fields.string(2), country: CountryCode(fields.string(3)),
                                                          source: fields.string(4))
            case .systems:
                guard fields.count >= 6 else { throw fail("expected aut|changed|aut_name|org_id|opaque_id|source, found \(fields.count) fields") }
                guard let asn = fields[0].asnValue else {
                    throw fail("field 1 (aut) \(fields.quoted(0)) is not an AS number (0 to 4294967295)")
                }
                let opaque = fields.string(4)
                contents.systems[asn] = AutonomousSystem(asn: asn, name: fields.string(2), organizationID: fields.string(3),
                                                         opaqueID: opaque.isEmpty ? nil : opaque)
            case nil:
                throw fail("a data line before any \"# format:\" line: not an AS organizations file")
            }
        }
        return contents
    }
}
