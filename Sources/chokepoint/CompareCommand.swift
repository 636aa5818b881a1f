import ArgumentParser
import ASTopology
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
            let diagrams = countries.compactMap { CountryCode($0) }.map { analyzer.diagram(of: $0, limit: top, names: names) }
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

/// The comparison as aligned text, one column per country.
struct ComparisonTable {
    let profiles: [CountryProfile]

    var text: String {
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func cut(_ profile: CountryProfile, _ key: String, _ value: Int) -> String {
            let bound = profile.cuts[key]?.isLowerBound == true ? "≥" : ""
            return "\(bound)\(value)"
        }
        let rows: [(String, (CountryProfile) -> String)] = [
            ("networks", { "\($0.networks)" }),
            ("networks (IPv6)", { "\($0.networksIPv6)" }),
            (profiles.first?.family == "IPv6" ? "address space (/48s)" : "address space (/24s)", { fixed($0.addressSpace24, 1) }),
            ("origin ASes", { "\($0.originASes.count)" }),
            ("border ASes", { "\($0.borderASes.count)" }),
            ("tier", { $0.tier }),
            ("upstreams", { "\($0.upstreamCount)" }),
            ("top upstream", { $0.upstreams.first.map { "AS\($0.asn) \(fixed($0.share))" } ?? "-" }),
            ("effective upstreams", { fixed($0.effectiveUpstreams) }),
            ("HHI", { fixed($0.hhi, 3) }),
            ("kappa", { cut($0, "kappa", $0.kappa) }),
            ("kappa international", { cut($0, "kappaInternational", $0.kappaInternational) }),
            ("kappa domestic", { cut($0, "kappaDomestic", $0.kappaDomestic) }),
            ("points of failure", { $0.pointsOfFailure.map { "AS\($0.asn)" }.joined(separator: ",").nonEmpty ?? "-" }),
            ("origin concentration", { fixed($0.originConcentration) }),
            ("score", { fixed($0.score, 1) }),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let columns = profiles.map { profile in rows.map { $0.1(profile) } }
        let widths = profiles.indices.map { index in max(profiles[index].country.count, columns[index].map(\.count).max() ?? 0) }
        var lines = [String(repeating: " ", count: labelWidth) + zip(profiles, widths).map { "  " + $0.country.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined()]
        for (row, entry) in rows.enumerated() {
            var line = entry.0.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for (column, width) in widths.enumerated() {
                line += "  " + columns[column][row].padding(toLength: width, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
