import ArgumentParser
import CountryAnalysis
import ReferenceData
import TopologyRendering

/// `chokepoint render CC`: a country's topology diagram.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a country's ASes, border ASes, upstreams and points of failure (SVG or DOT).",
        discussion: "Example: chokepoint render KP --rib rib.bz2 --as-rel as-rel.txt.bz2 --delegated ... -o kp.svg"
    )

    @Argument(help: "The country code.")
    var country: String

    @OptionGroup var inputs: AnalysisInputs

    @Option(help: "Also draw the upstreams' own upstreams this many hops toward the core.")
    var depth = 0

    @Option(help: "How many domestic ASes and upstreams to draw before folding the rest into one node.")
    var top = 12

    @Option(help: "svg or dot.")
    var format = "svg"

    @Option(help: "Force a Graphviz layout engine (dot, sfdp, neato...).")
    var engine: String?

    @Option(name: .shortAndLong, help: "The output file (default output/<CC>.<format>).")
    var output: String?

    func validate() throws {
        guard CountryCode(country) != nil else { throw ValidationError("\(country) is not a two-letter country code") }
        guard ["svg", "dot"].contains(format) else { throw ValidationError("--format must be svg or dot") }
    }

    func run() throws {
        let analyzer = try inputs.analyzer()
        guard let code = CountryCode(country) else { return }
        let diagram = analyzer.diagram(of: code, depth: depth, limit: top, names: try inputs.names())
        let data = try DiagramRenderer(engine: engine).render(diagram, format: format)
        let path = try OutputFiles.write(data, name: "\(code).\(format)", to: output)
        printError("wrote \(path)")
    }
}
