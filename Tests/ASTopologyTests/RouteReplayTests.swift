import ASTopology
import ChokepointTestSupport
import Foundation
import InternetAddresses
import MRT
import Testing

/// A route as a replay's state holds it: session, prefix, add-path id and the path's AS numbers.
private struct StandingRoute: Hashable {
    var collector: String
    var peerAddress: IPAddress
    var peerAS: UInt32
    var prefix: IPPrefix
    var pathID: UInt32
    var path: [UInt32]

    init(_ collector: String, _ observation: PathObservation) {
        self.collector = collector
        peerAddress = observation.peerAddress
        peerAS = observation.peerAS
        prefix = observation.prefix
        pathID = observation.pathID ?? 0
        path = Array(observation.path.asns)
    }

    init(_ collector: String, peer: IPAddress, asn: UInt32, prefix: IPPrefix, pathID: UInt32 = 0, path: [UInt32]) {
        self.collector = collector
        peerAddress = peer
        peerAS = asn
        self.prefix = prefix
        self.pathID = pathID
        self.path = path
    }
}

/// Calls `body` with an observation whose path is one AS_SEQUENCE of `path`.
private func withObservation(_ kind: RouteElement.Kind, at time: UInt32, peer: IPAddress, asn: UInt32, prefix: IPPrefix,
                             path: [UInt32], _ body: (PathObservation) -> Void) {
    let segments = path.isEmpty ? [] : [ASPathView.Segment(kind: .sequence, count: path.count)]
    path.withUnsafeBufferPointer { asns in
        segments.withUnsafeBufferPointer { segmentBuffer in
            body(PathObservation(kind: kind, timestamp: time, peerAddress: peer, peerAS: asn, prefix: prefix, pathID: nil,
                                 path: ASPathView(asns: asns, segments: segmentBuffer)))
        }
    }
}

@Suite("replaying updates to a time")
struct RouteReplayTests {
    static let peerA = IPAddress("192.0.2.1")!, peerB = IPAddress("192.0.2.2")!
    static let p1 = IPPrefix("10.1.0.0/16")!, p2 = IPPrefix("10.2.0.0/16")!, p3 = IPPrefix("10.3.0.0/16")!
    static let p4 = IPPrefix("10.4.0.0/16")!

