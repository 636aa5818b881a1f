import ASTopology
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing
import TopologyRendering

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the `<title>` of each Graphviz node group and the fill of its shape, and the titles of
/// the edge groups (`tail->head`).
final class SVGNodes: NSObject, XMLParserDelegate {
    var fills: [String: String] = [:]
    var nodes: [String] = []
    var edges: [(String, String)] = []
    private var group = ""
    private var inTitle = false
    private var title = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g", let kind = attributes["class"], kind == "node" || kind == "edge" { group = kind; title = "" }
        if name == "title" && !group.isEmpty { inTitle = true }
        if group == "node" && (name == "path" || name == "polygon"), fills[title] == nil, let fill = attributes["fill"], fill != "none" {
            fills[title] = fill
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "title", inTitle else { return }
        inTitle = false
        if group == "node" { nodes.append(title) }
        if group == "edge", let arrow = title.range(of: "->") {
            edges.append((String(title[..<arrow.lowerBound]), String(title[arrow.upperBound...])))
        }
        if group == "edge" { group = "" }
    }

    /// Parses `svg`; nil when it is not well-formed XML.
    static func parse(_ svg: Data) -> SVGNodes? {
        let nodes = SVGNodes()
        let parser = XMLParser(data: svg)
        parser.delegate = nodes
        return parser.parse() ? nodes : nil
    }

    /// Nodes no edge touches.
    var isolated: [String] {
        let touched = Set(edges.flatMap { [$0.0, $0.1] })
        return nodes.filter { !touched.contains($0) }
    }
}

