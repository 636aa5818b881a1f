import ChokepointTestSupport
import MRT
import Testing

@Suite("statistics and the record sequence")
struct StatisticsTests {
    static let rib = "mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"

    /// The figures bgpdump 1.6.2 gives for the same file: 503,590 lines, 497,323 distinct IPv4 and
    /// 84 distinct IPv6 prefixes, 14 distinct peer sessions.
    @Test("the 2014 route-views.jinx RIB", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func routeViewsRIB() throws {
        let statistics = try MRTStatistics.collect(path: SharedData.path(Self.rib))
        #expect(statistics.routes == 503_590)
        #expect(statistics.ribEntries == 503_590)
        #expect(statistics.distinctIPv4Prefixes == 497_323)
        #expect(statistics.distinctIPv6Prefixes == 84)
        #expect(statistics.peers == 14)
        #expect(statistics.report.records == 497_408)
        // One RIB record per prefix, as bgpdump's distinct prefixes say.
        #expect(statistics.report.recordsByType == ["TABLE_DUMP_V2/PEER_INDEX_TABLE": 1, "TABLE_DUMP_V2/RIB_IPV4_UNICAST": 497_323,
                                                    "TABLE_DUMP_V2/RIB_IPV6_UNICAST": 84])
        #expect(statistics.report.firstTimestamp == 1_401_487_200)
        #expect(statistics.report.recoveryLines.isEmpty)
        let text = statistics.text(name: "rib")
        #expect(text.contains("time range: 2014-05-30 22:00:00 UTC"))
    }

    @Test("North Korea's /24s are reached through China Unicom", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northKoreaPaths() throws {
        let reader = try MRTReader(path: SharedData.path(Self.rib))
        var paths: [String: [UInt32]] = [:]
        try reader.forEachPathObservation { route in
            if route.path.asns.last == 131279 { paths[route.prefix.description] = Array(route.path.asns) }
        }
        #expect(paths.count == 4)
        #expect(Set(paths.values) == [[30844, 3356, 1239, 4837, 131279]])
    }

    @Test("records as an async sequence", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func asyncSequence() async throws {
        let reader = try MRTReader(path: SharedData.path("conformance/bgpdump/test_data/updates.20071015.1505.gz"))
        var count = 0, updates = 0
        for try await record in reader.records {
            count += 1
            if case .bgp4mpMessage(let message) = record.body, case .update = message.message { updates += 1 }
        }
        #expect(count == reader.report.records)
        #expect(updates > 0)
        // Records of several kinds, interleaved: each counted under its name.
        let kinds = reader.report.recordsByType
        #expect(kinds.count > 1)
        #expect(kinds.values.reduce(0, +) == count)
    }
}
