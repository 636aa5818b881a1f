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
    var nodes = 12

    @Option(help: "svg, or dot (Graphviz's own format, before layout).")
    var format: DiagramFormat = .svg

    @Option(help: "Force a Graphviz layout engine.")
    var engine: LayoutEngine?

    @Option(name: .shortAndLong, help: "The output file (default output/[<case>/]<CC>.<format>).")
    var output: String?

    func run() throws {
        try CommandFailure.reporting {
            let study = try inputs.caseStudy()
            let code = try CountryArguments.parse([country], orCase: study)[0]
            let (prepared, _) = try inputs.prepare(study)
            let diagram = prepared.analyzer.diagram(of: code, depth: depth, limit: nodes, names: prepared.names)
            let data = try DiagramRenderer(engine: engine?.rawValue).render(diagram, format: format.rawValue)
            let path = try OutputFiles.write(data, name: "\(code).\(format.rawValue)", in: inputs.outputDirectory(for: study), to: output)
            printError("wrote \(path)")
        }
    }
}
