import Foundation
import TopologyRendering
import CountryAnalysis
import ReferenceData

/// Layout and render time of the TW diagram and the four-country comparison.
enum DiagramBenchmark {
    static func run(analyzer: CountryAnalyzer) throws {
        let clock = ContinuousClock()
        let renderer = DiagramRenderer()
        let taiwan = analyzer.diagram(of: "TW")
        var bytes = 0
        let taiwanTime = try clock.measure { bytes = try renderer.render(taiwan).count }
        let diagrams = ["KP", "YE", "AF", "TW"].map { analyzer.diagram(of: CountryCode($0) ?? "KP", limit: 8) }
        var comparisonBytes = 0
        let comparisonTime = try clock.measure { comparisonBytes = try renderer.renderComparison(diagrams).count }
        print("diagrams (layout + SVG render):")
        print("  TW: \(taiwan.nodes.count) nodes, \(taiwan.edges.count) edges in \(CountryEngineBenchmark.format(taiwanTime)) s, \(bytes) bytes")
        print("  KP YE AF TW comparison: \(diagrams.map(\.nodes.count).reduce(0, +)) nodes in \(CountryEngineBenchmark.format(comparisonTime)) s, \(comparisonBytes) bytes")
    }
}
