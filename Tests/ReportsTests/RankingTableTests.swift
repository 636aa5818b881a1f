import CountryAnalysis
import ReferenceData
import Reports
import Testing

@Suite("tables")
struct RankingTableTests {
    static func profile(_ country: CountryCode, score: Double?, kappa: Int, effective: Double, networks: Int) -> CountryProfile {
        let upstream = CountryProfile.Upstream(asn: 4837, share: 1, onlyShare: 1, evidence: .path, witnesses: 1)
        return CountryProfile(
            country: country, family: .ipv4, networks: networks, networksIPv6: 0, addressSpace24: Double(networks),
            originASes: [], foreignOriginASes: [], foreignOriginatedNetworks: 0, unknownOriginNetworks: 0,
            borderASes: [1], upstreams: [upstream], possibleUpstreams: [], hhi: effective > 0 ? 1 / effective : 0,
            effectiveUpstreams: effective,
            cuts: .init(kappa: .init(size: kappa, asns: [], isLowerBound: country == "TW"),
                        kappaInternational: .init(size: kappa, asns: [], isLowerBound: false),
                        kappaDomestic: .init(size: 1, asns: [], isLowerBound: false)),
            pointsOfFailure: country == "KP" ? [.init(asn: 4837, dominatedShare: 1, domestic: false)] : [],
            criticalASes: [], observedPathChokepoints: [], hegemony: [], originConcentration: 1, witnesses: 1, witnessASes: 1,
            score: score, scoreReason: score == nil ? "no IPv4 network is located here" : nil,
            scoreParts: .init(cut: 0, diversity: 0, dominance: 0))
    }

    let profiles = [profile("TW", score: 77.8, kappa: 24, effective: 12.4, networks: 4460),
                    profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4),
                    profile("ER", score: nil, kappa: 0, effective: 0, networks: 0),
                    profile("YE", score: 29.6, kappa: 1, effective: 8.5, networks: 36)]

    @Test("ranking by each measure")
    func order() {
        // A country with no score ranks after every scored one.
        #expect(RankingTable(profiles: profiles, by: .score).profiles.map(\.country) == ["KP", "YE", "TW", "ER"])
        #expect(RankingTable(profiles: profiles, by: .kappa).profiles.map(\.country) == ["ER", "KP", "YE", "TW"])
        #expect(RankingTable(profiles: profiles, by: .effective).profiles.map(\.country) == ["ER", "KP", "YE", "TW"])
        #expect(RankingTable(profiles: profiles, by: .networks, limit: 2).profiles.map(\.country) == ["TW", "YE"])
    }

    @Test("CSV, Markdown and text")
    func formats() {
        let table = RankingTable(profiles: profiles, by: .score)
        let csv = table.csv.split(separator: "\n")
        let header = "rank,country,name,networks,upstreamCount,effectiveUpstreams,kappaTransit,kappaTransitBound,"
            + "kappaTransitInternational,kappaTransitInternationalBound,borderOrganisationCount,tier,transitPointsOfFailure,"
            + "transitPointsOfFailureNames,singleOrigin,score,confidence,witnessASes"
        #expect(csv.first.map(String.init) == header)
        #expect(csv[1] == "1,KP,North Korea,4,1,1.0000,1,exact,1,exact,1,severe,4837,,false,14.3,low,1")
        #expect(csv[3] == "3,TW,Taiwan,4460,1,12.4000,24,atLeast,24,exact,1,severe,,,false,77.8,low,1")
        #expect(csv[4] == "4,ER,Eritrea,0,1,0.0000,0,exact,0,exact,1,severe,,,false,,low,1")
        #expect(table.markdown.split(separator: "\n")[1].hasPrefix("|---|"))
        #expect(table.text.split(separator: "\n")[1].hasPrefix("1     KP"))
        let comparison = ComparisonTable(profiles: Array(profiles.prefix(3))).text
        let lines = comparison.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("score 77.8 14.3 n/a"))
        #expect(lines.contains("transit cut ≥24 1 0"))
    }
}
