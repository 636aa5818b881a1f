import InternetAddresses
import ASTopology
import CountryAnalysis
import Foundation
import Geography
import MRT
import ReferenceData

/// The 2014 data end to end: parsing, the graph build, and every country's profile (a full ranking).
enum CountryEngineBenchmark {
    static func run(shared: String) throws {
        func mirror(_ path: String) -> String { "\(shared)/mirror/\(path)" }
        let mrt = [("route-views.jinx", mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")),
                   ("route-views.jinx", mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2")),
                   ("rrc06", mirror("data.ris.ripe.net/rrc06/2014.05/updates.20140530.2215.gz"))]
        let pfx2as = mirror("publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/routeviews-rv2-20141202-1200.pfx2as.gz")
        let asRel = mirror("publicdata.caida.org/datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2")
        let delegated = ["ftp.afrinic.net/pub/stats/afrinic/2014/delegated-afrinic-20140630",
                         "ftp.apnic.net/stats/apnic/2014/delegated-apnic-20140805.gz",
                         "ftp.arin.net/pub/stats/arin/delegated-arin-extended-20140804",
                         "ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-20140803",
                         "ftp.ripe.net/pub/stats/ripencc/2014/delegated-ripencc-20140803.bz2"].map(mirror)
        let clock = ContinuousClock()

        var observations: [(PathObservationCopy)] = []
        var entries: [PrefixToASEntry] = []
        var relationships: ASRelationships?
        let parseTime = try clock.measure {
            for (collector, path) in mrt {
                try MRTReader(path: path).forEachPathObservation { observations.append(PathObservationCopy($0, collector: collector)) }
            }
            entries = try PrefixToASFile.read(pfx2as)
            relationships = try ASRelationships.read(asRel)
        }
        var topology: Topology?
        let buildTime = clock.measure {
            var builder = TopologyBuilder()
            var collector: String?
            for observation in observations {
                if observation.collector != collector {
                    builder.beginFile(collector: observation.collector)
                    collector = observation.collector
                }
                builder.add(path: observation.path, peerAS: observation.peerAS, peerAddress: observation.peerAddress,
                            prefix: observation.prefix)
            }
            for entry in entries { builder.add(entry) }
            if let relationships { builder.add(relationships) }
            topology = builder.build()
        }
        guard let topology else { return }
        let geography = try Geography(delegations: try Delegations.load(delegated))
        var profiles: [CountryProfile] = []
        var analyzer: CountryAnalyzer?
        let rankTime = clock.measure {
            let prepared = CountryAnalyzer(topology: topology, geography: geography)
            profiles = prepared.profiles(of: prepared.countries)
            analyzer = prepared
        }
        profiles.sort { ($0.score ?? .infinity) < ($1.score ?? .infinity) }
        print("country engine on the 2014 data:")
        print("  parse (3 MRT files, pfx2as, as-rel): \(format(parseTime)) s, \(observations.count) routes")
        print("  graph build: \(format(buildTime)) s (target under 2 s); \(topology.nodeCount) ASes, \(topology.prefixes.count) prefixes, \(topology.paths.count) distinct paths")
        print("  full ranking: \(profiles.count) countries in \(format(rankTime)) s (target under 5 s)")
        print("  least resilient: " + profiles.prefix(5).map { "\($0.country) \($0.score.map { String(format: "%.1f", $0) } ?? "n/a")" }.joined(separator: ", "))
        if let analyzer {
            try DiagramBenchmark.run(analyzer: analyzer)
            policy(analyzer)
        }
    }

    /// Routing policy on the same analyzer: every country's propagation, dominators and policy kappa;
    /// one AS's failure across every country, by policy and by any path (the ratio is the price of
    /// policy); and a country's worst single failures.
    static func policy(_ analyzer: CountryAnalyzer) {
        let clock = ContinuousClock()
        let countries = analyzer.countries
        var profiles: [PolicyProfile?] = []
        let all = clock.measure { profiles = analyzer.policyProfiles(of: countries) }
        let exact = profiles.compactMap { $0 }.filter(\.kappaIsExact).count
        print("routing policy on the 2014 data:")
        print("  propagation, points of failure and policy kappa for \(countries.count) countries: \(format(all)) s (target under 5 s); "
              + "kappa exact for \(exact) of \(profiles.compactMap { $0 }.count)")
        for asn in [UInt32(4837), 12486] {
            let policy = clock.measure { _ = analyzer.whatIf(WhatIfScenario(removedASes: [asn], routing: .policy)) }
            let any = clock.measure { _ = analyzer.whatIf(WhatIfScenario(removedASes: [asn], routing: .topological)) }
            print("  whatif AS\(asn) across all countries: \(format(policy)) s under policy (target under 2 s), \(format(any)) s by any path, "
                  + String(format: "ratio %.2f", policy / any))
        }
        for country in ["KP", "YE", "TW"] {
            var count = 0
            let worst = clock.measure { count = analyzer.worstFailures(of: CountryCode(country) ?? "ZZ", limit: .max).count }
            print("  whatif --worst \(country): \(format(worst)) s (target under 10 s), \(count) failures that cut anything")
        }
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

/// An owned copy of a path observation, so parsing and building can be timed apart.
struct PathObservationCopy {
    var collector: String
    var peerAS: UInt32
    var peerAddress: IPAddress
    var prefix: IPPrefix
    var path: [UInt32]

    init(_ observation: PathObservation, collector: String) {
        self.collector = collector
        peerAS = observation.peerAS
        peerAddress = observation.peerAddress
        prefix = observation.prefix
        path = observation.path.isPlainSequence ? Array(observation.path.asns) : observation.path.asPath.flattened
    }
}
