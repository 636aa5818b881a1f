import AnalysisPipeline
import ArgumentParser
import CaseStudies
import CountryAnalysis
import Foundation
import PublicArchives
import ReferenceData
import Reports
import TopologyRendering

/// `chokepoint report`: the findings for a case, a date or files as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the findings as one self-contained HTML page (output/<case or date>/index.html).",
        discussion: """
            The page holds the caveats the data imposes, the comparison table, the published figures beside ours \
            (for a case), each country's profile and diagram, a what-if for each point of failure, the view and \
            the data sources with their dates. Styles and diagrams are inline; the page fetches nothing, and \
            prints to A4 or Letter.

            Examples:
              chokepoint report --case examples/north-korea-2014
              chokepoint report KP YE --date 2014-05-30 --collector route-views.jinx --date-tolerance 300
            """
    )

    @Argument(help: "Country codes (default: the case's countries).")
    var countries: [String] = []

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "How many domestic ASes and upstreams each diagram draws before folding the rest.")
    var nodes = 12

    @Option(name: .shortAndLong, help: "The HTML file (default output/<case or date>/index.html).")
    var output: String?

    func run() throws {
        try CommandFailure.reporting {
            let given = try inputs.caseStudy()
            let codes = try CountryArguments.parse(countries, orCase: given)
            // Without a case the report is titled by its countries and date, and names the command that redoes it.
            let study = given ?? CaseStudy(
                name: inputs.date.flatMap { UTCDate($0) }.map { String($0.description.prefix(10)) } ?? "report",
                title: codes.map { $0.englishName ?? $0.description }.joined(separator: ", ")
                    + (inputs.date.map { " on \($0)" } ?? ""),
                countries: codes.map(\.description), data: CaseDataSets(), published: [])
            let (prepared, sources) = try inputs.prepare(given)
            let analyzer = prepared.analyzer
            let profiles = analyzer.profiles(of: codes)
            let renderer = DiagramRenderer()
            var sections: [HTMLReport.CountrySection] = []
            // Each what-if covers every country; countries sharing a point of failure share its result.
            var whatIfByAS: [UInt32: WhatIfResult] = [:]
            for (code, profile) in zip(codes, profiles) {
                let diagram = analyzer.diagram(of: code, limit: nodes, names: prepared.names, profile: profile)
                let svg = String(decoding: try renderer.render(diagram, format: "svg"), as: UTF8.self)
                let whatIfs = profile.pointsOfFailure.map { failure in
                    if let known = whatIfByAS[failure.asn] { return known }
                    let result = analyzer.whatIf(WhatIfScenario(removedASes: [failure.asn]))
                    whatIfByAS[failure.asn] = result
                    return result
                }
                sections.append(HTMLReport.CountrySection(profile: profile, diagramSVG: svg, whatIfs: whatIfs,
                                                          worstFailures: analyzer.worstFailures(of: code)))
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let view = inputs.view(for: profiles, analyzer: analyzer)
            let report = HTMLReport(study: study, sections: sections, sources: sources, hygiene: analyzer.topology.hygiene,
                                    names: prepared.names, generated: formatter.string(from: Date()), view: view,
                                    placement: analyzer.placementSummary(warnings: prepared.dataWarnings),
                                    core: analyzer.coreSummary, rerun: rerunCommand(codes))
            let path = try OutputFiles.write(Data(report.html.utf8), name: "index.html",
                                             in: inputs.outputDirectory(for: given), to: output)
            var out = StandardOutput()
            try out.write(ComparisonTable(profiles: profiles).text)
            if !inputs.quiet { try out.write(InputsFooter.line(sources, witnesses: view.includedASes)) }
            try out.flush()
            printError("wrote \(path)")
        }
    }

    /// The command that makes the same report: the case, or the countries with the date or files given.
    private func rerunCommand(_ codes: [CountryCode]) -> String {
        if let directory = inputs.caseDirectory { return "chokepoint report --case \(directory)" }
        var words = ["chokepoint", "report"] + codes.map(\.description)
        if let date = inputs.date {
            words += ["--date", date] + inputs.collectorNames.flatMap { ["--collector", $0] }
            if let tolerance = inputs.dateTolerance { words += ["--date-tolerance", String(tolerance)] }
        } else {
            words += inputs.rib.flatMap { ["--rib", $0] } + inputs.updates.flatMap { ["--updates", $0] }
                + inputs.pfx2as.flatMap { ["--pfx2as", $0] } + (inputs.asRel.map { ["--as-rel", $0] } ?? [])
                + inputs.delegated.flatMap { ["--delegated", $0] }
        }
        return words.joined(separator: " ")
    }
}
