import CountryAnalysis
import Foundation
import ReferenceData

/// Draws country diagrams, comparisons and what-if results with Graphviz.
public struct DiagramRenderer: Sendable {
    /// The layout engine: `dot` for small graphs, `sfdp` above `largeGraphThreshold` nodes, or forced.
    public var engine: String?
    /// From how many nodes `sfdp` replaces `dot` (measured: dot takes 2 s at 1,000 nodes).
    public var largeGraphThreshold = 300

    /// The layout engines a renderer may be asked for.
    public static let engines = ["dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"]

    /// Creates a renderer; `engine` forces a layout engine.
    public init(engine: String? = nil) {
        self.engine = engine
    }

    /// Colours: points of failure red, critical ASes orange, the rest by role.
    enum Palette {
        static let failureFill = "#f8c9c4", failureLine = "#c0392b"
        static let criticalFill = "#fde3bf", criticalLine = "#d35400"
        static let domesticFill = "#e8f1fa", upstreamFill = "#ffffff", transitFill = "#f2f2f2"
        static let ink = "#222222", muted = "#666666", edge = "#4a6fa5", line = "#888888"
    }

    /// The country's diagram, its numbers on top and its legend under them, as DOT (Graphviz's own
    /// writer) or, laid out, in `format`.
    public func render(_ diagram: CountryDiagram, format: String = "svg") throws(GraphvizError) -> Data {
        try output(graph(of: diagram, legend: true), format: format)
    }

    private func graph(of diagram: CountryDiagram, legend: Bool) throws(GraphvizError) -> GraphvizGraph {
        let graph = try GraphvizGraph(name: diagram.profile.country.description)
        configure(graph)
        graph.setHTML("label", Self.heading(diagram, legend: legend))
        draw(diagram, into: graph, prefix: "", inside: nil)
        return graph
    }

    /// Several countries in one picture, in the order given: left to right, then down, in a grid;
    /// one legend under them. As DOT, the panels are clusters of one graph.
    public func renderComparison(_ diagrams: [CountryDiagram], format: String = "svg") throws(GraphvizError) -> Data {
        let title = "Chokepoint: " + diagrams.map(\.profile.country.description).joined(separator: " · ")
        guard format == "svg" else {
            let graph = try GraphvizGraph(name: "comparison")
            configure(graph)
            graph.setHTML("label", Self.legendTable(title: title, diagrams: diagrams))
            for diagram in diagrams {
                let panel = graph.cluster(diagram.profile.country.description, attributes: [
                    ("label", Self.headline(diagram.profile)), ("labeljust", "l"), ("fontsize", "14"), ("style", "rounded"),
                    ("color", "#bbbbbb"), ("margin", "16"),
                ])
                draw(diagram, into: graph, prefix: diagram.profile.country.description + ":", inside: panel)
            }
            return try output(graph, format: format)
        }
        var pictures: [SVGGrid.Picture] = []
        for (index, diagram) in diagrams.enumerated() {
            let data = try output(graph(of: diagram, legend: false), format: "svg")
            guard let picture = SVGGrid.Picture(svg: data, idPrefix: "p\(index)-") else {
                throw GraphvizError(stage: "render", message: "Graphviz wrote no SVG for \(diagram.profile.country)")
            }
            pictures.append(picture)
        }
        let legendGraph = try GraphvizGraph(name: "legend")
        configure(legendGraph)
        legendGraph.setHTML("label", Self.legendTable(title: nil, diagrams: diagrams))
        let footer = SVGGrid.Picture(svg: try output(legendGraph, format: "svg"), idPrefix: "legend-")
        return SVGGrid(title: title, pictures: pictures, footer: footer, columns: SVGGrid.columns(for: pictures.count)).svg
    }

