import Foundation
import InternetAddresses
import MRT

/// Makes a realistic full-table RIB of any size from a real one: the real prefixes and AS paths,
/// as seen by the real dump's fullest vantage point, fanned out to `peers` synthetic peers.
///
/// Peer *i* (an AS of its own, `firstPeerAS + i`, numbers no 2014 path holds) announces every
/// prefix the template vantage point saw, with the template's path after its first AS:
/// `[peer i] + path[1...]`. Each peer is then a full-feed vantage point in an AS of its own that
/// sees the Internet from where the template stood; with the vantage point's own AS left out of its
/// paths (as the analysis does), each witness sees exactly what the template saw, so the per-country
/// results must match the original's, while routes and distinct paths grow with the peers as in a
/// modern collector. Paths with AS_SET or confederation segments are left out and counted.
public enum RIBFanOut {
    /// What a fan-out read and wrote.
    public struct Summary: Sendable, Hashable {
        /// The template vantage point's AS and how many routes it had.
        public var templateAS: UInt32
        public var templateRoutes: Int
        /// Prefixes written (one record each) and routes written.
        public var prefixes: Int
        public var routes: Int
        /// Template routes left out for holding a set or confederation segment.
        public var setPathsLeftOut: Int
        /// Template routes of prefixes the template originates itself (nothing follows its own AS).
        public var ownRoutesLeftOut: Int
    }

    /// The first synthetic peer's AS: 32-bit numbers not allocated in 2014 and not reserved.
    public static let firstPeerAS: UInt32 = 4_100_000_000

    /// Reads `input` (any MRT RIB dump, compressed or not) and writes `output` with `peers` peers.
    /// - Parameter timestamp: The records' time (by default the 2014 jinx RIB's, 2014-05-30 22:00 UTC).
    public static func write(input: String, output: String, peers: Int, compression: RIBWriter.Compression,
                             timestamp: UInt32 = 1_401_487_200) throws -> Summary {
        // First pass: the session with the most routes is the template.
        var counts: [Session: Int] = [:]
        let counter = try MRTReader(path: input)
        try counter.forEachPathObservation { observation in
            guard observation.kind == .rib else { return }
            counts[Session(asn: observation.peerAS, address: observation.peerAddress), default: 0] += 1
        }
        guard let template = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.asn > $1.key.asn) }) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: input, NSLocalizedDescriptionKey: "no RIB entry in \(input)"])
        }
        let peerList = (0..<peers).map { RIBWriter.Peer(asn: firstPeerAS + UInt32($0), address: 0xC612_0000 + UInt32($0) + 1) }
        let writer = try RIBWriter(path: output, peers: peerList, timestamp: timestamp, compression: compression)
        var summary = Summary(templateAS: template.key.asn, templateRoutes: template.value, prefixes: 0, routes: 0, setPathsLeftOut: 0,
                              ownRoutesLeftOut: 0)
        var tail: [UInt32] = []
        let reader = try MRTReader(path: input)
        var failure: (any Error)?
        try reader.forEachPathObservation { observation in
            guard failure == nil, observation.kind == .rib,
                  observation.peerAS == template.key.asn, observation.peerAddress == template.key.address else { return }
            guard observation.path.isPlainSequence else {
                summary.setPathsLeftOut += 1
                return
            }
            guard observation.path.asns.count >= 2 else {
                summary.ownRoutesLeftOut += 1
                return
            }
            tail.removeAll(keepingCapacity: true)
            tail.append(contentsOf: observation.path.asns.dropFirst())
            do {
                try writer.add(prefix: observation.prefix, peers: peers, firstPeerAS: firstPeerAS, tail: tail)
            } catch {
                failure = error
            }
            summary.prefixes += 1
        }
        if let failure { throw failure }
        try writer.close()
        summary.routes = writer.routes
        return summary
    }

    private struct Session: Hashable {
        var asn: UInt32
        var address: IPAddress
    }
}
