import ArgumentParser
import Reports
import TopologyRendering

/// What `rank --by` accepts; a bad value is refused with this list.
extension RankingTable.Measure: ExpressibleByArgument {}

/// A Graphviz layout engine for `--engine`.
enum LayoutEngine: String, ExpressibleByArgument, CaseIterable {
    case dot, neato, fdp, sfdp, circo, twopi, osage, patchwork
}

/// What `render --format` writes.
enum DiagramFormat: String, ExpressibleByArgument, CaseIterable {
    case svg, dot
}
