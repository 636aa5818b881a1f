import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// Worlds of several collectors written as real MRT RIB dumps, worked out by hand:
///
///     vantage points (US ASes 1001-1010)  →  upstreams (CN 200, 300; RU 666)  →  KP origin 100
///
/// KP's two networks 10.0.0.0/24 and 10.0.1.0/24 are originated by AS100.
@Suite("vantage points, each with an equal say")
struct VantagePointTests {
    typealias Route = (peer: Int, path: [UInt32])

    /// A collector's RIB: its peers, and each peer's path to both KP networks.
    struct Collector {
        var name: String
        var peers: [RIBWriter.Peer]
        var paths: [[UInt32]]
        var repeats = 1
    }

    static let delegations = """
        2|test|1|8|19700101|20140101|+0000
        test|KP|asn|100|2|20000101|allocated
        test|CN|asn|200|1|20000101|allocated
        test|CN|asn|300|1|20000101|allocated
        test|RU|asn|666|1|20000101|allocated
        test|US|asn|400|1|20000101|allocated
        test|US|asn|1001|20|20000101|allocated
        test|KP|ipv4|10.0.0.0|512|20000101|allocated
        """

    static func analyzer(_ collectors: [Collector], options: CountryAnalyzer.Options = .init()) throws -> CountryAnalyzer {
        var inputs: [MRTInput] = []
        for collector in collectors {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-rib-\(UUID().uuidString).mrt").path
            let writer = try RIBWriter(path: path, peers: collector.peers)
            for network in [UInt32(0x0A00_0000), 0x0A00_0100] {
                for _ in 0..<collector.repeats {
                    try writer.add(ipv4: network, length: 24, routes: collector.paths.enumerated().map { ($0.offset, $0.element) })
                }
            }
            try writer.close()
            inputs.append(MRTInput(path: path, collector: collector.name))
        }
        let (topology, _) = try TopologyLoader.load(mrt: inputs)
        let geography = try Geography(delegations: try Delegations.load([try temporaryFile(delegations)]))
        return CountryAnalyzer(topology: topology, geography: geography, options: options)
    }

    /// `count` peers in ASes 1001, 1002, ... at addresses 192.0.2.1, .2, ...
    static func peers(_ count: Int, firstAS: UInt32 = 1001) -> [RIBWriter.Peer] {
        (0..<count).map { RIBWriter.Peer(asn: firstAS + UInt32($0), address: 0xC000_0201 + UInt32($0)) }
    }

    @Test("an AS seen through one vantage point of ten is not an upstream when nine reach the country another way")
    func oneOfTen() throws {
        let peers = Self.peers(10)
        var paths = peers.map { [$0.asn, 200, 100] }
        paths[9] = [peers[9].asn, 300, 100]
        let profile = try Self.analyzer([Collector(name: "rrc01", peers: peers, paths: paths)]).profile(of: "KP")
        // Ten witnesses: the trimmed mean drops one at each end, so AS300's single 1.0 goes, and
        // AS200's nine 1.0s keep a mean of 1.0 over the eight kept.
        #expect(profile.upstreams.map(\.asn) == [200])
        #expect(profile.upstreams.first?.share == 1)
        #expect(profile.upstreams.first?.witnesses == 9)
        #expect(profile.witnesses == 10 && profile.witnessASes == 10)
        #expect(profile.confidence == .high)
        #expect(profile.effectiveUpstreams == 1)
        #expect(!profile.hegemony.contains { $0.asn == 300 })
        #expect(profile.hegemony.first { $0.asn == 200 }?.hegemony == 1)
    }

