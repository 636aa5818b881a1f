import ChokepointTestSupport
import Foundation
import Testing

/// Several collectors by date, through a local server laid out like the archives, and the view.
@Suite("chokepoint with several collectors", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
final class VantagePointCLITests {
    private let server: ArchiveServer
    private let port: Int
    private let archive: URL

    /// KP's four networks, and the peers of a synthetic rrc00 that see them through China Unicom.
    static let northKorea: [UInt32] = [0xAF2D_B000, 0xAF2D_B100, 0xAF2D_B200, 0xAF2D_B300]

    init() throws {
        // An archive of the real jinx RIB and RIR files, plus a small rrc00 bview written here.
        archive = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-archive-\(UUID().uuidString)")
        let manager = FileManager.default
        for relative in ["archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2",
                         "publicdata.caida.org/datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2"]
            + SharedData.delegations2014.map({ String($0.dropFirst(SharedData.path("mirror").count + 1)) }) {
            let target = archive.appendingPathComponent(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: target.path, withDestinationPath: SharedData.mirror(relative))
        }
        let bview = archive.appendingPathComponent("data.ris.ripe.net/rrc00/2014.05/bview.20140530.1600.gz")
        try manager.createDirectory(at: bview.deletingLastPathComponent(), withIntermediateDirectories: true)
        let peers = [RIBWriter.Peer(asn: 6939, address: 0xC000_0201), RIBWriter.Peer(asn: 1299, address: 0xC000_0202),
                     RIBWriter.Peer(asn: 3356, address: 0xC000_0203)]
        let writer = try RIBWriter(path: bview.path, peers: peers, timestamp: 1_401_465_600, compression: .gzip)
        for network in Self.northKorea {
            try writer.add(ipv4: network, length: 24, routes: peers.enumerated().map { ($0.offset, [$0.element.asn, 4837, 131279]) })
        }
        try writer.close()
        server = try ArchiveServer(root: archive.path)
        port = server.port
    }

    deinit {
        try? FileManager.default.removeItem(at: archive)
    }

    @Test("--date with two collectors downloads both RIBs and keeps their vantage points apart")
    func twoCollectors() throws {
        let tool = try CommandLineTool()
        let result = try tool.run(["compare", "KP", "--date", "2014-05-30T22:00", "--collector", "route-views.jinx,rrc00",
                                   "--mirror-url", "http://127.0.0.1:\(port)", "--partial-peers", "--format", "json"],
                                  environment: ["CHOKEPOINT_MIRROR": ""])
        #expect(result.status == 0, "\(result.errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let view = try #require(document["view"] as? [String: Any])
        #expect(view["collectors"] as? [String] == ["route-views.jinx", "rrc00"])
        let points = try #require(view["vantagePoints"] as? [[String: Any]])
        #expect(points.filter { $0["collector"] as? String == "rrc00" }.compactMap { $0["peerAS"] as? Int }.sorted() == [1299, 3356, 6939])
        #expect(points.filter { $0["collector"] as? String == "route-views.jinx" }.count == 14)
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        #expect(inputs.filter { $0["role"] as? String == "rib" }.count == 2)
        let kp = try #require((document["countries"] as? [[String: Any]])?.first)
        #expect((kp["upstreams"] as? [[String: Any]])?.map { $0["asn"] as? Int } == [4837])
        // With partial peers let in, rrc00's three peers witness KP beside jinx's.
        #expect((kp["witnessASes"] as? Int ?? 0) >= 4)
        // Both RIBs were downloaded into this run's cache, from the test server.
        let cached = tool.directory.appendingPathComponent("cache/chokepoint/data.ris.ripe.net/rrc00/2014.05/bview.20140530.1600.gz").path
        #expect(FileManager.default.fileExists(atPath: cached))
    }

    @Test("fetch rib with several collectors fetches each one's RIB nearest the date")
    func fetchSeveral() throws {
        let tool = try CommandLineTool()
        let result = try tool.run(["fetch", "rib", "--date", "2014-05-30T21:00", "--collector", "route-views.jinx",
                                   "--collector", "rrc00", "--mirror-url", "http://127.0.0.1:\(port)"],
                                  environment: ["CHOKEPOINT_MIRROR": ""])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2") == true)
        #expect(lines.last?.contains("rrc00/2014.05/bview.20140530.1600.gz") == true)
    }

    @Test("an unknown collector is refused, with the known ones and the nearest spelling")
    func unknownCollector() throws {
        let result = try CommandLineTool().run(["compare", "KP", "--date", "2014-05-30", "--collector", "jinx"])
        #expect(result.status != 0)
        #expect(result.errors.contains("jinx is not a collector the archives know; did you mean route-views.jinx?"), "\(result.errors)")
        #expect(result.errors.contains("rrc00"))
    }

    @Test("chokepoint view lists the sessions and warns that the 2014 view is thin")
    func view() throws {
        let result = try CommandLineTool().run(["view", "--case", CommandLineTool.northKorea])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("collector"))
        #expect(result.output.contains("route-views.jinx  30844"))
        #expect(result.output.contains("warning: the view is thin: 1 full-feed vantage point"))
        #expect(result.output.contains("warning: one vantage point (route-views.jinx AS30844 196.223.14.55) supplied 98% of all routes read"))
    }
}
