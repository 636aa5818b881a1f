import ArgumentParser
import ASTopology
import Reports
import TopologyRendering
import CountryAnalysis
import Foundation
import Geography
import ReferenceData

/// `chokepoint compare CC CC …`: countries side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare countries' upstream diversity, points of failure, cuts and scores.",
        discussion: """
            Example: chokepoint compare KP YE AF TW --rib rib.20140530.2200.bz2 --updates updates.20140530.2215.gz \
            --pfx2as routeviews-rv2-20141202-1200.pfx2as.gz --as-rel 20150201.as-rel.txt.bz2 \
            --delegated delegated-apnic-20140805.gz ...
            """
    )

    @Argument(help: "Country codes.")
    var countries: [String]

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "Output format: table or json.")
    var format = "table"

    @Flag(help: "Analyse IPv6 networks instead of IPv4.")
    var ipv6 = false

    @Flag(help: "Also draw the countries side by side as SVG (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var outputPath: String?

    @Option(help: "How many ASes and upstreams to draw per country before folding the rest.")
    var top = 8

    @Option(help: "Force a Graphviz layout engine (dot, sfdp, neato...).")
    var engine: String?

    func validate() throws {
        for code in countries where CountryCode(code) == nil {
            throw ValidationError("\(code) is not a two-letter country code")
        }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() throws {
        let analyzer = try inputs.analyzer()
        let profiles = analyzer.profiles(of: countries.compactMap { CountryCode($0) }, family: ipv6 ? .ipv6 : .ipv4)
        var output = StandardOutput()
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(ComparisonDocument(countries: profiles, hygiene: analyzer.topology.hygiene,
                                                             inputs: inputs.files, geography: inputs.geo))
            output.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            output.write(ComparisonTable(profiles: profiles).text)
        }
        output.flush()
        if svg {
            let renderer = DiagramRenderer(engine: engine)
            let names = try inputs.names()
            // Diagrams show IPv4; reuse the profiles when they are IPv4 ones.
            let diagrams = zip(countries.compactMap { CountryCode($0) }, profiles).map { code, profile in
                analyzer.diagram(of: code, limit: top, names: names, profile: ipv6 ? nil : profile)
            }
            let data = try renderer.renderComparison(diagrams, format: "svg")
            let path = try OutputFiles.write(data, name: "compare-" + countries.joined(separator: "-") + ".svg", to: outputPath)
            printError("wrote \(path)")
        }
    }
}

/// The JSON document: the profiles beside the inputs used.
struct ComparisonDocument: Encodable {
    var countries: [CountryProfile]
    var hygiene: PathHygiene.Report
    var inputs: [String]
    var geography: String
}

