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

/// Collects the `<title>` of each Graphviz node group and the fill of its shape.
final class SVGNodes: NSObject, XMLParserDelegate {
    var fills: [String: String] = [:]
    private var inNode = false
    private var inTitle = false
    private var title = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g" { inNode = attributes["class"] == "node"; title = "" }
        if name == "title" && inNode { inTitle = true }
        if inNode && (name == "path" || name == "polygon"), fills[title] == nil, let fill = attributes["fill"], fill != "none" {
            fills[title] = fill
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
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
        let nodes = SVGNodes()
        let parser = XMLParser(data: svg)
        parser.delegate = nodes
        #expect(parser.parse(), "SVG is well-formed XML")
        // Weights: 10.0.0.0/24 (origin 10) one /24, 10.0.2.0/23 (origin 11) two. The only vantage point,
        // AS40, dominates everything; AS11 two thirds (critical); AS20 and AS10 one third.
        #expect(nodes.fills["AS40"] == "#f8c9c4")
        #expect(nodes.fills["AS11"] == "#fde3bf")
        #expect(nodes.fills["AS20"] == "#ffffff")
        #expect(nodes.fills["AS10"] == "#e8f1fa")
        #expect(String(decoding: svg, as: UTF8.self).contains("Upstream Twenty"))
    }

    @Test("the DOT written reads back with the same nodes and edges")
    func dotRoundTrip() throws {
        let diagram = try Self.smallWorld().diagram(of: "KP", depth: 1)
        let dot = String(decoding: try DiagramRenderer().render(diagram, format: "dot"), as: UTF8.self)
        let counts = try GraphvizGraph.count(dot: dot)
        #expect(counts.nodes == diagram.nodes.count + 4)   // and the legend's four entries
        #expect(counts.edges == diagram.edges.count)
        let other = try Self.smallWorld().diagram(of: "US")
        let comparison = String(decoding: try DiagramRenderer().renderComparison([diagram, other], format: "dot"), as: UTF8.self)
        #expect(try GraphvizGraph.count(dot: comparison).nodes == diagram.nodes.count + other.nodes.count + 4)
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
        #expect(String(decoding: svg, as: UTF8.self).contains("33% cut"))
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
        let nodes = SVGNodes()
        let parser = XMLParser(data: svg)
        parser.delegate = nodes
        #expect(parser.parse())
        #expect(nodes.fills["AS4837"] == "#f8c9c4")
    }
}
