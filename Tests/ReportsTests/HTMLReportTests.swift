import ASTopology
import CaseStudies
import CountryAnalysis
import Foundation
import Reports
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    static let view = VantagePointView(
        collectors: ["route-views.jinx"], vantagePoints: [], fullFeedIPv4: 1, fullFeedIPv6: 0, included: 1, includedASes: 1,
        includedASCountries: ["ZA": 1], fullFeedShare: 0.75, partialPeers: false, trimmedFraction: 0.1,
        warnings: ["the view is thin: 1 full-feed vantage point <one>"])

    static func report(title: String) -> String {
        let study = CaseStudy(
            name: "test", title: title, summary: "A & B", countries: ["KP", "TW"], data: CaseDataSets(rib: ["r"], delegated: ["d"]),
            published: [PublishedFigures(source: "Dyn Research", title: "Someone <Disconnects>", url: "http://example.org/a?b=1&c=2",
                                         date: "2014-12-22", networks: ["KP": 4, "TW": 5030], upstreams: ["KP": [4837]])])
        let sections = [
            HTMLReport.CountrySection(profile: RankingTableTests.profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4),
                                      diagramSVG: "<?xml version=\"1.0\"?>\n<svg id=\"graph0\"><g id=\"node1\"></g></svg>", whatIfs: []),
            HTMLReport.CountrySection(profile: RankingTableTests.profile("TW", score: 77.8, kappa: 24, effective: 12.4, networks: 4460),
                                      diagramSVG: "<svg id=\"graph0\"></svg>", whatIfs: []),
        ]
        let sources = [DataSource(role: .rib, location: "http://archive.routeviews.org/x/rib.20140530.2200.bz2", path: "/m/rib")]
        return HTMLReport(study: study, sections: sections, sources: sources, hygiene: PathHygiene.Report(), names: [4837: "CHINA UNICOM"],
                          generated: "2026-11-22", view: Self.view).html
    }

    @Test("text from the case is escaped; nothing runs or loads")
    func escaping() {
        let page = Self.report(title: "<script>alert(1)</script>")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script"))
        #expect(page.contains("A &amp; B"))
        #expect(page.contains("href=\"http://example.org/a?b=1&amp;c=2\">Someone &lt;Disconnects&gt;</a>"))
    }

    @Test("the published figures beside ours, with the differences")
    func published() {
        let page = Self.report(title: "t")
        #expect(page.contains("<td>4</td><td>4</td><td>0 (+0%)</td>"))
        #expect(page.contains("<td>5030</td><td>4460</td><td>-570 (-11%)</td>"))
        #expect(page.contains("AS4837 <span class=\"name\">CHINA UNICOM</span>"))
        #expect(page.contains("<td>2014-05-30 22:00</td>"))
    }

    /// AS12486's failure in the 2014 case: Yemen, the registries' European Union space and the US.
    @Test("a what-if's region is named and counted as a region, not a country")
    func whatIfRegion() {
        let result = WhatIfResult(removed: [12486], routing: .policy, countries: [
            .init(country: "YE", networksCut: 34, shareCut: 0.992, originsCut: [12486], networks: 36, ownNetworksCut: 34),
            .init(country: "EU", networksCut: 3, shareCut: 0.001, originsCut: [12486], networks: 1867, ownNetworksCut: 3),
            .init(country: "US", networksCut: 6, shareCut: 0.001, originsCut: [12486], networks: 173_241, ownNetworksCut: 6),
        ])
        let study = CaseStudy(name: "test", title: "t", countries: ["YE"], data: CaseDataSets(rib: ["r"], delegated: ["d"]))
        let section = HTMLReport.CountrySection(profile: RankingTableTests.profile("YE", score: 37.0, kappa: 3, effective: 2, networks: 36),
                                                diagramSVG: "<svg></svg>", whatIfs: [result])
        let page = HTMLReport(study: study, sections: [section], sources: [], hygiene: PathHygiene.Report(), names: [:],
                              generated: "2026-12-04", view: Self.view).html
        #expect(page.contains("2 countries and 1 region in all would lose networks"))
        #expect(page.contains("<td>EU (region) European Union</td>"))
        #expect(page.contains("<td>YE Yemen</td>"))
    }

    @Test("each inline diagram loses its XML prologue and gets ids of its own")
    func diagrams() {
        let page = Self.report(title: "t")
        #expect(!page.contains("<?xml"))
        #expect(page.contains("<svg id=\"KP-graph0\"><g id=\"KP-node1\">"))
        #expect(page.contains("<svg id=\"TW-graph0\">"))
    }
}

@Suite("HTML report links")
struct HTMLReportLinkTests {
    static func page(publishedURL: String, sourceLocation: String) -> String {
        let study = CaseStudy(
            name: "test", title: "t", countries: ["KP"], data: CaseDataSets(rib: ["r"], delegated: ["d"]),
            published: [PublishedFigures(source: "Someone", title: "A title", url: publishedURL, networks: ["KP": 4])])
        let sections = [HTMLReport.CountrySection(profile: RankingTableTests.profile("KP", score: 14.3, kappa: 1, effective: 1, networks: 4),
                                                  diagramSVG: "<svg></svg>", whatIfs: [])]
        let sources = [DataSource(role: .rib, location: sourceLocation, path: "/m/rib")]
        return HTMLReport(study: study, sections: sections, sources: sources, hygiene: PathHygiene.Report(), names: [:],
                          generated: "2026-11-23", view: HTMLReportTests.view).html
    }

    @Test("only http and https URLs become links; javascript:, data: and others are shown as text", arguments: [
        "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:x", "file:///etc/passwd", "//evil.example/x", "http:/x", "http://", "https://exa mple.org/",
    ])
    func unsafeURLs(url: String) {
        let page = Self.page(publishedURL: url, sourceLocation: url)
        #expect(!page.lowercased().contains("href=\"javascript"))
        #expect(!page.contains("href=\"\(url)"))
        #expect(!page.contains("<script"))
        #expect(page.contains("<cite>A title</cite>"))
    }

    @Test("http and https URLs are links")
    func webURLs() {
        let page = Self.page(publishedURL: "https://research.dyn.com/x", sourceLocation: "http://archive.routeviews.org/a/rib.bz2")
        #expect(page.contains("<a href=\"https://research.dyn.com/x\">A title</a>"))
        #expect(page.contains("<a href=\"http://archive.routeviews.org/a/rib.bz2\">rib.bz2</a>"))
    }
}