    /// The ASes removed and the countries each cuts off: a bar per country, longest first, its length
    /// the share of the country's address space cut off, with that share and the networks cut beside
    /// it; long lists run on in further columns.
    public func renderWhatIf(_ result: WhatIfResult, format: String = "svg", rowsPerColumn: Int = 30) throws(GraphvizError) -> Data {
        let graph = try GraphvizGraph(name: "whatif")
        configure(graph)
        let removed = result.organisations.map { "the organisation\($0.count == 1 ? "" : "s") " + $0.joined(separator: ", ") + " (\(result.removed.count) ASes)" }
            ?? result.removed.map { "AS\($0)" }.joined(separator: ", ")
        let count = result.countries.count
        let barWidth = 120.0
        let sorted = result.countries.sorted {
            ($0.shareCut, $0.networksCut, $1.country) > ($1.shareCut, $1.networksCut, $0.country)
        }
        // Columns of equal length, so that no column's rows are stretched to another's height.
        let columnCount = max(1, (sorted.count + rowsPerColumn - 1) / rowsPerColumn)
        let perColumn = max(1, (sorted.count + columnCount - 1) / columnCount)
        let columns = stride(from: 0, to: sorted.count, by: perColumn).map { Array(sorted[$0..<min($0 + perColumn, sorted.count)]) }
        var cells = ""
        for column in columns {
            var rows = ""
            for impact in column {
                // The bar and the rest of its track fill a fixed-size cell exactly: Graphviz asserts when a
                // fixed-size cell's content is wider than the cell, and spreads a narrower one out.
                let length = min(Int(barWidth) - 1, max(1, Int((impact.shareCut * barWidth).rounded())))
                let fill = impact.shareCut >= 0.99 ? Palette.failureLine : impact.shareCut >= 0.5 ? Palette.criticalLine : Palette.edge
                let name = CountryCode(impact.country).flatMap(\.englishName).map { " " + String($0.prefix(18)) } ?? ""
                rows += "<TR><TD ALIGN=\"LEFT\">\(Self.escapeHTML(CountryCode.label(impact.country) + name))</TD>"
                    + "<TD WIDTH=\"\(Int(barWidth))\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\">"
                    + "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                    + "<TD BGCOLOR=\"\(fill)\" WIDTH=\"\(length)\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
                    + "<TD BGCOLOR=\"#eeeeee\" WIDTH=\"\(Int(barWidth) - length)\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
                    + "</TR></TABLE></TD>"
                    + "<TD ALIGN=\"RIGHT\">" + impact.shareCutText + "</TD>"
                    + "<TD ALIGN=\"RIGHT\">\(impact.networksCut) of \(impact.networks)</TD></TR>"
            }
            let header = "<TR><TD ALIGN=\"LEFT\"><B>country</B></TD><TD><B>space cut off</B></TD>"
                + "<TD ALIGN=\"RIGHT\"><B>share</B></TD><TD ALIGN=\"RIGHT\"><B>networks cut</B></TD></TR>"
            cells += "<TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">\(header)\(rows)</TABLE></TD>"
        }
        if cells.isEmpty { cells = "<TD>no country loses a network</TD>" }
        let title = "What if \(removed) failed? " + CountryCode.count(result.countries.map(\.country)) + (count == 1 ? " loses" : " lose") + " networks"
        let (lost, lostShort) = result.routing == .policy ? ("no route (under routing policy)", "no route") : ("no path", "no path")
        let key = "Bar length: the share of each country's address space left with \(lost) (a full bar is 100%); "
            + "red: all of it, orange: half or more. Networks cut: IPv4 prefixes left with \(lostShort), of the country's total."
        let label = "<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"2\">"
            + "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"\(max(1, columns.count))\"><FONT POINT-SIZE=\"20\">\(Self.escapeHTML(title))</FONT></TD></TR>"
            + "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"\(max(1, columns.count))\"><FONT POINT-SIZE=\"11\" COLOR=\"\(Palette.muted)\">\(Self.wrapped(key, width: 90))</FONT></TD></TR>"
            + "<TR>\(cells)</TR></TABLE>"
        graph.addNode("chart", htmlLabel: label, attributes: [("shape", "plain"), ("style", "solid"), ("peripheries", "0"), ("fontsize", "12")])
        return try output(graph, format: format)
    }

    private func configure(_ graph: GraphvizGraph) {
        graph.set("labelloc", "t")
        graph.set("labeljust", "l")
        graph.set("fontname", "Helvetica")
        graph.set("fontsize", "20")
        graph.set("rankdir", "LR")
        graph.set("newrank", "true")
        graph.set("nodesep", "0.3")
        graph.set("ranksep", "0.9")
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
        graph.setDefault(edge: "xlabel", "")
        graph.setDefault(edge: "fontname", "Helvetica")
        graph.setDefault(edge: "fontsize", "10")
        graph.setDefault(edge: "fontcolor", Palette.muted)
    }

