import Foundation

/// Writes MRT TABLE_DUMP_V2 RIB dumps (RFC 6396): a PEER_INDEX_TABLE, then one RIB_IPV4_UNICAST or
/// RIB_IPV6_UNICAST record per prefix holding each peer's route, streamed to a file so that dumps of
/// any size can be written. bgpdump and Chokepoint read what it writes.
public final class RIBWriter {
    /// A peer of the collector: one BGP session.
    public struct Peer: Sendable, Hashable {
        /// The peer's AS.
        public var asn: UInt32
        /// The peer's IPv4 address (as an integer) and BGP identifier.
        public var address: UInt32

        /// Creates a peer.
        public init(asn: UInt32, address: UInt32) {
            self.asn = asn
            self.address = address
        }
    }

    /// How the file is compressed.
    public enum Compression: Sendable {
        case none, gzip, bzip2
    }

    private let handle: FileHandle
    private let process: Process?
    private var buffer: [UInt8] = []
    private var sequence: UInt32 = 0
    private let timestamp: UInt32
    /// Records written so far, the peer index table included.
    public private(set) var records = 0
    /// Routes (RIB entries) written so far.
    public private(set) var routes = 0

    /// Starts a dump at `path` with `peers` (a peer's index is its position), compressed with the
    /// system's `gzip` or `bzip2` when asked (`lbzip2` when installed, for speed).
    public init(path: String, peers: [Peer], timestamp: UInt32 = 1_401_487_200, collectorID: UInt32 = 0x0A00_0001,
                viewName: String = "", compression: Compression = .none) throws {
        self.timestamp = timestamp
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        switch compression {
        case .none:
            handle = file
            process = nil
        case .gzip, .bzip2:
            let compressor = Process()
            let lbzip2 = "/usr/bin/lbzip2"
            if compression == .bzip2 {
                compressor.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: lbzip2) ? lbzip2 : "/bin/bzip2")
            } else {
                compressor.executableURL = URL(fileURLWithPath: "/bin/gzip")
            }
            compressor.arguments = ["-c"]
            let pipe = Pipe()
            compressor.standardInput = pipe
            compressor.standardOutput = file
            try compressor.run()
            handle = pipe.fileHandleForWriting
            process = compressor
        }
        var body: [UInt8] = []
        Self.append32(collectorID, to: &body)
        Self.append16(UInt16(viewName.utf8.count), to: &body)
        body += Array(viewName.utf8)
        Self.append16(UInt16(peers.count), to: &body)
        for peer in peers {
            body.append(0x02)  // IPv4 address, 4-byte AS number
            Self.append32(peer.address, to: &body)
            Self.append32(peer.address, to: &body)
            Self.append32(peer.asn, to: &body)
        }
        record(type: 13, subtype: 1, body: body)
    }

    /// Adds one prefix with each listed peer's route (peer index and AS path, peer's AS first).
    public func add(ipv4 address: UInt32, length: UInt8, routes entries: [(peer: Int, path: [UInt32])]) throws {
        var prefix: [UInt8] = []
        for index in 0..<(Int(length) + 7) / 8 { prefix.append(UInt8(truncatingIfNeeded: address >> (24 - 8 * UInt32(index)))) }
        try add(subtype: 2, length: length, prefix: prefix, routes: entries)
    }

    /// Adds one IPv6 prefix (the address as 128 bits) with each listed peer's route.
    public func add(ipv6 address: UInt128, length: UInt8, routes entries: [(peer: Int, path: [UInt32])]) throws {
        var prefix: [UInt8] = []
        for index in 0..<(Int(length) + 7) / 8 { prefix.append(UInt8(truncatingIfNeeded: address >> (120 - 8 * UInt128(index)))) }
        try add(subtype: 4, length: length, prefix: prefix, routes: entries)
    }

    private func add(subtype: UInt16, length: UInt8, prefix: [UInt8], routes entries: [(peer: Int, path: [UInt32])]) throws {
        var body: [UInt8] = []
        Self.append32(sequence, to: &body)
        sequence &+= 1
        body.append(length)
        body += prefix
        Self.append16(UInt16(entries.count), to: &body)
        for entry in entries {
            Self.append16(UInt16(entry.peer), to: &body)
            Self.append32(timestamp, to: &body)
            var attributes: [UInt8] = [0x40, 1, 1, 0]  // ORIGIN IGP
            var path: [UInt8] = []
            var rest = entry.path[...]
            while !rest.isEmpty {
                let segment = rest.prefix(255)
                path += [2, UInt8(segment.count)]
                for asn in segment { Self.append32(asn, to: &path) }
                rest = rest.dropFirst(segment.count)
            }
            if path.count > 255 {
                attributes += [0x50, 2]
                Self.append16(UInt16(path.count), to: &attributes)
            } else {
                attributes += [0x40, 2, UInt8(path.count)]
            }
            attributes += path
            attributes += [0x40, 3, 4, 192, 0, 2, 1]  // NEXT_HOP 192.0.2.1
            Self.append16(UInt16(attributes.count), to: &body)
            body += attributes
            routes += 1
        }
        record(type: 13, subtype: subtype, body: body)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func record(type: UInt16, subtype: UInt16, body: [UInt8]) {
        Self.append32(timestamp, to: &buffer)
        Self.append16(type, to: &buffer)
        Self.append16(subtype, to: &buffer)
        Self.append32(UInt32(body.count), to: &buffer)
        buffer += body
        records += 1
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file (waiting for the compressor).
    public func close() throws {
        try flush()
        try handle.close()
        if let process {
            // Process.waitUntilExit spins a run loop that may never wake on a test's thread: reap directly.
            var status: Int32 = 0
            _ = waitpid(process.processIdentifier, &status, 0)
            guard status == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the compressor failed"])
            }
        }
    }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
