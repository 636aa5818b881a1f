import Foundation
import InternetAddresses

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
        /// Plain MRT.
        case none
        /// gzip.
        case gzip
        /// bzip2, by the system's `bzip2`.
        case bzip2
        /// bzip2 by `lbzip2` on every core (`bzip2` when it is not installed). Not from inside a test
        /// run: lbzip2 waits for signals that the test runner's threads keep blocked, and hangs.
        case bzip2Parallel
    }

    private let handle: FileHandle
    private let path: String
    /// The uncompressed dump while it is written, when the file is to be compressed at `close()`.
    private let plainPath: String?
    private let compression: Compression
    private var buffer: [UInt8] = []
    private var sequence: UInt32 = 0
    private let timestamp: UInt32
    private let peerAddresses: [UInt32]
    /// Records written so far, the peer index table included.
    public private(set) var records = 0
    /// Routes (RIB entries) written so far.
    public private(set) var routes = 0

    /// Starts a dump at `path` with `peers` (a peer's index is its position), compressed with the
    /// system's `gzip`, `bzip2` or `lbzip2` when asked.
    ///
    /// A compressed dump is written plain beside `path` and compressed file to file at `close()`:
    /// a compressor fed through a pipe would share the pipe with every process that tests running
    /// in parallel start meanwhile, and wait for their end before it sees its input's.
    public init(path: String, peers: [Peer], timestamp: UInt32 = 1_401_487_200, collectorID: UInt32 = 0x0A00_0001,
                viewName: String = "", compression: Compression = .none) throws {
        self.timestamp = timestamp
        self.path = path
        self.compression = compression
        peerAddresses = peers.map(\.address)
        let target = compression == .none ? path : path + ".plain"
        plainPath = compression == .none ? nil : target
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            // Foundation's error for this names no cause ("Code=512 (null)"); the system's does.
            throw RIBWriteError(path: target, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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

    /// Adds one prefix announced by peers 0..<`peers`, peer *i* with the path `[firstPeerAS + i] + tail`:
    /// the fan-out's fast path, which encodes the attributes once and patches each peer's AS in.
    public func add(prefix: IPPrefix, peers: Int, firstPeerAS: UInt32, tail: [UInt32]) throws {
        var attributes: [UInt8] = [0x40, 1, 1, 0]  // ORIGIN IGP
        let count = tail.count + 1
        var path: [UInt8] = []
        path.reserveCapacity(2 + 4 * count + 2 * (count / 255 + 1))
        var written = 0
        var firstASOffset = -1
        while written < count {
            let segment = min(255, count - written)
            path += [2, UInt8(segment)]
            for index in written..<written + segment {
                if index == 0 { firstASOffset = path.count }
                Self.append32(index == 0 ? firstPeerAS : tail[index - 1], to: &path)
            }
            written += segment
        }
        if path.count > 255 {
            attributes += [0x50, 2]
            Self.append16(UInt16(path.count), to: &attributes)
        } else {
            attributes += [0x40, 2, UInt8(path.count)]
        }
        firstASOffset += attributes.count
        attributes += path
        // NEXT_HOP: the peer's own address, as collectors record it (patched per peer below).
        attributes += [0x40, 3, 4, 0, 0, 0, 0]
        let nextHopOffset = attributes.count - 4
        var body: [UInt8] = []
        body.reserveCapacity(8 + 16 + peers * (8 + attributes.count))
        Self.append32(sequence, to: &body)
        sequence &+= 1
        body.append(prefix.length)
        let bytes = (Int(prefix.length) + 7) / 8
        switch prefix.address {
        case .v4(let address):
            for index in 0..<bytes { body.append(UInt8(truncatingIfNeeded: address >> (24 - 8 * UInt32(index)))) }
        case .v6(let address):
            for index in 0..<bytes { body.append(UInt8(truncatingIfNeeded: address >> (120 - 8 * UInt128(index)))) }
        }
        Self.append16(UInt16(peers), to: &body)
        for peer in 0..<peers {
            Self.append16(UInt16(peer), to: &body)
            // Each route was learnt at its own time in the month before the dump, as in a real table:
            // a hash of the record and the peer, so the file is the same on every run.
            var mixed = (UInt64(sequence) << 20 | UInt64(peer)) &* 0x9E37_79B9_7F4A_7C15
            mixed ^= mixed >> 29
            Self.append32(timestamp &- UInt32(truncatingIfNeeded: mixed % 2_592_000), to: &body)
            Self.append16(UInt16(attributes.count), to: &body)
            let asn = firstPeerAS + UInt32(peer)
            attributes[firstASOffset] = UInt8(asn >> 24)
            attributes[firstASOffset + 1] = UInt8(asn >> 16 & 0xFF)
            attributes[firstASOffset + 2] = UInt8(asn >> 8 & 0xFF)
            attributes[firstASOffset + 3] = UInt8(asn & 0xFF)
            let hop = peerAddresses[peer]
            attributes[nextHopOffset] = UInt8(hop >> 24)
            attributes[nextHopOffset + 1] = UInt8(hop >> 16 & 0xFF)
            attributes[nextHopOffset + 2] = UInt8(hop >> 8 & 0xFF)
            attributes[nextHopOffset + 3] = UInt8(hop & 0xFF)
            body += attributes
        }
        routes += peers
        record(type: 13, subtype: prefix.address.family == .ipv4 ? 2 : 4, body: body)
        if buffer.count >= 1 << 20 { try flush() }
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

    /// Writes what is buffered and closes the file, compressing it when asked.
    public func close() throws {
        try flush()
        try handle.close()
        guard let plainPath else { return }
        defer { try? FileManager.default.removeItem(atPath: plainPath) }
        let compressor = Process()
        let lbzip2 = "/usr/bin/lbzip2"
        switch compression {
        case .bzip2Parallel where FileManager.default.isExecutableFile(atPath: lbzip2):
            compressor.executableURL = URL(fileURLWithPath: lbzip2)
        case .bzip2, .bzip2Parallel:
            compressor.executableURL = URL(fileURLWithPath: "/bin/bzip2")
        case .gzip, .none:
            compressor.executableURL = URL(fileURLWithPath: "/bin/gzip")
        }
        compressor.arguments = ["-c", plainPath]
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? output.close() }
        compressor.standardOutput = output
        compressor.standardInput = FileHandle.nullDevice
        try compressor.run()
        // Process.waitUntilExit spins a run loop that may never wake on a test's thread: reap directly.
        var status: Int32 = 0
        _ = waitpid(compressor.processIdentifier, &status, 0)
        guard status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the compressor failed"])
        }
    }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// A dump that could not be written: the file, and why.
public struct RIBWriteError: Error, CustomStringConvertible {
    /// The file that could not be created.
    public let path: String
    /// The system's reason.
    public let reason: String

    public var description: String { "\(path): cannot be created: \(reason)" }
}
