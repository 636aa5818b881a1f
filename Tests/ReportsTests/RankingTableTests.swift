import CountryAnalysis
import Reports
import Testing

@Suite("tables")
struct RankingTableTests {
    static func profile(_ country: String, score: Double, kappa: Int, effective: Double, networks: Int) -> CountryProfile {
        CountryProfile(
            country: country, family: "IPv4", networks: networks, networksIPv6: 0, addressSpace24: Double(networks),
            originASes: [], foreignOriginASes: [], foreignOriginatedNetworks: 0, unknownOriginNetworks: 0,
            borderASes: [1], tier: "severe", upstreams: [], upstreamCount: 1, hhi: 1 / effective, effectiveUpstreams: effective,
            kappa: kappa, kappaInternational: kappa, kappaDomestic: 1,
            cuts: ["kappa": .init(size: kappa, asns: [], isLowerBound: country == "TW")],
            pointsOfFailure: country == "KP" ? [.init(asn: 4837, dominatedShare: 1, domestic: false)] : [],
            criticalASes: [], observedPathChokepoints: [], originConcentration: 1, score: score,
            scoreParts: .init(cut: 0, diversity: 0, dominance: 0))
    }

    let profiles = [profile("TW", score: 77.8, kappa: 24, effective: 12.4, networks: 4460),
                    profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4),
                    profile("YE", score: 29.6, kappa: 1, effective: 8.5, networks: 36)]

    @Test("ranking by each measure")
    func order() {
        #expect(RankingTable(profiles: profiles, by: .score).profiles.map(\.country) == ["KP", "YE", "TW"])
        #expect(RankingTable(profiles: profiles, by: .kappa).profiles.map(\.country) == ["KP", "YE", "TW"])
        #expect(RankingTable(profiles: profiles, by: .effective).profiles.map(\.country) == ["KP", "YE", "TW"])
        #expect(RankingTable(profiles: profiles, by: .networks, limit: 2).profiles.map(\.country) == ["TW", "YE"])
    }

    @Test("CSV, Markdown and text")
    func formats() {
        let table = RankingTable(profiles: profiles, by: .score)
        let csv = table.csv.split(separator: "\n")
        #expect(csv.first == "rank,country,networks,upstreams,effective,kappa,kappaInternational,borderASes,tier,pointsOfFailure,score")
        #expect(csv[1] == "1,KP,4,1,1.00,1,1,1,severe,AS4837,14.3")
        #expect(csv[3] == "3,TW,4460,1,12.40,>=24,24,1,severe,,77.8")
        #expect(table.markdown.split(separator: "\n")[1].hasPrefix("|---|"))
        #expect(table.text.split(separator: "\n")[1].hasPrefix("1     KP"))
        let comparison = ComparisonTable(profiles: Array(profiles.prefix(2))).text
        #expect(comparison.contains("kappa                 ≥24     1"))
    }
}
