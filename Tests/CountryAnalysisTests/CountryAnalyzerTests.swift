import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// A small world worked out by hand:
///
///     S → 40 (US, the only vantage point) ─peer─ 20 (CN) → 10 (KP) → 11 (KP)
///                   └── provider of ──────── 30 (US) ───────────────↗
///
/// AS 10 originates 10.0.0.0/24 and 10.0.1.0/24; AS 11 originates 10.0.2.0/23, seen as 40 20 10 11.
/// The vantage point's own AS 40 is dropped from its paths: 20 10, 20 10, and 20 10 11.
@Suite("country metrics on a graph worked out by hand")
struct CountryAnalyzerTests {
    static func analyzer() throws -> CountryAnalyzer {
        var builder = TopologyBuilder()
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("10.0.0.0/24")!)
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("10.0.1.0/24")!)
        builder.add(path: [40, 20, 20, 10, 11], peerAS: 40, prefix: IPPrefix("10.0.2.0/23")!)
        let relationships = try ASRelationships.read(temporaryFile("20|10|-1\n30|11|-1\n10|11|-1\n40|20|0\n40|30|-1\n"))
        builder.add(relationships)
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|6|19700101|20140101|+0000
            test|KP|asn|10|2|20000101|allocated
            test|CN|asn|20|1|20000101|allocated
            test|US|asn|30|1|20000101|allocated
            test|US|asn|40|1|20000101|allocated
            test|KP|ipv4|10.0.0.0|1024|20000101|allocated
            """)])
        return CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations))
    }

    @Test("networks, border crossings, shares and HHI")
    func upstreams() throws {
        let profile = try Self.analyzer().profile(of: "KP")
        #expect(profile.networks == 3)
        #expect(profile.addressSpace24 == 4)
        #expect(profile.originASes == [10, 11])
        // 10 by paths and relationships (provider 20); 11 by relationships (provider 30).
        #expect(profile.borderASes == [10, 11])
        #expect(profile.tier == .severe)
        // Every path crosses at 20; 30 is a provider of 11 by CAIDA's data only, and gets no share.
        #expect(profile.upstreams.map(\.asn) == [20])
        #expect(profile.upstreams.map(\.share) == [1])
        #expect(profile.upstreams.map(\.onlyShare) == [1])
        #expect(profile.upstreams.map(\.evidence) == [.both])
        #expect(profile.possibleUpstreams == [CountryProfile.PossibleUpstream(asn: 30, organisation: "AS30", customers: [11])])
        #expect(profile.hhi == 1)
        #expect(profile.effectiveUpstreams == 1)
        #expect(profile.originConcentration == 0.5)
        #expect(profile.witnesses == 1 && profile.witnessASes == 1 && profile.confidence == .low)
    }

    @Test("dominators, points of failure and cuts")
    func failures() throws {
        let profile = try Self.analyzer().profile(of: "KP")
        #expect(profile.pointsOfFailure == [CountryProfile.PointOfFailure(asn: 40, dominatedShare: 1, domestic: false)])
        #expect(profile.criticalASes.map(\.asn) == [40, 10, 11, 20])
        #expect(profile.criticalASes.map(\.dominatedShare) == [1, 0.5, 0.5, 0.5])
        #expect(profile.kappa == 1)
        // No relationship file names a clique here, so the world side is the vantage point's AS 40,
        // which is itself removable: cutting it leaves nothing seen reaching KP.
        #expect(profile.cuts.kappa == CountryProfile.Cut(size: 1, asns: [40], isLowerBound: false))
        #expect(profile.kappaInternational == 1)
        #expect(profile.kappaDomestic == 2)
        #expect(profile.cuts.kappaDomestic == CountryProfile.Cut(size: 2, asns: [10, 11], isLowerBound: false))
        let expectedScore = 40 * log2(2.0) / log2(41.0) + 30 * log2(2.0) / log2(21.0) + 0
        #expect(abs((profile.score ?? 0) - expectedScore) < 1e-9)
    }

    @Test("hegemony and the ASes on every path, per witness")
    func hegemony() throws {
        let profile = try Self.analyzer().profile(of: "KP")
        // Paths 20 10 (twice, weight 1 each) and 20 10 11 (weight 2), the network's own origin left out:
        // 20 is on all 4 units of space, 10 on the 2 behind 11.
        #expect(profile.hegemony.map(\.asn) == [20, 10])
        #expect(profile.hegemony.map(\.hegemony) == [1, 0.5])
        #expect(profile.hegemony.map(\.domestic) == [false, true])
        // On every path, origins included: 20 and 10 for all the space, 11 for its half.
        #expect(profile.observedPathChokepoints.map(\.asn) == [10, 20, 11])
        #expect(profile.observedPathChokepoints.map(\.dominatedShare) == [1, 1, 0.5])
    }

    @Test("IPv6 networks are analysed on their own, with space in /48s")
    func ipv6() throws {
        var builder = TopologyBuilder()
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("2001:db8::/47")!)
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("10.0.0.0/24")!)
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|4|19700101|20140101|+0000
            test|KP|asn|10|1|20000101|allocated
            test|CN|asn|20|1|20000101|allocated
            test|KP|ipv6|2001:db8::|32|20000101|allocated
            test|KP|ipv4|10.0.0.0|256|20000101|allocated
            """)])
        let analyzer = CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations))
        let v6 = analyzer.profile(of: "KP", family: .ipv6)
        #expect(v6.family == .ipv6)
        #expect(v6.networks == 1)
        #expect(v6.addressSpace24 == 2)
        #expect(v6.upstreams.map(\.asn) == [20])
        let v4 = analyzer.profile(of: "KP")
        #expect(v4.networks == 1)
        #expect(v4.networksIPv6 == 1)
        #expect(v4.addressSpace24 == 1)
    }

    @Test("what-if: removing AS 20 cuts off AS 10's networks")
    func whatIf() throws {
        let result = try Self.analyzer().whatIf(removing: [20])
        #expect(result.countries == [WhatIfResult.CountryImpact(country: "KP", networksCut: 2, shareCut: 0.5, originsCut: [10], networks: 3)])
        #expect(try Self.analyzer().whatIf(removing: [30]).countries.isEmpty)
    }

    @Test("the JSON has the documented keys")
    func json() throws {
        let data = try JSONEncoder().encode(try Self.analyzer().profile(of: "KP"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        for key in ["country", "family", "networks", "networksIPv6", "addressSpace24", "originASes", "borderASes", "tier", "upstreams",
                    "upstreamCount", "hhi", "effectiveUpstreams", "kappa", "kappaInternational", "kappaDomestic",
                    "pointsOfFailure", "originConcentration", "score", "scoreParts", "possibleUpstreams", "hegemony",
                    "witnesses", "witnessASes", "confidence", "scoreReason"] {
            #expect(object?[key] != nil, "missing \(key)")
        }
        #expect(object?["country"] as? String == "KP")
        #expect(object?["family"] as? String == "IPv4")
        #expect(object?["tier"] as? String == "severe")
        #expect(object?["scoreReason"] is NSNull)
        #expect(Set((object?["cuts"] as? [String: Any])?.keys.map { $0 } ?? []) == ["kappa", "kappaInternational", "kappaDomestic"])
        // Each cut says what its size means, in the word CSV uses.
        let kappa = (object?["cuts"] as? [String: Any])?["kappa"] as? [String: Any]
        #expect(kappa?["bound"] as? String == "exact")
        #expect(Set(kappa?.keys.map { $0 } ?? []) == ["size", "asns", "isLowerBound", "reachesCore", "limitReached", "unbounded", "bound"])
        let upstream = (object?["upstreams"] as? [[String: Any]])?.first
        #expect(Set(upstream?.keys.map { $0 } ?? []) == ["asn", "organisation", "share", "onlyShare", "evidence", "witnesses", "rank"])
        let failure = (object?["pointsOfFailure"] as? [[String: Any]])?.first
        #expect(Set(failure?.keys.map { $0 } ?? []) == ["asn", "dominatedShare", "domestic"])
    }
}
