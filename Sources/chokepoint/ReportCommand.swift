import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Foundation
import Reports
import TopologyRendering

/// `chokepoint report --case DIR`: the case's findings as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a case's findings as one self-contained HTML page (output/<case>/index.html).",
        discussion: """
            The page holds the comparison table, the published figures beside ours, each country's profile and \
            diagram, a what-if for each point of failure, and the data sources with their dates. Styles and \
            diagrams are inline; the page fetches nothing.

            Example: chokepoint report --case examples/north-korea-2014
            """
    )

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "How many domestic ASes and upstreams each diagram draws before folding the rest.")
    var top = 12

    @Option(name: .shortAndLong, help: "The HTML file (default output/<case>/index.html).")
    var output: String?

    func validate() throws {
        guard inputs.caseDirectory != nil else { throw ValidationError("the report needs a case: --case DIR") }
    }

    func run() throws {
        try CommandFailure.reporting {
            guard let study = try inputs.caseStudy() else { return }
            let codes = try CountryArguments.parse([], orCase: study)
            let (prepared, sources) = try inputs.prepare(study)
            let analyzer = prepared.analyzer
            let profiles = analyzer.profiles(of: codes)
            let renderer = DiagramRenderer()
            var sections: [HTMLReport.CountrySection] = []
            // Each what-if covers every country; countries sharing a point of failure share its result.
            var whatIfByAS: [UInt32: WhatIfResult] = [:]
            for (code, profile) in zip(codes, profiles) {
                let diagram = analyzer.diagram(of: code, limit: top, names: prepared.names, profile: profile)
                let svg = String(decoding: try renderer.render(diagram, format: "svg"), as: UTF8.self)
                let whatIfs = profile.pointsOfFailure.map { failure in
                    if let known = whatIfByAS[failure.asn] { return known }
                    let result = analyzer.whatIf(removing: [failure.asn])
                    whatIfByAS[failure.asn] = result
                    return result
                }
                sections.append(HTMLReport.CountrySection(profile: profile, diagramSVG: svg, whatIfs: whatIfs))
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let report = HTMLReport(study: study, sections: sections, sources: sources, hygiene: analyzer.topology.hygiene,
                                    names: prepared.names, generated: formatter.string(from: Date()),
                                    view: inputs.view(for: profiles, analyzer: analyzer),
                                    placement: analyzer.placementSummary(warnings: prepared.dataWarnings))
            let path = try OutputFiles.write(Data(report.html.utf8), name: "index.html",
                                             in: inputs.outputDirectory(for: study), to: output)
            var out = StandardOutput()
            try out.write(ComparisonTable(profiles: profiles).text)
            try out.flush()
            printError("wrote \(path)")
        }
    }
}
