#if canImport(Glibc)
import Glibc
#endif
import InternetAddresses

/// A MaxMind DB file (`.mmdb`: GeoLite2 Country or City, or compatible), read per the published
/// MaxMind DB format specification, version 2.
///
/// The file is memory-mapped, not read into memory; lookups walk the binary search tree and decode
/// only the fields asked for.
public final class MaxMindDatabase {
    /// The metadata every database carries.
    public struct Metadata: Sendable {
        /// Nodes in the search tree.
        public var nodeCount: Int
        /// Bits per tree record: 24, 28 or 32.
        public var recordSize: Int
        /// 4 or 6: the address family the tree is built for (IPv6 trees hold IPv4 under ::/96).
        public var ipVersion: Int
        /// For example `GeoLite2-City`.
        public var databaseType: String
        /// When the database was built, seconds since the epoch.
        public var buildEpoch: UInt64
    }

    /// The file's path.
    public let path: String
    /// The metadata.
    public let metadata: Metadata
    private let base: UnsafeRawPointer
    private let size: Int
    private let treeSize: Int
    private let dataStart: Int
    private var ipv4StartNode = 0
    private var countryCache: [Int: CountryCode?] = [:]

    private static let metadataMarker: [UInt8] = [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)

    /// Opens and maps `path`.
    public init(path: String) throws(ReferenceDataError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReferenceDataError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
            throw ReferenceDataError(file: path, message: "cannot read the file size, or the file is empty")
        }
        size = Int(status.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw ReferenceDataError(file: path, message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(mapped)
        let bytes = UnsafeRawBufferPointer(start: base, count: size)
        // The metadata follows the last occurrence of the marker, within the last 128 KiB.
        var markerEnd: Int?
        let marker = Self.metadataMarker
        var position = size - marker.count
        let floor = max(0, size - 128 * 1024)
        while position >= floor {
            if bytes[position] == marker[0] && (0..<marker.count).allSatisfy({ bytes[position + $0] == marker[$0] }) {
                markerEnd = position + marker.count
                break
            }
            position -= 1
        }
        guard let metadataStart = markerEnd else {
            munmap(mapped, size)
            throw ReferenceDataError(file: path, message: "no MaxMind DB metadata marker: not a .mmdb file")
        }
        var decoder = MaxMindDecoder(bytes: bytes, sectionStart: metadataStart, file: path)
        let value: MaxMindValue
        do {
            value = try decoder.decode(at: metadataStart).value
        } catch {
            munmap(mapped, size)
            throw error
        }
        guard let nodeCount = value["node_count"]?.unsignedValue, let recordSize = value["record_size"]?.unsignedValue,
              let ipVersion = value["ip_version"]?.unsignedValue else {
            munmap(mapped, size)
            throw ReferenceDataError(file: path, offset: metadataStart, message: "metadata lacks node_count, record_size or ip_version")
        }
        guard [24, 28, 32].contains(recordSize), [4, 6].contains(ipVersion) else {
            munmap(mapped, size)
            throw ReferenceDataError(file: path, offset: metadataStart,
                                     message: "record_size \(recordSize) or ip_version \(ipVersion) is not one the format defines (24, 28, 32; 4, 6)")
        }
        // Checked before any arithmetic on it: a node takes at least 6 bytes, so a count above a sixth
        // of the file cannot be true, and below that every product fits an Int.
        guard nodeCount <= UInt64(metadataStart) / 6 else {
            munmap(mapped, size)
            throw ReferenceDataError(file: path, offset: metadataStart, message: "search tree of \(nodeCount) nodes is larger than the file")
        }
        metadata = Metadata(nodeCount: Int(nodeCount), recordSize: Int(recordSize), ipVersion: Int(ipVersion),
                            databaseType: value["database_type"]?.stringValue ?? "",
                            buildEpoch: value["build_epoch"]?.unsignedValue ?? 0)
        treeSize = Int(nodeCount) * Int(recordSize) / 4
        dataStart = treeSize + 16
        guard dataStart <= metadataStart - Self.metadataMarker.count else {
            munmap(mapped, size)
            throw ReferenceDataError(file: path, message: "search tree of \(nodeCount) nodes is larger than the file")
        }
        if ipVersion == 6 {
            var node = 0
            for _ in 0..<96 where node < metadata.nodeCount {
                node = readRecord(node: node, right: false)
            }
            ipv4StartNode = node
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    private func readRecord(node: Int, right: Bool) -> Int {
        let bytes = UnsafeRawBufferPointer(start: base, count: size)
        switch metadata.recordSize {
        case 24:
            let offset = node * 6 + (right ? 3 : 0)
            return Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
        case 28:
            let offset = node * 7
            if right {
                return (Int(bytes[offset + 3]) & 0x0F) << 24 | Int(bytes[offset + 4]) << 16
                    | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
            }
            return (Int(bytes[offset + 3]) & 0xF0) << 20 | Int(bytes[offset]) << 16
                | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
        default:
            let offset = node * 8 + (right ? 4 : 0)
            return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        }
    }

    /// Where a lookup ended: the network holding the address, and the data offset of its record.
    private func search(_ address: IPAddress) throws(ReferenceDataError) -> (network: IPPrefix, dataOffset: Int?) {
        var node: Int
        let bitCount: Int
        let bit: (Int) -> Bool
        switch address {
        case .v4(let value):
            node = metadata.ipVersion == 6 ? ipv4StartNode : 0
            bitCount = 32
            bit = { value >> (31 - UInt32($0)) & 1 == 1 }
        case .v6(let value):
            guard metadata.ipVersion == 6 else {
                return (IPPrefix(address: address, length: 0), nil)
            }
            node = 0
            bitCount = 128
            bit = { value >> (127 - UInt128($0)) & 1 == 1 }
        }
        var depth = 0
        while depth < bitCount && node < metadata.nodeCount {
            node = readRecord(node: node, right: bit(depth))
            depth += 1
        }
        let network = IPPrefix(address: address, length: UInt8(depth))
        if node == metadata.nodeCount { return (network, nil) }
        guard node > metadata.nodeCount else {
            throw ReferenceDataError(file: path, message: "search tree for \(address) ends inside the tree (corrupt file)")
        }
        let offset = dataStart + (node - metadata.nodeCount - 16)
        guard offset < size else {
            throw ReferenceDataError(file: path, offset: offset, message: "search tree points past the end of the file")
        }
        return (network, offset)
    }

    /// The record for `address` and the network it covers; the record is nil where the database has none.
    public func lookup(_ address: IPAddress) throws(ReferenceDataError) -> (network: IPPrefix, record: MaxMindValue?) {
        let found = try search(address)
        guard let offset = found.dataOffset else { return (found.network, nil) }
        var decoder = MaxMindDecoder(bytes: UnsafeRawBufferPointer(start: base, count: size), sectionStart: dataStart, file: path)
        return (found.network, try decoder.decode(at: offset).value)
    }

    /// The country of `address` (`country.iso_code`, else `registered_country.iso_code`) and the
    /// network the answer covers.
    public func country(for address: IPAddress) throws(ReferenceDataError) -> (network: IPPrefix, country: CountryCode?) {
        let found = try search(address)
        guard let offset = found.dataOffset else { return (found.network, nil) }
        if let cached = countryCache[offset] { return (found.network, cached) }
        var decoder = MaxMindDecoder(bytes: UnsafeRawBufferPointer(start: base, count: size), sectionStart: dataStart, file: path)
        var code = try decoder.string(at: offset, path: ["country", "iso_code"])
        if code == nil {
            code = try decoder.string(at: offset, path: ["registered_country", "iso_code"])
        }
        let country = code.flatMap { CountryCode($0) }
        countryCache[offset] = country
        return (found.network, country)
    }
}

extension MaxMindDatabase {
    /// Calls `body` with every network of the database that has a record, and its record's offset.
    ///
    /// IPv4 networks are reported as IPv4 (from the ::/96 subtree of IPv6 databases); the IPv6
    /// aliases of that subtree (::ffff:0:0/96, 2002::/16) are skipped so each network appears once.
    func forEachNetwork(_ body: (IPPrefix, Int) throws(ReferenceDataError) -> Void) throws(ReferenceDataError) {
        struct Pending {
            var node: Int
            var value: UInt128
            var depth: Int
        }
        var stack = [Pending(node: 0, value: 0, depth: 0)]
        let width = metadata.ipVersion == 6 ? 128 : 32
        // A sound tree reaches each node once. A damaged one may point back to earlier nodes, which
        // would make the walk exponential: each node is entered at most once per depth, so the walk
        // costs at most nodes x (width + 1) steps whatever the records say.
        var visits = DepthVisits(nodeCount: metadata.nodeCount)
        while let item = stack.popLast() {
            if metadata.ipVersion == 6 && item.depth > 0 && item.node == ipv4StartNode && item.value != 0 {
                continue  // an alias of the IPv4 subtree
            }
            if item.node >= metadata.nodeCount {
                guard item.node > metadata.nodeCount else { continue }
                let offset = dataStart + (item.node - metadata.nodeCount - 16)
                guard offset < size else {
                    throw ReferenceDataError(file: path, offset: offset, message: "search tree points past the end of the file")
                }
                let prefix: IPPrefix
                if width == 128 && item.depth >= 96 && item.value >> 32 == 0 {
                    prefix = IPPrefix(address: .v4(UInt32(truncatingIfNeeded: item.value)), length: UInt8(item.depth - 96))
                } else if width == 32 {
                    prefix = IPPrefix(address: .v4(UInt32(truncatingIfNeeded: item.value)), length: UInt8(item.depth))
                } else {
                    prefix = IPPrefix(address: .v6(item.value), length: UInt8(item.depth))
                }
                try body(prefix, offset)
                continue
            }
            guard item.depth < width, visits.enter(node: item.node, depth: item.depth) else { continue }
            let bit = UInt128(1) << UInt128(width - 1 - item.depth)
            stack.append(Pending(node: readRecord(node: item.node, right: true), value: item.value | bit, depth: item.depth + 1))
            stack.append(Pending(node: readRecord(node: item.node, right: false), value: item.value, depth: item.depth + 1))
        }
    }

    /// Every network of the database that has a country, with that country, in tree order; ready to
    /// load into a longest-prefix-match table.
    public func countryNetworks() throws(ReferenceDataError) -> [(prefix: IPPrefix, country: CountryCode)] {
        var networks: [(prefix: IPPrefix, country: CountryCode)] = []
        var decoder = MaxMindDecoder(bytes: UnsafeRawBufferPointer(start: base, count: size), sectionStart: dataStart, file: path)
        var cache: [Int: CountryCode?] = [:]
        try forEachNetwork { (prefix: IPPrefix, offset: Int) throws(ReferenceDataError) in
            let country: CountryCode?
            if let cached = cache[offset] {
                country = cached
            } else {
                var code = try decoder.string(at: offset, path: ["country", "iso_code"])
                if code == nil { code = try decoder.string(at: offset, path: ["registered_country", "iso_code"]) }
                country = code.flatMap { CountryCode($0) }
                cache[offset] = country
            }
            if let country { networks.append((prefix, country)) }
        }
        return networks
    }
}

/// Which depths each tree node has been entered at: one byte per node for the first depth (all a
/// sound tree needs), and a bit set per node for the few a damaged or aliased tree adds.
private struct DepthVisits {
    private var first: [UInt8]
    private var more: [Int: (UInt128, Bool)] = [:]
    private static let unseen: UInt8 = 0xFF

    init(nodeCount: Int) {
        first = [UInt8](repeating: Self.unseen, count: nodeCount)
    }

    /// Records a visit; false when `node` was already entered at `depth` (0 to 128).
    mutating func enter(node: Int, depth: Int) -> Bool {
        if first[node] == Self.unseen {
            first[node] = UInt8(depth)
            return true
        }
        if Int(first[node]) == depth { return false }
        var (bits, sawLast) = more[node] ?? (0, false)
        if depth == 128 {
            guard !sawLast else { return false }
            sawLast = true
        } else {
            let bit = UInt128(1) << UInt128(depth)
            guard bits & bit == 0 else { return false }
            bits |= bit
        }
        more[node] = (bits, sawLast)
        return true
    }
}