    @Test("a vantage point's own AS is not an upstream because of its own position")
    func ownPosition() throws {
        // AS400 exports paths straight into KP; two other witnesses see KP behind AS200. Counting
        // the exporter's position, AS400 would carry a third of KP.
        let peers = [RIBWriter.Peer(asn: 400, address: 0xC000_0201)] + Self.peers(2)
        let paths: [[UInt32]] = [[400, 100], [1001, 200, 100], [1002, 200, 100]]
        let profile = try Self.analyzer([Collector(name: "route-views2", peers: peers, paths: paths)]).profile(of: "KP")
        #expect(profile.upstreams.map(\.asn) == [200])
        #expect(profile.upstreams.first?.share == 1)
        #expect(!profile.hegemony.contains { $0.asn == 400 })
        // AS400 saw KP's space but no border crossing: it is no witness of its upstreams.
        #expect(profile.witnessASes == 2)
    }

    @Test("the trimmed mean drops a lying vantage point")
    func liar() throws {
        let peers = Self.peers(10)
        var paths = peers.map { [$0.asn, 200, 100] }
        paths[4] = [peers[4].asn, 666, 300, 100]
        let profile = try Self.analyzer([Collector(name: "rrc00", peers: peers, paths: paths)]).profile(of: "KP")
        #expect(profile.upstreams.map(\.asn) == [200])
        #expect(!profile.hegemony.contains { $0.asn == 666 || $0.asn == 300 })
        // With fewer than ten witnesses nothing is dropped: the lie then shows, in proportion.
        let few = try Self.analyzer([Collector(name: "rrc00", peers: Array(peers.prefix(5)), paths: Array(paths.prefix(5)))])
            .profile(of: "KP")
        #expect(few.upstreams.map(\.asn) == [200, 300])
        #expect(few.upstreams.map(\.share) == [0.8, 0.2])
        #expect(few.confidence == .medium)
    }

    @Test("duplicating one vantage point's routes, sessions or files changes nothing")
    func duplicates() throws {
        let peers = Self.peers(4)
        let paths: [[UInt32]] = [[1001, 200, 100], [1002, 300, 100], [1003, 200, 100], [1004, 200, 100]]
        let reference = try Self.analyzer([Collector(name: "rrc01", peers: peers, paths: paths)]).profile(of: "KP")
        #expect(reference.upstreams.map(\.share) == [0.75, 0.25])
        // The same routes ten times in the dump.
        let repeated = try Self.analyzer([Collector(name: "rrc01", peers: peers, paths: paths, repeats: 10)]).profile(of: "KP")
        // The same file read ten times.
        let files = try Self.analyzer(Array(repeating: Collector(name: "rrc01", peers: peers, paths: paths), count: 10)).profile(of: "KP")
        // AS1002's session copied ten times at other addresses, and at a second collector: one AS, one witness.
        let copies = (1...9).map { RIBWriter.Peer(asn: 1002, address: 0xC633_6400 + UInt32($0)) }
        let sessions = try Self.analyzer([
            Collector(name: "rrc01", peers: peers + copies, paths: paths + copies.map { _ in [1002, 300, 100] }),
            Collector(name: "route-views2", peers: [peers[1]], paths: [paths[1]]),
        ]).profile(of: "KP")
        for profile in [repeated, files, sessions] {
            #expect(profile.upstreams == reference.upstreams)
            #expect(profile.hegemony == reference.hegemony)
            #expect(profile.score == reference.score)
            #expect(profile.witnessASes == 4)
        }
        #expect(sessions.witnesses == 14)
    }

