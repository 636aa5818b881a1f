import ArgumentParser
import CountryAnalysis
import Foundation
import TopologyRendering

/// `chokepoint whatif --remove AS[,AS…]`: the impact on every country.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Remove ASes and show, for every country, the networks left with no path.",
        discussion: "Example: chokepoint whatif --remove 4837 --rib rib.bz2 --as-rel as-rel.txt.bz2 --delegated ... --svg"
    )

    @Option(help: "AS numbers to remove, separated by commas (AS prefix optional).")
    var remove: String

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "Output format: table or json.")
    var format = "table"

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
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() throws {
        let analyzer = try inputs.analyzer()
        let result = analyzer.whatIf(removing: asns)
        var output = StandardOutput()
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            output.write(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
        } else {
            output.write("removing \(result.removed.map { "AS\($0)" }.joined(separator: ", ")): \(result.countries.count) countries lose networks\n")
            output.write("country  networks cut  share of space  origins cut\n")
            for impact in result.countries {
                let share = String(format: "%.1f%%", impact.shareCut * 100)
                output.write("\(impact.country.padding(toLength: 9, withPad: " ", startingAt: 0))"
                             + "\(String(impact.networksCut).padding(toLength: 14, withPad: " ", startingAt: 0))"
                             + "\(share.padding(toLength: 16, withPad: " ", startingAt: 0))"
                             + impact.originsCut.prefix(8).map { "AS\($0)" }.joined(separator: ",") + "\n")
            }
        }
        output.flush()
        if svg {
            let data = try DiagramRenderer().renderWhatIf(result)
            let path = try OutputFiles.write(data, name: "whatif-" + asns.map(String.init).joined(separator: "-") + ".svg", to: outputPath)
            printError("wrote \(path)")
        }
    }
}
