import CountryAnalysis
import Foundation
import ReferenceData

/// Draws country diagrams, comparisons and what-if results with Graphviz.
public struct DiagramRenderer: Sendable {
    /// The layout engine: `dot` for small graphs, `sfdp` above `largeGraphThreshold` nodes, or forced.
    public var engine: String?
    /// From how many nodes `sfdp` replaces `dot` (measured: dot takes 2 s at 1,000 nodes).
    public var largeGraphThreshold = 300

    /// Creates a renderer; `engine` forces a layout engine.
    public init(engine: String? = nil) {
        self.engine = engine
    }

    /// Colours: points of failure red, critical ASes orange, the rest by role.
    enum Palette {
        static let failureFill = "#f8c9c4", failureLine = "#c0392b"
        static let criticalFill = "#fde3bf", criticalLine = "#d35400"
        static let domesticFill = "#e8f1fa", upstreamFill = "#ffffff", transitFill = "#f2f2f2"
        static let ink = "#222222", muted = "#666666", edge = "#4a6fa5"
    }

    /// The country's diagram as DOT (Graphviz's own writer) and, laid out, in `format`.
    public func render(_ diagram: CountryDiagram, format: String = "svg") throws(GraphvizError) -> Data {
        let graph = try GraphvizGraph(name: diagram.profile.country.description)
        configure(graph, title: Self.headline(diagram.profile))
        // Many upstreams side by side make a picture too wide to read: lay them out in a column.
        if diagram.nodes.count > 6 { graph.set("rankdir", "LR") }
        draw(diagram, into: graph, prefix: "", inside: nil)
        addLegend(to: graph)
        return try output(graph, format: format)
    }

    /// Several countries side by side in one picture, each panel headed by its numbers.
    public func renderComparison(_ diagrams: [CountryDiagram], format: String = "svg") throws(GraphvizError) -> Data {
        let graph = try GraphvizGraph(name: "comparison")
        configure(graph, title: "Chokepoint: " + diagrams.map(\.profile.country.description).joined(separator: " · "))
        // Upstreams in a column per panel; the panels then stack into a picture that stays readable.
        graph.set("rankdir", "LR")
        for diagram in diagrams {
            let panel = graph.cluster(diagram.profile.country.description, attributes: [
                ("label", Self.headline(diagram.profile)), ("labeljust", "l"), ("fontsize", "16"),
                ("style", "rounded"), ("color", "#bbbbbb"), ("margin", "16"),
            ])
            draw(diagram, into: graph, prefix: diagram.profile.country.description + ":", inside: panel)
        }
        addLegend(to: graph)
        return try output(graph, format: format)
    }

    /// The ASes removed and the countries each cuts off, sized by the share lost.
    public func renderWhatIf(_ result: WhatIfResult, format: String = "svg") throws(GraphvizError) -> Data {
        let graph = try GraphvizGraph(name: "whatif")
        configure(graph, title: "What if " + result.removed.map { "AS\($0)" }.joined(separator: ", ") + " failed?")
        graph.set("rankdir", "LR")
        for asn in result.removed {
            graph.addNode("AS\(asn)", attributes: [("label", "AS\(asn)\\nremoved"), ("fillcolor", Palette.failureFill),
                                                  ("color", Palette.failureLine), ("penwidth", "2")])
        }
        for impact in result.countries {
            let size = 0.8 + 2.2 * impact.shareCut.squareRoot()
            graph.addNode(impact.country, attributes: [
                ("shape", "circle"), ("fixedsize", "true"), ("width", String(format: "%.2f", size)),
                ("label", "\(impact.country)\\n\(Int((impact.shareCut * 100).rounded()))% cut\\n\(impact.networksCut) networks"),
                ("fillcolor", impact.shareCut >= 0.99 ? Palette.failureFill : Palette.criticalFill),
            ])
            for asn in result.removed {
                graph.addEdge(from: "AS\(asn)", to: impact.country,
                              attributes: [("penwidth", String(format: "%.1f", 1 + 5 * impact.shareCut))])
            }
        }
        return try output(graph, format: format)
    }

    private func configure(_ graph: GraphvizGraph, title: String) {
        graph.set("label", title)
        graph.set("labelloc", "t")
        graph.set("fontname", "Helvetica")
        graph.set("fontsize", "20")
        graph.set("rankdir", "TB")
        graph.set("nodesep", "0.35")
        graph.set("ranksep", "0.6")
        graph.set("pad", "0.3")
        graph.set("bgcolor", "white")
        graph.setDefault(node: "shape", "box")
        graph.setDefault(node: "style", "rounded,filled")
        graph.setDefault(node: "fontname", "Helvetica")
        graph.setDefault(node: "fontsize", "12")
        graph.setDefault(node: "fillcolor", Palette.upstreamFill)
        graph.setDefault(node: "color", Palette.muted)
        graph.setDefault(node: "fixedsize", "false")
        graph.setDefault(node: "width", "0.75")
        graph.setDefault(node: "penwidth", "1")
        graph.setDefault(node: "peripheries", "1")
        graph.setDefault(node: "label", "\\N")
        graph.setDefault(edge: "color", Palette.edge)
        graph.setDefault(edge: "arrowsize", "0.6")
        graph.setDefault(edge: "penwidth", "1")
        graph.setDefault(edge: "label", "")
        graph.setDefault(edge: "fontname", "Helvetica")
        graph.setDefault(edge: "fontsize", "10")
        graph.setDefault(edge: "fontcolor", Palette.muted)
    }

