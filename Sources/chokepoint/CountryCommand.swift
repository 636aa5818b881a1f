import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Reports

/// `chokepoint country CC`: one country's full profile.
struct CountryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "country",
        abstract: "One country's full profile: networks, upstreams, points of failure, cuts, score.",
        discussion: """
            Examples:
              chokepoint country KP --case examples/north-korea-2014
              chokepoint country TW --date 2014-05-30 --collector route-views.jinx --format json
            """
    )

    @Argument(help: "The country code.")
    var country: String

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Analyse IPv6 networks instead of IPv4.")
    var ipv6 = false

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let codes = try CountryArguments.parse([country], orCase: study)
            let (prepared, sources) = try inputs.prepare(study)
            let profile = prepared.analyzer.profile(of: codes[0], family: ipv6 ? .ipv6 : .ipv4)
            let detail = ProfileDetail(profile: profile, names: prepared.names)
            let view = inputs.view(for: [profile], analyzer: prepared.analyzer)
            var output = StandardOutput()
            switch format {
            case .json:
                try output.write(try AnalysisDocument(caseName: study?.name, countries: [profile], sources: sources,
                                                  geography: inputs.geo, hygiene: prepared.analyzer.topology.hygiene,
                                                  view: view,
                                                  placement: prepared.analyzer.placementSummary(warnings: prepared.dataWarnings),
                                                  core: prepared.analyzer.coreSummary, simulation: prepared.analyzer.topology.simulation).json())
            case .csv: try output.write(ComparisonTable(profiles: [profile]).csv)
            case .markdown: try output.write(detail.markdown)
            case .table:
                try output.write(detail.text)
                if !inputs.quiet { try output.write(InputsFooter.line(sources, witnesses: view.includedASes)) }
            }
            try output.flush()
        }
    }
}
