import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Reports

/// `chokepoint rank`: every country, sorted.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank every country by score, kappa, effective upstreams or networks.",
        discussion: """
            Examples:
              chokepoint rank --case examples/north-korea-2014 --top 20
              chokepoint rank --by kappa --date 2014-05-30 --collector route-views.jinx --format csv
            """
    )

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "What to rank by: score, kappa (the transit cut), effective (upstreams) or networks.")
    var by: RankingTable.Measure = .score

    @Option(help: "Only the first N countries.")
    var top: Int?

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let (prepared, sources) = try inputs.prepare(study)
            let analyzer = prepared.analyzer
            let display = ProgressDisplay(enabled: !inputs.quiet)
            // Regions (EU, AP) are not countries: they are left out, and said so.
            let countries = analyzer.countries.filter { $0.isCountry }
            for region in analyzer.countries where !region.isCountry {
                printError("note: \(region) is not ranked: it is a region (\(region.regionName ?? "not a country")), not a country")
            }
            let profiles = analyzer.profiles(of: countries) { done in
                display.show(step: "profiling countries", done: Int64(done), total: Int64(countries.count), items: done, itemName: "countries")
            }
            display.finish()
            let table = RankingTable(profiles: profiles, by: by, limit: top)
            let view = inputs.view(for: table.profiles, analyzer: analyzer)
            var output = StandardOutput()
            switch format {
            case .json:
                try output.write(try AnalysisDocument(caseName: study?.name, countries: table.profiles, sources: sources,
                                                  geography: inputs.geo, hygiene: analyzer.topology.hygiene,
                                                  view: view,
                                                  placement: analyzer.placementSummary(warnings: prepared.dataWarnings),
                                                  core: analyzer.coreSummary, simulation: analyzer.topology.simulation).json())
            case .csv: try output.write(table.csv)
            case .markdown: try output.write(table.markdown)
            case .table:
                try output.write(table.text)
                if !inputs.quiet { try output.write(InputsFooter.line(sources, witnesses: view.includedASes)) }
            }
            try output.flush()
        }
    }
}
