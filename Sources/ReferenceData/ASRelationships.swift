import Decompression

/// CAIDA's inferred AS relationships (serial-1 and serial-2 files).
public struct ASRelationships: Sendable {
    /// One inferred link.
    public struct Link: Hashable, Sendable {
        /// The kinds of relationship CAIDA infers.
        public enum Kind: Int8, Hashable, Sendable {
            /// `provider|customer|-1`: the first AS sells transit to the second.
            case providerToCustomer = -1
            /// `peer|peer|0`: settlement-free peering.
            case peerToPeer = 0
        }

        /// The provider (or the first peer).
        public var first: UInt32
        /// The customer (or the second peer).
        public var second: UInt32
        /// The relationship.
        public var kind: Kind
        /// Serial-2's fourth field: how the link was inferred (`bgp`, `mlp`, ...); nil in serial-1.
        public var source: String?
    }

    /// Every link, in file order.
    public var links: [Link]
    /// The inferred clique at the top of the hierarchy (the header's `# inferred clique:` or `# input clique:` line).
    public var clique: [UInt32]
    /// ASes the header lists as IXP route servers (`# IXP ASes:`).
    public var ixpASes: [UInt32]

    /// Reads a serial-1 or serial-2 file (any compression).
    public static func read(_ path: String) throws(ReferenceDataError) -> ASRelationships {
        let reader = try LineReader.opening(path)
        var result = ASRelationships(links: [], clique: [], ixpASes: [])
        while let line = try reader.nextDataLine() {
            if line.isEmpty { continue }
            if line.starts(with: UInt8(ascii: "#")) {
                let text = line.text
                // CAIDA's headers say "inferred clique" in most years and "input clique" in some (2016-11-01).
                if let list = Self.headerList(text, label: "inferred clique:") ?? Self.headerList(text, label: "input clique:") {
                    result.clique = list
                }
                if let list = Self.headerList(text, label: "IXP ASes:") { result.ixpASes = list }
                continue
            }
            let fields = TextFields(line, separator: UInt8(ascii: "|"))
            func fail(_ message: String) -> ReferenceDataError {
                ReferenceDataError(file: path, line: reader.lineNumber, message: message)
            }
            guard fields.count == 3 || fields.count == 4 else {
                throw fail("expected as1|as2|relationship[|source], found \(fields.count) fields")
            }
            guard let first = fields[0].asnValue else {
                throw fail("field 1 (AS number) \(fields.quoted(0)) is not an AS number (0 to 4294967295)")
            }
            guard let second = fields[1].asnValue else {
                throw fail("field 2 (AS number) \(fields.quoted(1)) is not an AS number (0 to 4294967295)")
            }
            let kind: Link.Kind
            switch fields.string(2) {
            case "-1": kind = .providerToCustomer
            case "0": kind = .peerToPeer
            default: throw fail("field 3 (relationship) \(fields.quoted(2)) is neither -1 nor 0")
            }
            result.links.append(Link(first: first, second: second, kind: kind,
                                     source: fields.count == 4 ? fields.string(3) : nil))
        }
        return result
    }

    private static func headerList(_ line: String, label: String) -> [UInt32]? {
        guard let range = line.range(of: label) else { return nil }
        return line[range.upperBound...].split(separator: " ").compactMap { UInt32($0) }
    }
}
