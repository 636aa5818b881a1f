import ASTopology
import InternetAddresses
import Testing

/// The builder's route table, worked out by hand: routes of one prefix read in several places are
/// gathered, ordered by vantage point then path, and a route read twice counts once.
@Suite("topology builder")
struct TopologyBuilderTests {
    @Test("routes of a prefix read in two files are gathered, sorted and kept once")
    func scattered() throws {
        let first = try #require(IPPrefix("175.45.176.0/24")), second = try #require(IPPrefix("192.0.2.0/24"))
        let topology = Self.twoFiles(first, second)
        #expect(topology.prefixes == [first, second])
        #expect(topology.routes.count == 5)
        func routes(_ prefix: Int32) -> [(vantagePoint: String, path: [UInt32])] {
            topology.routes.routes(of: prefix).map { route in
                let point = topology.vantagePoints[Int(topology.routes.vantagePoints[route])].vantagePoint
                let path = topology.paths[Int32(topology.routes.paths[route])].map { topology.asns[Int($0)] }
                return ("AS\(point.peerAS)", path)
            }
        }
        // AS11's session was seen first, so it is vantage point 0; prepending is collapsed.
        #expect(routes(0).map(\.vantagePoint) == ["AS11", "AS10", "AS10"])
        #expect(routes(0).map(\.path) == [[11, 20, 30], [10, 20, 30], [10, 50, 30]])
        #expect(routes(1).map(\.path) == [[11, 40], [10, 40]])
        #expect(topology.vantagePoints.map(\.ipv4Prefixes) == [2, 2])
        #expect(topology.vantagePoints.map(\.routesRead) == [2, 4])
        #expect(topology.hygiene.paths == 6 && topology.hygiene.prependingCollapsed == 1)
    }

    @Test("paths read as ranges of the node array, and the edges of paths, each once")
    func pathRanges() throws {
        let topology = Self.twoFiles(try #require(IPPrefix("175.45.176.0/24")), try #require(IPPrefix("192.0.2.0/24")))
        let store = topology.paths
        let ids = (0..<Int32(store.count)).map { $0 }
        func asns(_ nodes: some Sequence<Int32>) -> [UInt32] { nodes.map { topology.asns[Int($0)] } }
        let byRange = ids.map { asns(store.nodeArray[store.range(of: $0)]) }
        #expect(byRange == ids.map { asns(store[$0]) })
        #expect(Set(byRange) == [[11, 20, 30], [10, 20, 30], [10, 50, 30], [10, 40], [11, 40]])
        // Ranges tile the array: each path starts where the one before ended.
        #expect(ids.allSatisfy { $0 == 0 || store.range(of: $0).lowerBound == store.range(of: $0 - 1).upperBound })
        #expect(store.range(of: Int32(store.count - 1)).upperBound == store.nodeArray.count)
        // Every path twice: each edge still once, pointing toward the origin.
        let edges = topology.observedEdges(ofPaths: (ids + ids).map { UInt32($0) })
        let named = edges.map { [topology.asns[Int($0.from)], topology.asns[Int($0.to)]] }
        #expect(named.count == 7)
        #expect(Set(named) == [[11, 20], [20, 30], [10, 20], [10, 50], [50, 30], [10, 40], [11, 40]])
    }

    /// Two sessions' routes to two prefixes over two files: five distinct paths, one route read twice.
    private static func twoFiles(_ first: IPPrefix, _ second: IPPrefix) -> Topology {
        var builder = TopologyBuilder()
        builder.beginFile(collector: "rrc01")
        builder.add(path: [11, 20, 30], peerAS: 11, peerAddress: .v4(2), prefix: first)
        builder.add(path: [10, 20, 30], peerAS: 10, peerAddress: .v4(1), prefix: first)
        builder.add(path: [10, 40], peerAS: 10, peerAddress: .v4(1), prefix: second)
        builder.beginFile(collector: "rrc01")
        // The same route again (a RIB and an update), another path of the same session, and prefix-order broken.
        builder.add(path: [11, 40], peerAS: 11, peerAddress: .v4(2), prefix: second)
        builder.add(path: [10, 20, 30], peerAS: 10, peerAddress: .v4(1), prefix: first)
        builder.add(path: [10, 50, 50, 30], peerAS: 10, peerAddress: .v4(1), prefix: first)
        return builder.build()
    }
}
