import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import Foundation
import ReferenceData
import Reports
import TopologyRendering

/// `chokepoint whatif`: remove ASes, organisations or links, or add links, and show for every
/// country the networks left with no route; or rank a country's worst single failures.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Remove ASes or links, or add links, and show for every country the networks left with no route.",
        discussion: """
            Reachability follows routing policy by default: a network stays reachable when a valley-free \
            path (up through providers, across at most one peer link, down to customers) joins the core to \
            one of its origins. --topological accepts any path of the graph of observed paths and relationships.

            --remove-org removes every AS of an organisation: give its id (as `country --format json` shows it), \
            or one of its ASes (AS4837 removes China Unicom's ASes where the organisation data groups them). \
            Links are written A-B (cut, whatever they are), A>B (A becomes B's provider) or A=B (peers).

            Examples:
              chokepoint whatif --remove 4837 --case examples/north-korea-2014 --svg
              chokepoint whatif --remove-org AS4837 --case examples/north-korea-2014
              chokepoint whatif --remove-link 4837-131279 --add-link 20485>131279 --case examples/north-korea-2014
              chokepoint whatif --worst --country YE --case examples/north-korea-2014
              chokepoint whatif --remove AS4837,AS9929 --date 2014-05-30 --collector route-views.jinx --format csv
            """
    )

    @Option(help: "AS numbers to remove, separated by commas (AS prefix optional).")
    var remove: String?

    @Option(help: "Organisations to remove with all their ASes: ids, or AS numbers standing for their organisation; separated by commas.")
    var removeOrg: String?

    @Option(help: "Links to cut, as A-B, separated by commas.")
    var removeLink: String?

    @Option(help: "Links to add, as A>B (A provider of B) or A=B (peers), separated by commas.")
    var addLink: String?

    @Flag(help: "Any path of the graph counts, not only routes policy allows.")
    var topological = false

    @Flag(help: "Rank every single AS failure by the damage it does to --country.")
    var worst = false

    @Option(help: "The country --worst ranks failures for.")
    var country: String?

    @Option(help: "How many failures --worst shows.")
    var limit = 10

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Also draw the result as SVG (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var output: String?

    static func asNumbers(_ text: String) -> [UInt32] {
        text.split(separator: ",").compactMap { asNumber(String($0)) }
    }

    static func asNumber(_ text: String) -> UInt32? {
        UInt32(text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "AS", with: ""))
    }

    /// Links written `A-B`, `A>B` or `A=B`, separated by commas; nil when one is malformed.
    static func links(_ text: String, separators: [Character]) -> [WhatIfScenario.Link]? {
        var links: [WhatIfScenario.Link] = []
        for item in text.split(separator: ",") {
            guard let separator = item.first(where: { separators.contains($0) }) else { return nil }
            let ends = item.split(separator: separator, omittingEmptySubsequences: false)
            guard ends.count == 2, let from = asNumber(String(ends[0])), let to = asNumber(String(ends[1])), from != to else { return nil }
            links.append(WhatIfScenario.Link(from: from, to: to, isPeering: separator == "="))
        }
        return links.isEmpty ? nil : links
    }

    var asns: [UInt32] { remove.map(Self.asNumbers) ?? [] }

    func validate() throws {
        if worst {
            guard country.flatMap(CountryCode.init) != nil else { throw ValidationError("--worst needs --country, such as --country KP") }
            guard remove == nil, removeOrg == nil, removeLink == nil, addLink == nil else {
                throw ValidationError("--worst tries every single failure: give no --remove, --remove-org or links with it")
            }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            return
        }
        guard remove != nil || removeOrg != nil || removeLink != nil || addLink != nil else {
            throw ValidationError("give --remove ASes, --remove-org organisations, --remove-link or --add-link links (or --worst --country CC)")
        }
        guard remove == nil || removeOrg == nil else { throw ValidationError("give --remove or --remove-org, not both") }
        if let remove {
            guard !asns.isEmpty, asns.count == remove.split(separator: ",").count else {
                throw ValidationError("--remove takes AS numbers separated by commas, such as 4837 or AS4837,AS9002")
            }
        }
        if let removeLink, Self.links(removeLink, separators: ["-"]) == nil {
            throw ValidationError("--remove-link takes links such as 4837-131279, separated by commas")
        }
        if let addLink, Self.links(addLink, separators: [">", "="]) == nil {
            throw ValidationError("--add-link takes links such as 20485>131279 (provider>customer) or 4837=9002 (peers), separated by commas")
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

    /// Every AS the scenario names must be in the topology: a what-if about an AS nothing mentions
    /// would silently change nothing.
    func checkKnown(_ asns: [UInt32], in analyzer: CountryAnalyzer) throws {
        let unknown = asns.filter { analyzer.topology.nodeIndex[$0] == nil }
        guard unknown.isEmpty else {
            throw CommandFailure(description: unknown.map { "AS\($0)" }.joined(separator: ", ")
                                 + " appear\(unknown.count == 1 ? "s" : "") in no path and no relationship of these inputs: nothing to change")
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let (prepared, sources) = try inputs.prepare(study)
            let analyzer = prepared.analyzer
            let routing: WhatIfScenario.Routing = topological ? .topological : .policy
            if routing == .policy && analyzer.policy == nil && !inputs.quiet {
                printError("note: no AS relationships, so no routing policy to simulate: any path of the observed graph counts")
            }
            var standardOutput = StandardOutput()
            if worst, let code = country.flatMap(CountryCode.init) {
                let failures = analyzer.worstFailures(of: code, routing: routing, limit: limit)
                let table = WorstFailuresTable(country: code.description, failures: failures,
                                               routing: analyzer.policy == nil ? .topological : routing)
                switch format {
                case .json: try standardOutput.write(try PrettyJSON.string(from: failures))
                case .csv: try standardOutput.write(table.csv)
                case .markdown: try standardOutput.write(table.table.markdown)
                case .table: try standardOutput.write(table.text)
                }
                try standardOutput.flush()
                return
            }
            let removal = removeOrg == nil ? (asns, []) : try organisationMembers(analyzer)
            let removedLinks = removeLink.flatMap { Self.links($0, separators: ["-"]) } ?? []
            let addedLinks = addLink.flatMap { Self.links($0, separators: [">", "="]) } ?? []
            try checkKnown(removal.0 + (removedLinks + addedLinks).flatMap { [$0.from, $0.to] }, in: analyzer)
            var result = analyzer.whatIf(WhatIfScenario(removedASes: removal.0, removedLinks: removedLinks, addedLinks: addedLinks,
                                                        routing: routing))
            if removeOrg != nil { result.organisations = removal.1 }
            let table = WhatIfTable(result: result)
            switch format {
            case .json:
                var document = result
                document.view = analyzer.view()
                try standardOutput.write(try PrettyJSON.string(from: document))
            case .csv: try standardOutput.write(table.csv)
            case .markdown: try standardOutput.write(table.markdown)
            case .table:
                try standardOutput.write(table.text)
                if !inputs.quiet { try standardOutput.write(InputsFooter.line(sources, witnesses: analyzer.view().includedASes)) }
            }
            try standardOutput.flush()
            guard svg else { return }
            let data = try DiagramRenderer().renderWhatIf(result)
            let name = (result.removed.prefix(8).map(String.init) + (removedLinks + addedLinks).prefix(4).map { "\($0.from)-\($0.to)" })
                .joined(separator: "-")
            let path = try OutputFiles.write(data, name: "whatif-" + name + ".svg", in: inputs.outputDirectory(for: study), to: output)
            printError("wrote \(path)")
        }
    }
}
