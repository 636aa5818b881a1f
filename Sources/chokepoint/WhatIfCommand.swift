import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Foundation
import Reports
import TopologyRendering

/// `chokepoint whatif --remove AS[,AS…]` or `--remove-org ORG[,ORG…]`: the impact on every country.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Remove ASes and show, for every country, the networks left with no path.",
        discussion: """
            --remove-org removes every AS of an organisation: give its id (as `country --format json` shows it), \
            or one of its ASes (AS4837 removes China Unicom's ASes where the organisation data groups them).

            Examples:
              chokepoint whatif --remove 4837 --case examples/north-korea-2014 --svg
              chokepoint whatif --remove-org AS4837 --case examples/north-korea-2014
              chokepoint whatif --remove AS4837,AS9929 --date 2014-05-30 --collector route-views.jinx --format csv
            """
    )

    @Option(help: "AS numbers to remove, separated by commas (AS prefix optional).")
    var remove: String?

    @Option(help: "Organisations to remove with all their ASes: ids, or AS numbers standing for their organisation; separated by commas.")
    var removeOrg: String?

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Also draw the result as SVG (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var output: String?

    static func asNumbers(_ text: String) -> [UInt32] {
        text.split(separator: ",").compactMap {
            UInt32($0.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "AS", with: ""))
        }
    }

    var asns: [UInt32] { remove.map(Self.asNumbers) ?? [] }

    func validate() throws {
        guard (remove == nil) != (removeOrg == nil) else { throw ValidationError("give --remove ASes or --remove-org organisations") }
        if let remove {
            guard !asns.isEmpty, asns.count == remove.split(separator: ",").count else {
                throw ValidationError("--remove takes AS numbers separated by commas, such as 4837 or AS4837,AS9002")
            }
        }
    }

    /// The ASes of the organisations named (by id, or by one of their ASes).
    func organisationMembers(_ analyzer: CountryAnalyzer) throws -> (asns: [UInt32], organisations: [String]) {
        var asns = Set<UInt32>()
        var ids: [String] = []
        for item in (removeOrg ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let asNumber = Self.asNumbers(item).first.flatMap { item.uppercased().hasPrefix("AS") || UInt32(item) != nil ? $0 : nil }
            if let asNumber {
                let id = analyzer.organisations.id(of: asNumber)
                ids.append(id)
                asns.formUnion(analyzer.organisations.organisation(withID: id)?.asns ?? [asNumber])
            } else if let organisation = analyzer.organisations.organisation(withID: item) {
                ids.append(organisation.id)
                asns.formUnion(organisation.asns)
            } else {
                throw CommandFailure(description: "\(item) is neither an AS number nor an organisation id the organisation data holds "
                                     + "(ids are shown by country --format json; give --as-org FILE for organisation data)")
            }
        }
        return (asns.sorted(), ids)
    }

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let (prepared, sources) = try inputs.prepare(study)
            let removal = removeOrg == nil ? (asns, []) : try organisationMembers(prepared.analyzer)
            var result = prepared.analyzer.whatIf(removing: removal.0)
            if removeOrg != nil { result.organisations = removal.1 }
            let table = WhatIfTable(result: result)
            var standardOutput = StandardOutput()
            switch format {
            case .json:
                var document = result
                document.view = prepared.analyzer.view()
                try standardOutput.write(try PrettyJSON.string(from: document))
            case .csv: try standardOutput.write(table.csv)
            case .markdown: try standardOutput.write(table.markdown)
            case .table:
                try standardOutput.write(table.text)
                if !inputs.quiet { try standardOutput.write(InputsFooter.line(sources, witnesses: prepared.analyzer.view().includedASes)) }
            }
            try standardOutput.flush()
            guard svg else { return }
            let data = try DiagramRenderer().renderWhatIf(result)
            let path = try OutputFiles.write(data, name: "whatif-" + result.removed.prefix(8).map(String.init).joined(separator: "-") + ".svg",
                                             in: inputs.outputDirectory(for: study), to: output)
            printError("wrote \(path)")
        }
    }
}
