import CountryAnalysis
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
        let lines = comparison.text.split(separator: "\n")
        #expect(lines.first?.split(separator: " ") == ["KP", "TW"])
        #expect(lines.dropFirst().first?.split(separator: " ") == ["networks", "4", "4460"])
        let csv = comparison.csv.split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[0].hasPrefix("country,family,networks,networksIPv6,addressSpace24,"))
        #expect(csv[0].hasSuffix(",witnessASes,routes,confidence,score,topUpstream,topUpstreamName,topUpstreamShare"))
        // Cuts are plain numbers in CSV, with what the number means beside them.
        #expect(csv[0].contains(",kappaTransit,kappaTransitBound,"))
        #expect(csv[2].contains(",24,atLeast,"))
        #expect(!comparison.csv.contains("≥") && !comparison.csv.contains("n/a"))
        #expect(comparison.markdown.hasPrefix("| metric | KP | TW |\n|---|---|---|\n| networks | 4 | 4460 |\n"))
    }

    @Test("CSV carries lists as the lists, space-separated, where the text table counts them")
    func lists() throws {
        var profile = RankingTableTests.profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4)
        profile.originASes = [131279, 64500]
        profile.borderASes = [131279]
        profile.transitPointsOfFailure[0].name = "CHINA UNICOM"
        let comparison = ComparisonTable(profiles: [profile])
        let csv = comparison.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let row = Dictionary(uniqueKeysWithValues: zip(csv[0], csv[1]))
        #expect(row["originASes"] == "131279 64500")
        #expect(row["borderASes"] == "131279")
        #expect(row["transitPointsOfFailure"] == "4837")
        #expect(row["transitPointsOfFailureNames"] == "CHINA UNICOM")
        #expect(row["singleOrigin"] == "false")
        let originLine = comparison.text.split(separator: "\n").first { $0.hasPrefix("origin ASes ") }
        #expect(originLine?.split(separator: " ", omittingEmptySubsequences: true).last == "2")
    }
}

@Suite("cut bounds")
struct CutBoundTests {
    @Test("each kind of cut as tables show it and as CSV carries it")
    func bounds() {
        typealias Cut = CountryProfile.Cut
        let cases: [(Cut, String, Cut.Bound)] = [
            (Cut(size: 3, asns: [], isLowerBound: false), "3", .exact),
            (Cut(size: 64, asns: [], isLowerBound: true, limitReached: true), "≥64", .atLeast),
            (Cut(size: 11, asns: [], isLowerBound: false, reachesCore: true), "core (11 ways)", .core),
            (Cut(size: 64, asns: [], isLowerBound: true, reachesCore: true, limitReached: true), "core (≥64 ways)", .coreAtLeast),
            (Cut(size: 0, asns: [], isLowerBound: false, unbounded: true), "none", .none),
        ]
        for (cut, shown, bound) in cases {
            #expect(ComparisonTable.format(cut) == shown)
            #expect(cut.bound == bound)
        }
    }
}

@Suite("what-if tables")
struct WhatIfTableTests {
    /// AS12486's failure in the 2014 case: Yemen's networks, and three of the registries' European
    /// Union space, which is real address space but no country.
    @Test("a region's networks are shown and counted apart from the countries")
    func regions() {
        let result = WhatIfResult(removed: [12486], routing: .policy, countries: [
            .init(country: "YE", networksCut: 34, shareCut: 0.992, originsCut: [12486], networks: 36, ownNetworksCut: 34),
            .init(country: "EU", networksCut: 3, shareCut: 0.001, originsCut: [12486], networks: 1867, ownNetworksCut: 3),
        ])
        let lines = WhatIfTable(result: result).text.split(separator: "\n")
        #expect(lines.first == "removing AS12486 (under routing policy): 1 country and 1 region change")
        #expect(lines.contains { $0.hasPrefix("YE  ") && $0.contains("34 of 36") && $0.contains("99.2%") })
        #expect(lines.contains { $0.hasPrefix("EU (region)  ") && $0.contains("3 of 1867") })
        let one = WhatIfResult(removed: [4837], routing: .policy, countries: [
            .init(country: "KP", networksCut: 4, shareCut: 1, originsCut: [131279], networks: 4),
        ])
        #expect(WhatIfTable(result: one).text.hasPrefix("removing AS4837 (under routing policy): 1 country changes\n"))
        // A link that cuts and restores nothing: no empty table, a sentence.
        let none = WhatIfResult(removed: [], addedLinks: [WhatIfScenario.Link(from: 20485, to: 131279, isPeering: false)], routing: .policy,
                                countries: [])
        #expect(WhatIfTable(result: none).text == "adding AS20485>AS131279 (under routing policy): no country loses or regains a network\n")
    }
}
