import Reports
import Testing

@Suite("text tables")
struct TextTableTests {
    let table = TextTable(header: ["country", "note"], rows: [["KP", "one, \"only\" upstream"], ["TW", "a|b"]])

    @Test("CSV quotes commas and quotes (RFC 4180)")
    func csv() {
        #expect(table.csv == "country,note\nKP,\"one, \"\"only\"\" upstream\"\nTW,a|b\n")
    }

    @Test("Markdown escapes pipes")
    func markdown() {
        #expect(table.markdown == "| country | note |\n|---|---|\n| KP | one, \"only\" upstream |\n| TW | a\\|b |\n")
    }

    @Test("text pads columns and trims line ends")
    func text() {
        #expect(table.text == "country  note\nKP       one, \"only\" upstream\nTW       a|b\n")
    }

    @Test("the comparison: countries across in text, one line each in CSV")
    func comparison() {
        let profiles = [RankingTableTests.profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4),
                        RankingTableTests.profile("TW", score: 77.8, kappa: 24, effective: 12.4, networks: 4460)]
        let comparison = ComparisonTable(profiles: profiles)
        #expect(comparison.text.hasPrefix("                         KP           TW\nnetworks                 4            4460\n"))
        let csv = comparison.csv.split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[0].hasPrefix("country,family,networks,networksIPv6,addressSpace24,"))
        #expect(csv[0].hasSuffix(",witnessASes,confidence,score,topUpstream,topUpstreamName,topUpstreamShare"))
        #expect(csv[2].contains(",>=24,"))
        #expect(comparison.markdown.hasPrefix("| metric | KP | TW |\n|---|---|---|\n| networks | 4 | 4460 |\n"))
    }
}
