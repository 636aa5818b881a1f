import AnalysisPipeline
import ArgumentParser
import CountryAnalysis
import TopologyRendering

/// `chokepoint render CC`: a country's topology diagram.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a country's ASes, border ASes, upstreams and points of failure (SVG or DOT).",
        discussion: """
            Examples:
              chokepoint render KP --case examples/north-korea-2014
              chokepoint render TW --depth 1 --format dot --date 2014-05-30 --collector route-views.jinx -o tw.dot
            """
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

    @Option(name: .shortAndLong, help: "The output file (default output/[<case>/]<CC>.<format>).")
    var output: String?

    func validate() throws {
        guard ["svg", "dot"].contains(format) else { throw ValidationError("--format must be svg or dot") }
    }

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let code = try CountryArguments.parse([country], orCase: study)[0]
            let (prepared, _) = try inputs.prepare(study)
            let diagram = prepared.analyzer.diagram(of: code, depth: depth, limit: top, names: prepared.names)
            let data = try DiagramRenderer(engine: engine).render(diagram, format: format)
            let path = try OutputFiles.write(data, name: "\(code).\(format)", in: inputs.outputDirectory(for: study), to: output)
            printError("wrote \(path)")
        }
    }
}
