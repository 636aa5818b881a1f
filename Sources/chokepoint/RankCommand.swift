import ArgumentParser
import CountryAnalysis
import Foundation
import ReferenceData
import Reports

/// `chokepoint rank`: every country, sorted.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank every country by score, kappa, effective upstreams or networks.",
        discussion: "Example: chokepoint rank --by score --top 20 --rib rib.bz2 --as-rel as-rel.txt.bz2 --delegated ..."
    )

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "score, kappa, effective or networks.")
    var by = "score"

    @Option(help: "Only the first N countries.")
    var top: Int?

    @Option(help: "table, json, csv or markdown.")
    var format = "table"

    func validate() throws {
        guard RankingTable.Measure(rawValue: by) != nil else { throw ValidationError("--by must be score, kappa, effective or networks") }
        guard ["table", "json", "csv", "markdown"].contains(format) else {
            throw ValidationError("--format must be table, json, csv or markdown")
        }
    }

    func run() throws {
        let analyzer = try inputs.analyzer()
        let table = RankingTable(profiles: analyzer.profiles(of: analyzer.countries),
                                 by: RankingTable.Measure(rawValue: by) ?? .score, limit: top)
        var output = StandardOutput()
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            output.write(String(decoding: try encoder.encode(["countries": table.profiles]), as: UTF8.self) + "\n")
        case "csv": output.write(table.csv)
        case "markdown": output.write(table.markdown)
        default: output.write(table.text)
        }
        output.flush()
    }
}

/// `chokepoint country CC`: one country's full profile.
struct CountryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "country",
        abstract: "One country's full profile: networks, upstreams, points of failure, cuts, score.",
        discussion: "Example: chokepoint country KP --rib rib.bz2 --as-rel as-rel.txt.bz2 --delegated ... --format json"
    )

    @Argument(help: "The country code.")
    var country: String

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "table or json.")
    var format = "table"

    func validate() throws {
        guard CountryCode(country) != nil else { throw ValidationError("\(country) is not a two-letter country code") }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() throws {
        let analyzer = try inputs.analyzer()
        guard let code = CountryCode(country) else { return }
        let profile = analyzer.profile(of: code)
        var output = StandardOutput()
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            output.write(String(decoding: try encoder.encode(["countries": [profile]]), as: UTF8.self) + "\n")
        } else {
            output.write(ComparisonTable(profiles: [profile]).text)
            output.write("\nupstreams (share, only-upstream share, evidence):\n")
            for upstream in profile.upstreams {
                output.write(String(format: "  AS%-8u %6.3f  %6.3f  %@\n", upstream.asn, upstream.share, upstream.onlyShare, upstream.evidence))
            }
            output.write("critical ASes (dominated share):\n")
            for failure in profile.criticalASes {
                output.write(String(format: "  AS%-8u %6.3f  %@\n", failure.asn, failure.dominatedShare, failure.domestic ? "domestic" : "foreign"))
            }
            for (name, cut) in profile.cuts.sorted(by: { $0.key < $1.key }) {
                output.write("\(name): \(cut.isLowerBound ? ">=" : "")\(cut.size) {\(cut.asns.map { "AS\($0)" }.joined(separator: ", "))}\n")
            }
        }
        output.flush()
    }
}
