import Decompression
import InternetAddresses

/// The origin of a prefix in CAIDA's RouteViews prefix-to-AS data.
public enum PrefixOrigin: Hashable, Sendable {
    /// One origin AS.
    case asn(UInt32)
    /// An AS_SET origin (written `a,b`): the route's origin is one of these, unknown which.
    case set([UInt32])

    /// The AS numbers involved.
    public var asns: [UInt32] {
        switch self {
        case .asn(let asn): return [asn]
        case .set(let asns): return asns
        }
    }
}

/// One line of a prefix-to-AS file: a routed prefix and its origins (several when it is
/// multi-origin, written `a_b`).
public struct PrefixToASEntry: Hashable, Sendable {
    /// The prefix.
    public var prefix: IPPrefix
    /// The origins, one per distinct origin seen.
    public var origins: [PrefixOrigin]

    /// Creates an entry.
    public init(prefix: IPPrefix, origins: [PrefixOrigin]) {
        self.prefix = prefix
        self.origins = origins
    }
}

/// Reads CAIDA RouteViews prefix-to-AS files (`prefix<TAB>length<TAB>origin`), IPv4 or IPv6.
public final class PrefixToASFile {
    private let reader: LineReader
    private let path: String

    /// Opens `path` (any compression) for streaming through `next()`.
    public init(path: String) throws(ReferenceDataError) {
        self.path = path
        reader = try LineReader.opening(path)
    }

    /// Reads every entry of `path`.
    public static func read(_ path: String) throws(ReferenceDataError) -> [PrefixToASEntry] {
        let file = try PrefixToASFile(path: path)
        var entries: [PrefixToASEntry] = []
        while let entry = try file.next() {
            entries.append(entry)
        }
        return entries
    }

    private func fail(_ message: String) -> ReferenceDataError {
        ReferenceDataError(file: path, line: reader.lineNumber, message: message)
    }

    /// The next entry, or nil at the end of the file.
    public func next() throws(ReferenceDataError) -> PrefixToASEntry? {
        while let line = try reader.nextDataLine() {
            if line.isEmpty || line.starts(with: UInt8(ascii: "#")) { continue }
            if let entry = Self.plainEntry(line) { return entry }
            let fields = TextFields(line, separator: UInt8(ascii: "\t"))
            guard fields.count == 3 else { throw fail("expected prefix, length and origin separated by tabs") }
            guard let address = IPAddress(fields.string(0)) else {
                throw fail("field 1 (prefix) \(fields.quoted(0)) is not an IP address")
            }
            guard let length = fields[1].decimalValue, length <= UInt64(address.family.maximumPrefixLength) else {
                throw fail("field 2 (prefix length) \(fields.quoted(1)) is not a number from 0 to \(address.family.maximumPrefixLength)")
            }
            var origins: [PrefixOrigin] = []
            for alternative in TextFields(fields[2], separator: UInt8(ascii: "_"), limit: 64).fields {
                let members = TextFields(alternative, separator: UInt8(ascii: ","), limit: 256).fields
                let asns = members.compactMap(\.asnValue)
                guard asns.count == members.count, !asns.isEmpty else {
                    throw fail("field 3 (origin) \(fields.quoted(2)) is not AS numbers (0 to 4294967295) joined by _ or ,")
                }
                origins.append(asns.count == 1 ? .asn(asns[0]) : .set(asns))
            }
            return PrefixToASEntry(prefix: IPPrefix(address: address, length: UInt8(length)), origins: origins)
        }
        return nil
    }

    /// A line of the usual shape (prefix, length and single origins joined by `_`, tab-separated)
    /// read in place; nil for any other line, which `next()` then splits and checks field by field,
    /// naming what is wrong. Splitting into arrays and strings made reading the file a quarter of
    /// the CPU time of a cold run of a one-peer RIB, on a thread that shares two cores with libbz2.
    static func plainEntry(_ line: UnsafeRawBufferPointer) -> PrefixToASEntry? {
        let tab = UInt8(ascii: "\t")
        guard let first = line.firstIndex(of: tab), let second = line[(first + 1)...].firstIndex(of: tab),
              let address = IPAddress(utf8: UnsafeRawBufferPointer(rebasing: line[..<first])),
              let length = UnsafeRawBufferPointer(rebasing: line[(first + 1)..<second]).decimalValue,
              length <= UInt64(address.family.maximumPrefixLength)
        else { return nil }
        var origins: [PrefixOrigin] = []
        var value: UInt64 = 0
        var digits = 0
        for byte in UnsafeRawBufferPointer(rebasing: line[(second + 1)...]) {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 10, value <= UInt64(UInt32.max) else { return nil }
            } else if byte == UInt8(ascii: "_"), digits > 0 {
                origins.append(.asn(UInt32(value)))
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        origins.append(.asn(UInt32(value)))
        return PrefixToASEntry(prefix: IPPrefix(address: address, length: UInt8(length)), origins: origins)
    }
}