    @Test("only full-feed vantage points count unless partial ones are let in")
    func fullFeed() throws {
        // AS1003 sees one of KP's two networks (through AS300): half of the largest feed, so partial.
        let full = Collector(name: "rrc01", peers: Self.peers(2), paths: [[1001, 200, 100], [1002, 200, 100]])
        let partialPath = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-rib-\(UUID().uuidString).mrt").path
        let writer = try RIBWriter(path: partialPath, peers: [RIBWriter.Peer(asn: 1003, address: 0xC000_0299)])
        try writer.add(ipv4: 0x0A00_0000, length: 24, routes: [(0, [1003, 300, 100])])
        try writer.close()
        func profile(partial: Bool) throws -> CountryProfile {
            var inputs: [MRTInput] = []
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-rib-\(UUID().uuidString).mrt").path
            let fullWriter = try RIBWriter(path: path, peers: full.peers)
            for network in [UInt32(0x0A00_0000), 0x0A00_0100] {
                try fullWriter.add(ipv4: network, length: 24, routes: full.paths.enumerated().map { ($0.offset, $0.element) })
            }
            try fullWriter.close()
            inputs = [MRTInput(path: path, collector: "rrc01"), MRTInput(path: partialPath, collector: "rrc01")]
            var options = CountryAnalyzer.Options()
            options.includesPartialPeers = partial
            let (topology, _) = try TopologyLoader.load(mrt: inputs)
            let geography = try Geography(delegations: try Delegations.load([try temporaryFile(Self.delegations)]))
            let analyzer = CountryAnalyzer(topology: topology, geography: geography, options: options)
            let view = analyzer.view()
            #expect(view.fullFeedIPv4 == 2)
            #expect(view.vantagePoints.map(\.fullFeedIPv4) == [true, true, false])
            return analyzer.profile(of: "KP")
        }
        #expect(try profile(partial: false).upstreams.map(\.asn) == [200])
        // Let in, the partial witness sees AS300 for all it sees: 1/3 of the witnesses' say.
        let mixed = try profile(partial: true)
        #expect(mixed.upstreams.map(\.asn) == [200, 300])
        #expect(abs((mixed.upstreams.last?.share ?? 0) - 1.0 / 3) < 1e-12)
    }

    @Test("the view warns when one vantage point dominates, and lists every session")
    func viewWarnings() throws {
        let peers = Self.peers(2)
        let analyzer = try Self.analyzer([Collector(name: "rrc01", peers: peers, paths: [[1001, 200, 100], [1002, 200, 100]])])
        let view = analyzer.view(for: [analyzer.profile(of: "KP")])
        #expect(view.collectors == ["rrc01"])
        #expect(view.vantagePoints.map(\.peerAS) == [1001, 1002])
        #expect(view.vantagePoints.first?.peerCountry == "US")
        #expect(view.includedASes == 2)
        #expect(view.warnings.contains { $0.hasPrefix("the view is thin: 2 full-feed vantage points") })
        #expect(view.warnings.contains { $0.hasPrefix("only 2 distinct vantage-point ASes (fewer than 3)") })
        #expect(!view.warnings.contains { $0.contains("rest on one witness") })
    }

    @Test("a country with nothing to measure gets no score, and a reason")
    func noScore() throws {
        let analyzer = try Self.analyzer([Collector(name: "rrc01", peers: Self.peers(1), paths: [[1001, 200, 100]])])
        let profile = analyzer.profile(of: "TW")
        #expect(profile.score == nil)
        #expect(profile.scoreReason == "no IPv4 network is located here")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(profile)) as? [String: Any]
        #expect(json?["score"] is NSNull)
        #expect(json?["scoreReason"] as? String == "no IPv4 network is located here")
    }
}

@Suite("the trimmed mean")
struct TrimmedMeanTests {
    /// Ten witnesses, four of which saw something: padded with six zeros, sorted
    /// [0, 0, 0, 0, 0, 0, 0.4, 0.5, 0.6, 10], one dropped at each end: 1.5 / 8.
    @Test("worked out by hand: padding, trimming, and the sorting entry point")
    func handWorked() {
        let mean = TrimmedMean(fraction: 0.1)
        #expect(mean.mean(of: [10, 0.5, 0.4, 0.6], count: 10) == 1.5 / 8)
        var padded: ArraySlice<Double> = [0.6, 0, 10, 0, 0.4, 0, 0, 0.5, 0, 0]
        #expect(mean.mean(sorting: &padded) == 1.5 / 8)
        #expect(mean.mean(of: [], count: 0) == 0)
        // Fewer than ten witnesses: nothing is dropped.
        #expect(mean.mean(of: [3, 1], count: 4) == 1)
    }
}