    private func draw(_ diagram: CountryDiagram, into graph: GraphvizGraph, prefix: String,
                      inside panel: GraphvizGraph.Cluster?) {
        let country = graph.cluster(prefix + "domestic-" + diagram.profile.country.description, in: panel, attributes: [
            ("label", Self.countryName(diagram.profile.country)), ("style", "filled,rounded"),
            // Bottom right: edges come in from the left and over the top.
            ("fillcolor", "#f7fbff"), ("color", "#7aa6d6"), ("fontsize", "14"), ("labeljust", "r"), ("labelloc", "b"),
        ])
        // Upstreams share one column left of the country, their upstreams further left.
        let upstreamColumn = graph.subgraph(prefix + "upstreams", in: panel, attributes: [("rank", "same")])
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
            if node.folded > 1 || node.id == CountryDiagram.servedFromAbroadID { attributes.append(("style", "rounded,filled,dashed")) }
            let home = node.role == .domestic ? country : node.role == .upstream ? upstreamColumn : panel
            graph.addNode(prefix + node.id, in: home, attributes: attributes)
        }
        let roles = Dictionary(diagram.nodes.map { ($0.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        for edge in diagram.edges {
            var attributes: [(String, String)] = [("penwidth", String(format: "%.1f", 0.8 + 6 * edge.share))]
            if edge.share >= 0.05 {
                // Labels on edges into the country sit at the tail, outside the box and its title.
                let entering = roles[edge.from] != .domestic && roles[edge.to] == .domestic
                let text = "\(Int((edge.share * 100).rounded()))%"
                if entering {
                    attributes += [("taillabel", text), ("labeldistance", "2.2"), ("labelangle", "-25")]
                } else if roles[edge.from] == .upstream && roles[edge.to] == .upstream {
                    // Between two upstreams of one column the edge is flat: Graphviz 2.42's dot corrupts its
                    // heap laying out a label on a flat edge, so the label is placed after the layout.
                    attributes.append(("xlabel", text))
                } else {
                    attributes.append(("label", " \(text) "))
                }
            }
            graph.addEdge(from: prefix + edge.from, to: prefix + edge.to, attributes: attributes)
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
        // Under 1%, a rounded 0% would read as nothing at all.
        var numbers = [String(format: node.share < 0.01 ? "carries %.1f%%" : "carries %.0f%%", node.share * 100)]
        if let share = node.dominatedShare { numbers.append(String(format: "dominates %.0f%%", share * 100)) }
        lines.append(numbers.joined(separator: " · "))
        return lines.map(escape).joined(separator: "\\n")
    }

    /// The numbers a picture of one country is headed by.
    static func headline(_ profile: CountryProfile) -> String {
        let upstreams = profile.upstreamCount == 1 ? "1 upstream" : "\(profile.upstreamCount) upstreams"
        let kind = profile.routes == .simulated ? " simulated" : ""
        let witnesses = profile.witnessASes == 1 ? "1\(kind) witness" : "\(profile.witnessASes)\(kind) witnesses"
        let score = profile.score.map { String(format: "score %.1f", $0) } ?? "no score"
        return "\(countryName(profile.country)): \(profile.networks) network\(profile.networks == 1 ? "" : "s") · \(upstreams) · "
            + String(format: "E %.2f", profile.effectiveUpstreams) + " · transit cut \(cutText(profile.transitCuts.kappa)) · "
            + "\(score) (\(profile.confidence.rawValue) confidence, \(witnesses)) · tier \(profile.tier.rawValue)"
    }

    static func cutText(_ cut: CountryProfile.Cut) -> String {
        switch cut.bound {
        case .exact: "\(cut.size)"
        case .atLeast: "≥\(cut.size)"
        case .core: "core (\(cut.size) way\(cut.size == 1 ? "" : "s"))"
        case .coreAtLeast: "core (≥\(cut.size) ways)"
        case .none: "none"
        }
    }

    /// The graph label of one country's picture: its numbers, then (unless drawn once for many) the legend.
    static func heading(_ diagram: CountryDiagram, legend: Bool) -> String {
        let headlineRow = "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\">\(escapeHTML(headline(diagram.profile)))</FONT></TD></TR>"
        let omitted = notDrawnText(diagram)
        let omittedRow = omitted.map { "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\" COLOR=\"\(Palette.muted)\">\(escapeHTML($0))</FONT></TD></TR>" } ?? ""
        let legendRow = legend ? "<TR><TD ALIGN=\"LEFT\">\(legendTable(title: nil, diagrams: [diagram]))</TD></TR>" : ""
        return "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">\(headlineRow)\(omittedRow)\(legendRow)</TABLE>"
    }

    /// What a picture left off, in words; nil when it left nothing off.
    static func notDrawnText(_ diagram: CountryDiagram) -> String? {
        let parts: [String] = [(CountryDiagram.Node.Role.upstream, "upstream", "upstreams"), (.domestic, "domestic AS", "domestic ASes"),
                               (.transit, "transit AS", "transit ASes")].compactMap { role, one, many in
            guard let count = diagram.notDrawn[role], count > 0 else { return nil }
            return "\(count) \(count == 1 ? one : many)"
        }
        guard !parts.isEmpty else { return nil }
        return "Not drawn: " + parts.joined(separator: ", ")
            + String(format: ", with no edge carrying %.0f%% or more of the space.", diagram.minimumEdgeShare * 100)
    }

    /// The legend as an HTML-like table, which every layout engine keeps in one piece.
    static func legendTable(title: String?, diagrams: [CountryDiagram]) -> String {
        func swatch(_ fill: String, _ line: String, _ width: Int, _ text: String, double: Bool = false, dashed: Bool = false) -> String {
            let box = "<TABLE BORDER=\"\(width)\" COLOR=\"\(line)\" BGCOLOR=\"\(fill)\" CELLBORDER=\"\(double ? 1 : 0)\" "
                + "CELLSPACING=\"\(double ? 2 : 0)\" CELLPADDING=\"3\"\(dashed ? " STYLE=\"dashed\"" : "")><TR><TD>"
                + "<FONT POINT-SIZE=\"10\">\(escapeHTML(text))</FONT></TD></TR></TABLE>"
            return "<TD>\(box)</TD>"
        }
        let witnesses = Set(diagrams.map(\.witnesses)).sorted().map(String.init).joined(separator: " or ")
        let simulated = diagrams.contains { $0.profile.routes == .simulated }
        let definition = "carries N%: the share of the country's address space with \(simulated ? "a simulated" : "an observed") path through "
            + "the AS, or along the edge (edge width too), on the paths of \(witnesses)\(simulated ? " simulated" : "") "
            + "witness\(witnesses == "1" ? "" : "es")\(simulated ? " (routes CAIDA's relationships imply; no routing data was read)" : ""). A network reached "
            + "several ways counts on each, so shares need not add up to 100%. dominates N%: the share of the space that "
            + String(format: "cannot be reached without it. Edges under %.0f%% are not drawn; dashed: folded ASes, or networks ",
                     (diagrams.first?.minimumEdgeShare ?? 0.01) * 100)
            + "whose origins are all abroad."
        let titleRow = title.map { "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT POINT-SIZE=\"20\">\(escapeHTML($0))</FONT></TD></TR>" } ?? ""
        let omitted = diagrams.count > 1 ? diagrams.compactMap { diagram in
            notDrawnText(diagram).map { "\(diagram.profile.country): " + $0 }
        } : []
        let omittedRows = omitted.map {
            "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT POINT-SIZE=\"10\" COLOR=\"\(Palette.muted)\">\(wrapped($0))</FONT></TD></TR>"
        }.joined()
        return "<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"0\">\(titleRow)<TR>"
            + "<TD><FONT POINT-SIZE=\"11\"><B>Legend</B></FONT></TD>"
            + swatch(Palette.failureFill, Palette.failureLine, 2, "point of failure (dominates ≥ 99%)")
            + swatch(Palette.criticalFill, Palette.criticalLine, 2, "critical (dominates ≥ 50%)")
            + swatch(Palette.domesticFill, Palette.muted, 1, "border AS", double: true)
            + swatch(Palette.domesticFill, Palette.muted, 1, "domestic AS")
            + swatch(Palette.upstreamFill, Palette.muted, 1, "international upstream")
            + swatch(Palette.transitFill, Palette.muted, 1, "transit AS")
            + swatch(Palette.upstreamFill, Palette.muted, 1, "+N more (folded)", dashed: true)
            + "</TR><TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT POINT-SIZE=\"10\" COLOR=\"\(Palette.muted)\">\(wrapped(definition))</FONT></TD></TR>"
            + omittedRows + "</TABLE>"
    }

    /// `text` escaped and broken into left-aligned lines of about `width` characters.
    static func wrapped(_ text: String, width: Int = 110) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { escapeHTML($0) + "<BR ALIGN=\"LEFT\"/>" }.joined()
    }

    static func countryName(_ code: CountryCode) -> String {
        code.englishName.map { "\($0) (\(code))" } ?? code.description
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "'")
    }
}