    /// A world worked out by hand: a RIB at 100 of two sessions, updates from 90 to 300, replayed to 250.
    @Test("a hand-worked world: replaced, withdrawn, reset, re-announced, too old and too late")
    func handWorked() throws {
        var replay = RouteReplay(time: 250)
        func update(_ kind: RouteElement.Kind, _ time: UInt32, _ peer: IPAddress, _ asn: UInt32, _ prefix: IPPrefix, _ path: [UInt32]) {
            withObservation(kind, at: time, peer: peer, asn: asn, prefix: prefix, path: path) {
                replay.applyUpdate($0, collector: "rrc00")
            }
        }
        update(.announcement, 90, Self.peerA, 1, Self.p4, [1, 9])  // before the dump: the dump does not hold it
        update(.announcement, 150, Self.peerA, 1, Self.p1, [1, 4, 2])  // replaces the dump's [1, 2]
        update(.withdrawal, 160, Self.peerA, 1, Self.p2, [])  // removes the dump's [1, 3]
        replay.applyStateChange(BGP4MPStateChange(peerAS: 5, localAS: 6447, interfaceIndex: 0, peerAddress: Self.peerB,
                                                  localAddress: .v4(0), oldState: 6, newState: 1), at: 170, collector: "rrc00")
        update(.announcement, 180, Self.peerB, 5, Self.p2, [5, 6, 3])  // after the reset: stands
        update(.announcement, 200, Self.peerA, 1, Self.p3, [1, 7])
        update(.announcement, 210, Self.peerA, 1, Self.p3, [1, 8, 7])  // the later of two wins
        update(.withdrawal, 300, Self.peerA, 1, Self.p1, [])  // after the time: left out
        var result = Set<StandingRoute>()
        let dump: [(IPAddress, UInt32, IPPrefix, [UInt32])] = [
            (Self.peerA, 1, Self.p1, [1, 2]), (Self.peerA, 1, Self.p2, [1, 3]), (Self.peerB, 5, Self.p1, [5, 2]),
        ]
        for (peer, asn, prefix, path) in dump {
            withObservation(.rib, at: 100, peer: peer, asn: asn, prefix: prefix, path: path) {
                if replay.keepsRIBRoute($0, collector: "rrc00") { result.insert(StandingRoute("rrc00", $0)) }
            }
        }
        replay.forEachRouteFromUpdates { result.insert(StandingRoute($0, $1)) }
        #expect(result == [
            StandingRoute("rrc00", peer: Self.peerA, asn: 1, prefix: Self.p1, path: [1, 4, 2]),
            StandingRoute("rrc00", peer: Self.peerA, asn: 1, prefix: Self.p3, path: [1, 8, 7]),
            StandingRoute("rrc00", peer: Self.peerB, asn: 5, prefix: Self.p2, path: [5, 6, 3]),
        ])
        let report = replay.report
        #expect(report.ribRoutes == 3)
        #expect(report.ribKept == 0)
        #expect(report.ribReplaced == 1)
        #expect(report.ribWithdrawn == 1)
        #expect(report.ribDropped == 1)
        #expect(report.routesFromUpdates == 3)
        #expect(report.routesAtTime == result.count)
        #expect(report.announcements == 5)
        #expect(report.withdrawals == 1)
        #expect(report.sessionsDown == 1)
        #expect(report.updatesAfter == 1)
        #expect(report.updatesBeforeRIB == 1)
        #expect(report.gaps.isEmpty)
    }

    @Test("a gap in the updates, and updates without a dump, are named")
    func gaps() {
        var replay = RouteReplay(time: 10_000)
        withObservation(.announcement, at: 5_000, peer: Self.peerA, asn: 1, prefix: Self.p1, path: [1, 2]) {
            replay.applyUpdate($0, collector: "route-views2")
            replay.applyUpdate($0, collector: "rrc06")
        }
        withObservation(.rib, at: 1_000, peer: Self.peerA, asn: 1, prefix: Self.p2, path: [1, 3]) {
            _ = replay.keepsRIBRoute($0, collector: "route-views2")
        }
        replay.forEachRouteFromUpdates { _, _ in }
        let gaps = replay.report.gaps
        #expect(gaps.contains(ReplayReport.Gap(collector: "route-views2", kind: .missing(from: 1_000, to: 5_000))))
        #expect(gaps.contains(ReplayReport.Gap(collector: "rrc06", kind: .noRIB(firstUpdate: 5_000))))
        #expect(gaps.count == 2)
    }

    /// The 2014 jinx RIB of 22:00 replayed with the 23:45 update file to 23:50, against a replay
    /// by brute force over the typed decoder's route elements (a dictionary per route, updates
    /// applied one by one), and against bgpdump's counts of the update file's messages before
    /// and after 23:50 (`bgpdump -m updates.20140530.2345.bz2`, split at 1401493800: 337
    /// announcements, 21 withdrawals, no state change; 996 lines after).
    @Test("2014: the state at 23:50 differs from the 22:00 RIB exactly by the updates in between",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func jinx2014() throws {
        let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        let updates = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2")
        let time: UInt32 = 1_401_493_800  // 2014-05-30 23:50 UTC
        let collector = "route-views.jinx"

        var replay = RouteReplay(time: time)
        try MRTReader(path: updates).forEachPathObservation({ replay.applyUpdate($0, collector: collector) },
                                                           stateChange: { replay.applyStateChange($1, at: $0, collector: collector) })
        var replayed = Set<StandingRoute>()
        try MRTReader(path: rib).forEachPathObservation { observation in
            if replay.keepsRIBRoute(observation, collector: collector) { replayed.insert(StandingRoute(collector, observation)) }
        }
        replay.forEachRouteFromUpdates { replayed.insert(StandingRoute($0, $1)) }

        // Brute force: every RIB route in a dictionary, then every update element in file order.
        struct Key: Hashable {
            var peer: IPAddress, asn: UInt32, prefix: IPPrefix, pathID: UInt32
        }
        var table: [Key: [UInt32]] = [:]
        let ribReader = try MRTReader(path: rib)
        while let record = try ribReader.next() {
            for element in ribReader.routeElements(of: record) {
                table[Key(peer: element.peerAddress, asn: element.peerAS, prefix: element.prefix, pathID: element.pathID ?? 0)] =
                    element.asPath?.segments.flatMap(\.asns) ?? []
            }
        }
        let before = table
        var announced = 0, withdrawn = 0, later = 0, changes = 0
        let updateReader = try MRTReader(path: updates)
        while let record = try updateReader.next() {
            guard record.header.timestamp <= time else {
                later += 1
                continue
            }
            if case .bgp4mpStateChange = record.body { changes += 1 }
            for element in updateReader.routeElements(of: record) {
                let key = Key(peer: element.peerAddress, asn: element.peerAS, prefix: element.prefix, pathID: element.pathID ?? 0)
                if element.kind == .announcement {
                    announced += 1
                    table[key] = element.asPath?.segments.flatMap(\.asns) ?? []
                } else {
                    withdrawn += 1
                    table[key] = nil
                }
            }
        }
        let expected = Set(table.map { key, path in
            StandingRoute(collector, peer: key.peer, asn: key.asn, prefix: key.prefix, pathID: key.pathID, path: path)
        })
        #expect(replayed == expected)
        #expect(replayed.count == table.count)

        // bgpdump's counts of the same file and the same RIB.
        #expect(announced == 337)
        #expect(withdrawn == 21)
        #expect(changes == 0)
        let report = replay.report
        #expect(report.announcements == 337)
        #expect(report.withdrawals == 21)
        #expect(report.sessionsDown + report.otherStateChanges == 0)
        #expect(report.ribRoutes == 503_590)
        #expect(report.ribRoutes == before.count)
        #expect(later > 0)

        // The difference from the RIB, route by route: what the updates touched and nothing else.
        let removed = before.keys.filter { table[$0] == nil }.count
        let added = table.keys.filter { before[$0] == nil }.count
        let changed = table.keys.filter { before[$0] != nil && before[$0] != table[$0] }.count
        #expect(report.ribWithdrawn + report.ribDropped == removed)
        #expect(report.routesAtTime == report.ribRoutes - removed + added)
        #expect(report.ribReplaced >= changed)
        #expect(report.ribKept == report.ribRoutes - report.ribReplaced - report.ribWithdrawn - report.ribDropped)
        #expect(removed + added + changed > 0)
        #expect(report.gaps == [ReplayReport.Gap(collector: collector, kind: .missing(from: 1_401_487_200, to: report.collectors[0].firstUpdate ?? 0))])
    }

    @Test("a replayed topology's snapshot keeps its replay report, under a key of its own",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func snapshot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = TopologyCache(directory: directory)
        let inputs = [
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"),
                     collector: "route-views.jinx", role: .rib),
            MRTInput(path: SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"),
                     collector: "route-views.jinx", role: .updates),
        ]
        let (built, first) = try TopologyLoader.load(mrt: inputs, cache: cache, replayingTo: 1_401_493_800)
        let (read, second) = try TopologyLoader.load(mrt: inputs, cache: cache, replayingTo: 1_401_493_800)
        #expect(first.snapshot == nil && second.snapshot != nil)
        #expect(first.replay != nil && second.replay == first.replay)
        #expect(read.routes.count == built.routes.count)
        #expect(try cache.key(mrt: inputs, prefixToAS: [], relationships: nil, replayTime: 1_401_493_800)
                != cache.key(mrt: inputs, prefixToAS: [], relationships: nil, replayTime: 1_401_493_860))
        #expect(try cache.key(mrt: inputs, prefixToAS: [], relationships: nil)
                != cache.key(mrt: inputs, prefixToAS: [], relationships: nil, replayTime: 1_401_493_800))
    }

    @Test("a file given in the wrong role is refused, naming it and what it holds",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func wrongRole() throws {
        let updates = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2")
        do {
            _ = try TopologyLoader.load(mrt: [MRTInput(path: updates, collector: "route-views.jinx", role: .rib)], replayingTo: 1_401_493_800)
            Issue.record("an update file was replayed as a RIB")
        } catch {
            #expect("\(error)" == "\(updates): given as a RIB but holds 1354 announcements or withdrawals: give it as updates")
        }
    }
}
