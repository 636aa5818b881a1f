import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import ReferenceData
import Testing


/// The 2014 data: route-views.jinx RIB of 2014-05-30 22:00 and the updates beside it, rrc06 updates,
/// pfx2as 2014-12-02, as-rel 2015-02-01, the RIR files of 2014. Dyn Research (December 2014): North
/// Korea's four networks all reached through China Unicom, AS4837.
@Suite("the North Korea 2014 comparison", .serialized)
struct NorthKorea2014Tests {
    /// Loaded once for every suite that uses it: a static `let` is initialised once even when suites
    /// running in parallel ask for it together (a checked-then-set `var` loaded it twice).
    private static let loaded = Result { try load() }

    static func analyzer() throws -> CountryAnalyzer { try loaded.get() }

    private static func load() throws -> CountryAnalyzer {
        let (topology, _) = try TopologyLoader.load(
            mrt: [MRTInput(path: path("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"),
                           collector: "route-views.jinx"),
                  MRTInput(path: path("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"),
                           collector: "route-views.jinx"),
                  MRTInput(path: path("data.ris.ripe.net/rrc06/2014.05/updates.20140530.2215.gz"), collector: "rrc06")],
            prefixToAS: [path("publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/routeviews-rv2-20141202-1200.pfx2as.gz")],
            relationships: path("publicdata.caida.org/datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2"))
        let delegations = try Delegations.load(SharedData.delegations2014)
        return CountryAnalyzer(topology: topology, geography: try Geography(delegations: delegations))
    }

    static func path(_ relative: String) -> String { SharedData.mirror(relative) }