@Suite("diagrams")
struct DiagramRendererTests {
    /// The five-AS world of the analysis tests: S → 40 ─ 20 → 10 → 11, 30 → 11.
    static func smallWorld() throws -> CountryAnalyzer {
        var builder = TopologyBuilder()
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("10.0.0.0/24")!)
        builder.add(path: [40, 20, 10, 11], peerAS: 40, prefix: IPPrefix("10.0.2.0/23")!)
        builder.add(try ASRelationships.read(temporaryFile("20|10|-1\n30|11|-1\n10|11|-1\n40|20|0\n40|30|-1\n")))
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|4|19700101|20140101|+0000
            test|KP|asn|10|2|20000101|allocated
            test|CN|asn|20|1|20000101|allocated
            test|US|asn|30|11|20000101|allocated
            test|KP|ipv4|10.0.0.0|1024|20000101|allocated
            """)])
        return CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations))
    }

    @Test("the SVG parses as XML and marks the point of failure")
    func svg() throws {
        let diagram = try Self.smallWorld().diagram(of: "KP", names: [20: "Upstream Twenty"])
        let svg = try DiagramRenderer().render(diagram, format: "svg")
        let nodes = try #require(SVGNodes.parse(svg), "SVG is well-formed XML")
        // Weights: 10.0.0.0/24 (origin 10) one /24, 10.0.2.0/23 (origin 11) two. The only vantage point,
        // AS40, dominates everything; AS11 two thirds (critical); AS20 and AS10 one third.
        #expect(nodes.fills["AS40"] == "#f8c9c4")
        #expect(nodes.fills["AS11"] == "#fde3bf")
        #expect(nodes.fills["AS20"] == "#ffffff")
        #expect(nodes.fills["AS10"] == "#e8f1fa")
        #expect(nodes.isolated.isEmpty, "drawn with no edge: \(nodes.isolated)")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("Upstream Twenty"))
        // One definition for nodes and edges, named in the legend; the upstream carries all of the space,
        // and so does its one edge.
        #expect(text.contains("carries N%: the share of the country&#39;s address space") || text.contains("carries N%: the share of the country's address space"))
        #expect(diagram.nodes.first { $0.id == "AS20" }?.share == 1)
        #expect(diagram.edges.first { $0.from == "AS20" }?.share == 1)
    }

    /// A country reached mostly through one upstream and, for a sliver of its space, through three
    /// others: the small ones fold into one node that keeps its largest edge, and nothing is drawn alone.
    @Test("small upstreams fold into one node with an edge; no node is drawn without one")
    func folding() throws {
        var builder = TopologyBuilder()
        builder.add(path: [40, 20, 10], peerAS: 40, prefix: IPPrefix("10.0.0.0/16")!)
        builder.add(path: [40, 21, 10], peerAS: 40, prefix: IPPrefix("10.1.0.0/24")!)
        builder.add(path: [40, 22, 11], peerAS: 40, prefix: IPPrefix("10.1.1.0/24")!)
        builder.add(path: [40, 23, 11], peerAS: 40, prefix: IPPrefix("10.1.2.0/24")!)
        builder.add(try ASRelationships.read(temporaryFile("20|10|-1\n21|10|-1\n22|11|-1\n23|11|-1\n40|20|-1\n")))
        let delegations = try Delegations.load([temporaryFile("""
            2|test|1|4|19700101|20140101|+0000
            test|KP|asn|10|2|20000101|allocated
            test|CN|asn|20|4|20000101|allocated
            test|US|asn|40|1|20000101|allocated
            test|KP|ipv4|10.0.0.0|131072|20000101|allocated
            """)])
        let analyzer = CountryAnalyzer(topology: builder.build(), geography: try Geography(delegations: delegations))
        let diagram = analyzer.diagram(of: "KP")
        // 20 carries 256 of 259 /24s; 21, 22 and 23 one each (0.39%), under the 1% an edge needs.
        #expect(diagram.nodes.first { $0.id == "AS20" }?.share == 256.0 / 259.0)
        let folded = try #require(diagram.nodes.first { $0.id == "more-upstream" })
        #expect(folded.folded == 3 && abs(folded.share - 3.0 / 259.0) < 1e-12)
        #expect(diagram.edges.contains { $0.from == "more-upstream" })
        let nodes = try #require(SVGNodes.parse(try DiagramRenderer().render(diagram)))
        #expect(nodes.isolated.isEmpty, "drawn with no edge: \(nodes.isolated)")
        #expect(Set(nodes.nodes) == Set(diagram.nodes.map(\.id)))
    }

    @Test("the DOT written reads back with the same nodes and edges")
    func dotRoundTrip() throws {
        let diagram = try Self.smallWorld().diagram(of: "KP", depth: 1)
        let dot = String(decoding: try DiagramRenderer().render(diagram, format: "dot"), as: UTF8.self)
        let counts = try GraphvizGraph.count(dot: dot)
        // The legend is part of the graph's label, not nodes: the graph holds the diagram's nodes only.
        #expect(counts.nodes == diagram.nodes.count)
        #expect(counts.edges == diagram.edges.count)
        #expect(dot.contains("label=<<TABLE"))
        let other = try Self.smallWorld().diagram(of: "US")
        let comparison = String(decoding: try DiagramRenderer().renderComparison([diagram, other], format: "dot"), as: UTF8.self)
        #expect(try GraphvizGraph.count(dot: comparison).nodes == diagram.nodes.count + other.nodes.count)
    }

    @Test("Graphviz's own error reaches the caller")
    func errors() throws {
        let error = #expect(throws: GraphvizError.self) { try GraphvizGraph.count(dot: "digraph { a -> ") }
        #expect(error?.stage == "read")
        let diagram = try Self.smallWorld().diagram(of: "KP")
        #expect(throws: GraphvizError.self) { try DiagramRenderer(engine: "no-such-engine").render(diagram) }
    }

    @Test("what-if diagrams")
    func whatIf() throws {
        let analyzer = try Self.smallWorld()
        let svg = try DiagramRenderer().renderWhatIf(analyzer.whatIf(removing: [20]))
        let text = String(decoding: svg, as: UTF8.self)
        // One country loses a third of its space, one network of two; the bar says what its length means.
        #expect(text.contains("1 country loses networks"))
        #expect(text.contains("33.3%") && text.contains("1 of 2"))
        #expect(text.contains("Bar length: the share of each country"))
        #expect(SVGNodes.parse(svg) != nil)
        // The registries' regional space is drawn, named as a region, and counted apart.
        let regional = WhatIfResult(removed: [12486], routing: .policy, countries: [
            .init(country: "YE", networksCut: 34, shareCut: 0.992, originsCut: [12486], networks: 36, ownNetworksCut: 34),
            .init(country: "EU", networksCut: 3, shareCut: 0.001, originsCut: [12486], networks: 1867, ownNetworksCut: 3),
        ])
        let chart = String(decoding: try DiagramRenderer().renderWhatIf(regional), as: UTF8.self)
        #expect(chart.contains("1 country and 1 region lose networks"))
        #expect(chart.contains("EU (region) European Union"))
        // Shares as the tables give them (a network of 1,867 cut is 0.1%, not 0.0%), and what was lost said under policy.
        #expect(chart.contains(">0.1%<") && chart.contains(">99.2%<") && !chart.contains("0.0%"))
        #expect(chart.contains("left with no route (under routing"))
    }

    /// The KP 2014 diagram against a golden DOT file written by `chokepoint render KP --format dot`
    /// and checked by eye (one upstream, AS4837, and AS131279 both marked as points of failure).
    @Test("North Korea 2014, golden DOT", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northKoreaGolden() throws {
        let (topology, _) = try TopologyLoader.load(
            mrt: [SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"),
                  SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/UPDATES/updates.20140530.2345.bz2"),
                  SharedData.mirror("data.ris.ripe.net/rrc06/2014.05/updates.20140530.2215.gz")],
            prefixToAS: [SharedData.mirror("publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/routeviews-rv2-20141202-1200.pfx2as.gz")],
            relationships: SharedData.mirror("publicdata.caida.org/datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2"))
        let analyzer = CountryAnalyzer(topology: topology,
                                       geography: try Geography(delegations: try Delegations.load(SharedData.delegations2014)))
        let diagram = analyzer.diagram(of: "KP")
        let dot = String(decoding: try DiagramRenderer().render(diagram, format: "dot"), as: UTF8.self)
        let golden = try String(contentsOf: #require(Bundle.module.url(forResource: "Golden/KP-2014", withExtension: "dot")), encoding: .utf8)
        // cgraph orders subgraphs by their interned names' addresses, so blocks may come in another
        // order from run to run: compare the lines, not their order.
        #expect(dot.split(separator: "\n").sorted() == golden.split(separator: "\n").sorted())
        let svg = try DiagramRenderer().render(diagram, format: "svg")
        let nodes = try #require(SVGNodes.parse(svg))
        #expect(nodes.fills["AS4837"] == "#f8c9c4")

        // Every picture of the six countries looked at, with --depth 2 as well: no node without an edge.
        var diagrams: [CountryDiagram] = []
        for country in ["KP", "YE", "AF", "TW", "US", "CN"] as [CountryCode] {
            for depth in [0, 2] {
                let diagram = analyzer.diagram(of: country, depth: depth, limit: 12)
                let parsed = try #require(SVGNodes.parse(try DiagramRenderer().render(diagram)))
                #expect(parsed.isolated.isEmpty, "\(country) depth \(depth): drawn with no edge: \(parsed.isolated)")
                #expect(!parsed.nodes.isEmpty)
                if depth == 0 { diagrams.append(diagram) }
            }
        }

        // Panels in the order given: left to right, then down.
        let order: [CountryCode] = ["TW", "KP", "YE", "AF"]
        let chosen = order.compactMap { code in diagrams.first { $0.profile.country == code } }
        let comparison = String(decoding: try DiagramRenderer().renderComparison(chosen), as: UTF8.self)
        let panels = try panelOrigins(comparison)
        #expect(panels.count == 5)   // four panels and the legend
        let headings = order.map { code in comparison.range(of: "\(code.englishName ?? code.description) (\(code)):")?.lowerBound }
        #expect(headings.allSatisfy { $0 != nil })
        #expect(headings.compactMap { $0 }.sorted() == headings.compactMap { $0 }, "headings in the order given")
        // A 2 × 2 grid: TW left of KP, YE and AF below them.
        #expect(panels[0].y == panels[1].y && panels[0].x < panels[1].x)
        #expect(panels[2].y > panels[0].y && panels[2].x == panels[0].x && panels[3].x == panels[1].x)
        #expect(SVGNodes.parse(Data(comparison.utf8))?.isolated.isEmpty == true)
    }

    /// Where each picture of a comparison is placed (its nested `<svg x= y=>`), in document order.
    private func panelOrigins(_ svg: String) throws -> [(x: Double, y: Double)] {
        let pattern = try NSRegularExpression(pattern: "<svg x=\"([0-9.]+)\" y=\"([0-9.]+)\"")
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            guard let x = Range(match.range(at: 1), in: svg), let y = Range(match.range(at: 2), in: svg) else { return nil }
            return (Double(svg[x]) ?? 0, Double(svg[y]) ?? 0)
        }
    }
}
