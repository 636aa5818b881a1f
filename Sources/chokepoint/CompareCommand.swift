import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Foundation
import Reports
import TopologyRendering

/// `chokepoint compare CC CC …`: countries side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare countries' upstream diversity, points of failure, cuts and scores.",
        discussion: """
            Examples:
              chokepoint compare --case examples/north-korea-2014
              chokepoint compare KP YE AF TW --date 2014-05-30 --collector route-views.jinx --format csv
              chokepoint compare KP YE --rib rib.20140530.2200.bz2 --as-rel 20150201.as-rel.txt.bz2 \\
                  --pfx2as routeviews-rv2-20141202-1200.pfx2as.gz --delegated delegated-apnic-20140805.gz
            """
    )

    @Argument(help: "Country codes (default: the case's countries).")
    var countries: [String] = []

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Analyse IPv6 networks instead of IPv4.")
    var ipv6 = false

    @Flag(help: "Also draw the countries side by side as SVG (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var output: String?

    @Option(help: "How many domestic ASes and upstreams each panel draws before folding the rest.")
    var nodes = 8

    @Option(help: "Force a Graphviz layout engine.")
    var engine: LayoutEngine?

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let codes = try CountryArguments.parse(countries, orCase: study)
            let (prepared, sources) = try inputs.prepare(study)
            let analyzer = prepared.analyzer
            let profiles = analyzer.profiles(of: codes, family: ipv6 ? .ipv6 : .ipv4)
            let view = inputs.view(for: profiles, analyzer: analyzer)
            var standardOutput = StandardOutput()
            switch format {
            case .json:
                try standardOutput.write(try AnalysisDocument(caseName: study?.name, countries: profiles, sources: sources,
                                                  geography: inputs.geo, hygiene: analyzer.topology.hygiene,
                                                  view: view,
                                                  placement: analyzer.placementSummary(warnings: prepared.dataWarnings),
                                                  core: analyzer.coreSummary, simulation: analyzer.topology.simulation).json())
            case .csv: try standardOutput.write(ComparisonTable(profiles: profiles).csv)
            case .markdown: try standardOutput.write(ComparisonTable(profiles: profiles).markdown)
            case .table:
                try standardOutput.write(ComparisonTable(profiles: profiles).text)
                if !inputs.quiet { try standardOutput.write(InputsFooter.line(sources, witnesses: view.includedASes)) }
            }
            try standardOutput.flush()
            guard svg else { return }
            // Diagrams show IPv4; reuse the profiles when they are IPv4 ones.
            let diagrams = zip(codes, profiles).map { code, profile in
                analyzer.diagram(of: code, limit: nodes, names: prepared.names, profile: ipv6 ? nil : profile)
            }
            let data = try DiagramRenderer(engine: engine?.rawValue).renderComparison(diagrams, format: "svg")
            let path = try OutputFiles.write(data, name: "compare-" + codes.map(\.description).joined(separator: "-") + ".svg",
                                             in: inputs.outputDirectory(for: study), to: output)
            printError("wrote \(path)")
        }
    }
}