    @Test("North Korea: one upstream, one point of failure", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northKorea() throws {
        let kp = try Self.analyzer().profile(of: "KP")
        #expect(kp.networks == 4)
        #expect(kp.upstreams.map(\.asn) == [4837])
        #expect(kp.upstreams.first?.share == 1.0)
        #expect(kp.effectiveUpstreams == 1)
        #expect(kp.kappaInternational == 1)
        #expect(kp.cuts.kappaInternational.asns == [4837])
        #expect(kp.pointsOfFailure.contains(CountryProfile.PointOfFailure(asn: 4837, dominatedShare: 1.0, domestic: false)))
        #expect(kp.borderASes == [131279])
        #expect(kp.tier == .severe)
        // One full-feed vantage point (AS30844) saw it: low confidence, and said so.
        #expect(kp.witnessASes == 1 && kp.confidence == .low)
    }

    @Test("the view: one full-feed vantage point of fourteen at jinx, with rrc06's partial ones, and warned about",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func view() throws {
        let view = try Self.analyzer().view()
        #expect(view.collectors == ["route-views.jinx", "rrc06"])
        #expect(view.fullFeedIPv4 == 1)
        #expect(view.vantagePoints.filter(\.fullFeedIPv4).map(\.peerAS) == [30844])
        #expect(view.vantagePoints.filter { $0.collector == "route-views.jinx" }.count == 14)
        #expect(view.warnings.contains { $0.hasPrefix("the view is thin: 1 full-feed vantage point") })
        #expect(view.warnings.contains { $0.hasPrefix("one vantage point (route-views.jinx AS30844 196.223.14.55) supplied 98%") })
    }

    @Test("AS30844, the one full-feed vantage point, is nobody's upstream by its own position",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func noSelfUpstream() throws {
        let analyzer = try Self.analyzer()
        let profiles = analyzer.profiles(of: analyzer.countries)
        #expect(profiles.count > 200)
        #expect(!profiles.contains { $0.upstreams.contains { $0.asn == 30844 } })
        #expect(!profiles.contains { $0.hegemony.contains { $0.asn == 30844 } })
        for code in ["DE", "US"] {
            let profile = try #require(profiles.first { $0.country.description == code })
            #expect(profile.upstreams.first?.asn != 30844)
        }
    }

    @Test("Yemen: one border AS, a domestic point of failure behind several upstreams",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func yemen() throws {
        let ye = try Self.analyzer().profile(of: "YE")
        #expect(ye.borderASes == [12486])
        #expect(ye.pointsOfFailure.contains { $0.asn == 12486 && $0.domestic })
        #expect(ye.upstreamCount > 1)
    }

    @Test("Afghanistan and Taiwan: more upstreams and larger cuts than Yemen, and North Korea and Yemen the fragile two",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func ordering() throws {
        let analyzer = try Self.analyzer()
        let profiles = ["KP", "YE", "AF", "TW"].map { analyzer.profile(of: CountryCode($0)!) }
        let (ye, af, tw) = (profiles[1], profiles[2], profiles[3])
        #expect(af.upstreamCount > ye.upstreamCount && tw.upstreamCount > af.upstreamCount)
        #expect(af.kappa > ye.kappa && tw.kappa > af.kappa)
        let scores = profiles.compactMap(\.score)
        #expect(scores.count == 4 && scores[0] < scores[1] && scores[1] < min(scores[2], scores[3]), "\(scores)")
    }

    @Test("removing AS4837 leaves North Korea with no path", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func whatIf() throws {
        let result = try Self.analyzer().whatIf(removing: [4837])
        let kp = result.countries.first { $0.country == "KP" }
        #expect(kp?.networksCut == 4)
        #expect(kp?.shareCut == 1.0)
        #expect(kp?.originsCut == [131279])
    }

    /// The same data with the registries' 2018 extended files for organisations, as the case has them.
    private static let organised = Result { try loadOrganised() }

    static func organisedAnalyzer() throws -> CountryAnalyzer { try organised.get() }

    private static func loadOrganised() throws -> CountryAnalyzer {
        let base = try analyzer()
        let files = try ["ftp.afrinic.net/pub/stats/afrinic/2018/delegated-afrinic-extended-20181013",
                         "ftp.apnic.net/stats/apnic/2018/delegated-apnic-extended-20181014.gz",
                         "ftp.arin.net/pub/stats/arin/delegated-arin-extended-20181013",
                         "ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-extended-20181012",
                         "ftp.ripe.net/pub/stats/ripencc/2018/delegated-ripencc-extended-20181013.bz2"].map { try DelegationFile.read(path($0)) }
        return CountryAnalyzer(topology: base.topology, geography: base.geography, organisations: Organisations(delegations: files))
    }

    @Test("who is who: China Unicom one company, Uzbektelekom Uzbek, Eritrea served by satellite, Iran's upstreams foreign",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func whoIsWho() throws {
        let analyzer = try Self.organisedAnalyzer()
        let kp = analyzer.profile(of: "KP")
        #expect(kp.upstreams.map(\.asn) == [4837])
        let unicom = try #require(analyzer.organisations.organisation(of: 4837))
        #expect(unicom.asns.contains(9929))
        #expect(kp.upstreamOrganisations.map(\.organisation) == [unicom.id])
        #expect(kp.pointsOfFailure.contains { $0.asn == 4837 })
        #expect(kp.tier == .severe)

        let ye = analyzer.profile(of: "YE")
        let etisalat = ye.possibleUpstreams.filter { [35819, 48237].contains($0.asn) }
        #expect(etisalat.count == 2 && Set(etisalat.map(\.organisation)).count == 1)
        #expect(ye.pointsOfFailure.contains { $0.asn == 12486 && $0.domestic })

        // Registered in UA, Uzbektelekom originates Uzbek space: domestic, and so no longer the upstream.
        let node = try #require(analyzer.topology.nodeIndex[28910])
        #expect(analyzer.placements.countries[Int(node)] == "UZ")
        #expect(analyzer.placements.bases[Int(node)] == .originatedSpace)
        let uz = analyzer.profile(of: "UZ")
        #expect(!uz.upstreams.contains { $0.asn == 28910 })
        #expect(uz.originASes.contains(28910))
        #expect(uz.borderASes.contains(28910))

        let er = analyzer.profile(of: "ER")
        #expect(Set(er.upstreams.map(\.asn)) == [12491, 38176])
        #expect(er.servedFromAbroad == 1)
        #expect(er.score != nil)

        let ir = analyzer.profile(of: "IR")
        for asn: UInt32 in [41152, 44691, 201540] {
            #expect(!ir.upstreams.contains { $0.asn == asn })
            #expect(analyzer.topology.nodeIndex[asn].map { analyzer.placements.countries[Int($0)] } == "IR")
        }
        #expect(!ir.upstreams.contains { up in analyzer.topology.nodeIndex[up.asn].map { analyzer.placements.countries[Int($0)] == "IR" } ?? false })
    }

    @Test("transit cuts: North Korea's is China Unicom; Taiwan's is no longer the clique and the vantage points; no empty cut at the limit",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func transitCuts() throws {
        let analyzer = try Self.organisedAnalyzer()
        let kp = analyzer.profile(of: "KP")
        #expect(kp.transitCuts.kappa.asns == [4837] && kp.kappaTransit == 1 && !kp.transitCuts.kappa.reachesCore)
        #expect(kp.transitPointsOfFailure.map(\.asn) == [4837])
        #expect(kp.singleOrigin)
        let ye = analyzer.profile(of: "YE")
        #expect(ye.singleOrigin && ye.originASes == [12486])
        #expect(!ye.transitCuts.kappa.asns.contains(12486))
        let tw = analyzer.profile(of: "TW")
        let clique: Set<UInt32> = [174, 209, 286, 701, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 5511, 6453, 6461, 6762, 7018, 12956]
        #expect(Set(tw.transitCuts.kappa.asns) != clique.union([30844, 37105, 10474, 3741, 25152, 2905, 5713]))
        #expect(tw.transitCuts.kappa.reachesCore)
        let profiles = analyzer.profiles(of: analyzer.countries)
        let emptyAtLimit = profiles.flatMap { [$0.cuts, $0.transitCuts].flatMap(\.named) }.filter { $0.cut.limitReached && $0.cut.asns.isEmpty }
        #expect(emptyAtLimit.isEmpty)
    }
}
