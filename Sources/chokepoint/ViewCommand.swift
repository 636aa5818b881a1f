import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Reports

/// `chokepoint view`: the vantage points an analysis rests on, and whether the view can be trusted.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "List the vantage points (collector, peer AS and address) behind an analysis, and warn when the view is thin.",
        discussion: """
            A vantage point is one BGP session of a collector. It is full-feed when it has paths to at least \
            --full-feed-share of the prefixes the largest one has; only full-feed ones count unless --partial-peers. \
            Vantage points of one AS are one witness.

            Examples:
              chokepoint view --case examples/north-korea-2014
              chokepoint view --date 2024-10-01 --collector rrc01,route-views2 --format json
            """
    )

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let (prepared, _) = try inputs.prepare(study)
            let view = prepared.analyzer.view()
            let table = ViewTable(view: view, names: prepared.names)
            var output = StandardOutput()
            switch format {
            case .json: try output.write(try PrettyJSON.string(from: view))
            case .csv: try output.write(table.csv)
            case .markdown: try output.write(table.markdown)
            case .table: try output.write(table.text)
            }
            try output.flush()
        }
    }
}
