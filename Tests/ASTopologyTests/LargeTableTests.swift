import ASTopology
import ChokepointTestSupport
import Foundation
import InternetAddresses
import MRT
import Testing

/// Tables past the size whose slots are backed by huge pages (`HugePages`, from 4 MB of slots:
/// over half a million distinct paths), read through the batched lookups (`RouteBatch`): every
/// route must come back with the path it was given, checked one by one.
@Suite("a table of 600,000 distinct paths")
struct LargeTableTests {
    static let count = 600_000

    /// Route i: from peer 10 + i % 3, the path [peer, 1000 + i % 5000, 200000 + i] (no reserved
    /// AS), for prefix 10.0.0.0 + i /32; every seventh route repeats the path of route i - 6 (the
    /// same peer's).
    static func path(_ index: Int) -> [UInt32] {
        let source = index % 7 == 6 ? index - 6 : index
        return [UInt32(10 + index % 3), UInt32(1000 + source % 5000), UInt32(200_000 + source)]
    }

    @Test("every route's path read back, through a builder and through a file")
    func everyPathBack() throws {
        var builder = TopologyBuilder()
        builder.beginFile(collector: "test")
        for index in 0..<Self.count {
            let path = Self.path(index)
            builder.add(path: path, peerAS: path[0], prefix: IPPrefix(address: .v4(0x0A00_0000 + UInt32(index)), length: 32))
        }
        let built = builder.build()
        try expectEveryPath(built)

        // The same routes written as a RIB and read by the loader (batched, prefetched lookups).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rib.mrt").path
        let peers = (0..<3).map { RIBWriter.Peer(asn: UInt32(10 + $0), address: 0x0A00_0000 + UInt32($0)) }
        let writer = try RIBWriter(path: file, peers: peers)
        for index in 0..<Self.count {
            try writer.add(ipv4: 0x0A00_0000 + UInt32(index), length: 32, routes: [(peer: index % 3, path: Self.path(index))])
        }
        try writer.close()
        let (loaded, _) = try TopologyLoader.load(mrt: [MRTInput(path: file, collector: "test")], fileReaders: 1)
        try expectEveryPath(loaded)
        #expect(loaded.paths.count == built.paths.count)
    }

    private func expectEveryPath(_ topology: Topology) throws {
        let distinct = Self.count - Self.count / 7
        #expect(topology.paths.count == distinct, "\(topology.paths.count) distinct paths")
        #expect(topology.routes.count == Self.count)
        var wrong = 0
        for prefix in 0..<Int32(topology.prefixes.count) {
            guard case .v4(let address) = topology.prefixes[Int(prefix)].address else { continue }
            let index = Int(address) - 0x0A00_0000
            for route in topology.routes.routes(of: prefix) {
                let nodes = topology.paths[Int32(topology.routes.paths[route])]
                if nodes.map({ topology.asns[Int($0)] }) != Self.path(index) { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }
}
