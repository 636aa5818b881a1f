import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import MRT
import ReferenceData
import Testing

/// The scale benchmark's synthetic RIBs (the real 2014 paths fanned out to many peers) must measure
/// the same Internet as the real one: each synthetic peer sees what the real full-feed peer saw, so
/// every country's networks and upstreams come out the same, now from several witnesses.
@Suite("a fanned-out RIB", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct FanOutTests {
    static let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")

    @Test("three peers: bgpdump reads it, and the countries' networks and upstreams are the real RIB's")
    func sameCountries() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-fanout-\(UUID().uuidString).bz2").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let summary = try RIBFanOut.write(input: Self.rib, output: output, peers: 3, compression: .bzip2)
        // AS30844 is the session with the most routes; its own prefixes and AS_SET paths are left out.
        #expect(summary.templateAS == 30844)
        #expect(summary.routes == 3 * summary.prefixes)
        #expect(summary.prefixes + summary.setPathsLeftOut + summary.ownRoutesLeftOut == summary.templateRoutes)

        // bgpdump, an independent reader, sees every route with the peer's AS first. Its output goes
        // through files, not a pipe to this process, which parallel tests' processes could hold open.
        let counted = output + ".count"
        defer { try? FileManager.default.removeItem(atPath: counted) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "bgpdump -m \"$0\" 2>/dev/null | wc -l > \"$1\"; bgpdump -m \"$0\" 2>/dev/null | head -1 >> \"$1\"",
                             output, counted]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var status: Int32 = 0
        _ = waitpid(process.processIdentifier, &status, 0)
        let lines = try String(contentsOfFile: counted, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } == summary.routes)
        let firstLine = lines.last.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("TABLE_DUMP2|1401487200|B|198.18.0.1|4100000000|1.0.0.0/24|4100000000 15169|"), "\(firstLine)")

        let delegations = try Delegations.load(SharedData.delegations2014)
        func analyzer(_ path: String) throws -> CountryAnalyzer {
            let (topology, _) = try TopologyLoader.load(mrt: [MRTInput(path: path, collector: "route-views.jinx")])
            return CountryAnalyzer(topology: topology, geography: try Geography(delegations: delegations))
        }
        let real = try analyzer(Self.rib)
        let fanned = try analyzer(output)
        #expect(fanned.view().includedASes == 3)
        // The fan-out leaves out what only the other sessions saw, the template's AS_SET paths and its
        // own prefixes: a handful of the 500,000 (one country here loses 2 networks of 23,877), so networks
        // agree to 0.1% and shares to 1e-4, and in the small countries exactly. (Cuts are not compared:
        // without AS relationships the world side is the paths' first ASes, here the synthetic peers.)
        for country in ["KP", "YE", "AF", "TW", "DE", "BR"] as [CountryCode] {
            let before = real.profile(of: country), after = fanned.profile(of: country)
            #expect(abs(after.networks - before.networks) <= before.networks / 1000, "\(country)")
            if before.networks < 1000 { #expect(after.networks == before.networks, "\(country)") }
            #expect(after.upstreams.map(\.asn) == before.upstreams.map(\.asn), "\(country)")
            for (one, other) in zip(after.upstreams, before.upstreams) {
                #expect(abs(one.share - other.share) < 1e-4, "\(country) AS\(one.asn)")
            }
            #expect(after.witnessASes == 3)
        }
    }
}
