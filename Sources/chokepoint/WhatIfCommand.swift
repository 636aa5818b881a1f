import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Foundation
import Reports
import TopologyRendering

/// `chokepoint whatif --remove AS[,AS…]`: the impact on every country.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Remove ASes and show, for every country, the networks left with no path.",
        discussion: """
            Examples:
              chokepoint whatif --remove 4837 --case examples/north-korea-2014 --svg
              chokepoint whatif --remove AS4837,AS9929 --date 2014-05-30 --collector route-views.jinx --format csv
            """
    )

    @Option(help: "AS numbers to remove, separated by commas (AS prefix optional).")
    var remove: String

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Also draw the result as SVG (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var outputPath: String?

    var asns: [UInt32] {
        remove.split(separator: ",").compactMap { UInt32($0.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "AS", with: "")) }
    }

    func validate() throws {
        guard !asns.isEmpty, asns.count == remove.split(separator: ",").count else {
            throw ValidationError("--remove takes AS numbers separated by commas, such as 4837 or AS4837,AS9002")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let (prepared, _) = try inputs.prepare(study)
            let result = prepared.analyzer.whatIf(removing: asns)
            let table = WhatIfTable(result: result)
            var output = StandardOutput()
            switch format {
            case .json:
                var document = result
                document.view = prepared.analyzer.view()
                try output.write(try PrettyJSON.string(from: document))
            case .csv: try output.write(table.csv)
            case .markdown: try output.write(table.markdown)
            case .table: try output.write(table.text)
            }
            try output.flush()
            guard svg else { return }
            let data = try DiagramRenderer().renderWhatIf(result)
            let path = try OutputFiles.write(data, name: "whatif-" + asns.map(String.init).joined(separator: "-") + ".svg",
                                             in: inputs.outputDirectory(for: study), to: outputPath)
            printError("wrote \(path)")
        }
    }
}