    private func draw(_ diagram: CountryDiagram, into graph: GraphvizGraph, prefix: String,
                      inside panel: GraphvizGraph.Cluster?) {
        let country = graph.cluster(prefix + "domestic-" + diagram.profile.country.description, in: panel, attributes: [
            ("label", Self.countryName(diagram.profile.country)), ("style", "filled,rounded"),
            ("fillcolor", "#f7fbff"), ("color", "#7aa6d6"), ("fontsize", "14"), ("labeljust", "l"),
            ("labelloc", "b"),
        ])
        for node in diagram.nodes {
            var attributes: [(String, String)] = [("label", Self.label(node))]
            if node.isPointOfFailure {
                attributes += [("fillcolor", Palette.failureFill), ("color", Palette.failureLine), ("penwidth", "2.5")]
            } else if node.dominatedShare != nil {
                attributes += [("fillcolor", Palette.criticalFill), ("color", Palette.criticalLine), ("penwidth", "2")]
            } else {
                let fill = node.role == .domestic ? Palette.domesticFill : node.role == .upstream ? Palette.upstreamFill : Palette.transitFill
                attributes.append(("fillcolor", fill))
            }
            if node.isBorder { attributes.append(("peripheries", "2")) }
            if node.folded > 1 { attributes.append(("style", "rounded,filled,dashed")) }
            graph.addNode(prefix + node.id, in: node.role == .domestic ? country : panel, attributes: attributes)
        }
        for edge in diagram.edges {
            var attributes: [(String, String)] = [("penwidth", String(format: "%.1f", 0.8 + 6 * edge.share))]
            if edge.share >= 0.05 { attributes.append(("label", "  \(Int((edge.share * 100).rounded()))%  ")) }
            graph.addEdge(from: prefix + edge.from, to: prefix + edge.to, attributes: attributes)
        }
    }

    private func addLegend(to graph: GraphvizGraph) {
        let legend = graph.cluster("legend", attributes: [("label", "Legend"), ("fontsize", "12"), ("style", "rounded"),
                                                          ("color", "#cccccc")])
        let entries: [(String, String, [(String, String)])] = [
            ("legend-pof", "point of failure\\n(dominates ≥ 99%)", [("fillcolor", Palette.failureFill), ("color", Palette.failureLine), ("penwidth", "2.5")]),
            ("legend-critical", "critical\\n(dominates ≥ 50%)", [("fillcolor", Palette.criticalFill), ("color", Palette.criticalLine), ("penwidth", "2")]),
            ("legend-border", "border AS", [("fillcolor", Palette.domesticFill), ("peripheries", "2")]),
            ("legend-upstream", "international\\nupstream", [("fillcolor", Palette.upstreamFill)]),
        ]
        // No edges: the entries share one rank and sit in a row.
        for (id, label, attributes) in entries {
            graph.addNode(id, in: legend, attributes: [("label", label), ("fontsize", "10")] + attributes)
        }
    }

    private func output(_ graph: GraphvizGraph, format: String) throws(GraphvizError) -> Data {
        if format == "dot" { return Data(try graph.dot().utf8) }
        let engine = self.engine ?? (graph.nodeCount > largeGraphThreshold ? "sfdp" : "dot")
        return try graph.render(engine: engine, format: format)
    }

    static func label(_ node: CountryDiagram.Node) -> String {
        var lines = [node.title]
        if let name = node.name, name != node.title { lines.append(String(name.prefix(26)) + (name.count > 26 ? "…" : "")) }
        if let share = node.dominatedShare {
            lines.append(String(format: "DS %.2f", share))
        } else if node.share > 0 {
            // Upstreams show their share of the country's space; domestic ASes the share their paths carry.
            lines.append(String(format: node.role == .upstream ? "share %.0f%%" : "carries %.0f%%", node.share * 100))
        }
        return lines.map(escape).joined(separator: "\\n")
    }

    static func headline(_ profile: CountryProfile) -> String {
        let bound = profile.cuts.kappa.isLowerBound ? "≥" : ""
        let upstreams = profile.upstreamCount == 1 ? "1 upstream" : "\(profile.upstreamCount) upstreams"
        return "\(profile.country): \(profile.networks) networks · \(upstreams) · "
            + String(format: "E %.2f", profile.effectiveUpstreams) + " · κ \(bound)\(profile.kappa) · "
            + (profile.score.map { String(format: "score %.1f", $0) } ?? "no score") + " (\(profile.confidence.rawValue) confidence) · \(profile.tier.rawValue)"
    }

    static func countryName(_ code: CountryCode) -> String {
        code.englishName.map { "\($0) (\(code))" } ?? code.description
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "'")
    }
}
