/// The routes of every vantage point, prefix by prefix, in flat arrays: for prefix `p`, the
/// entries `starts[p]..<starts[p + 1]` each give a vantage point and the path it exported, sorted
/// by vantage point then path, without duplicates. Six bytes a route.
public struct RouteTable: Sendable, Hashable {
    /// Where each prefix's routes start; one more entry than prefixes.
    public let starts: [UInt32]
    /// The vantage point of each route (an index into `Topology.vantagePoints`).
    public let vantagePoints: [UInt16]
    /// The path of each route (an id into `Topology.paths`).
    public let paths: [UInt32]

    /// Creates a table from its arrays (they must agree; the builder and the snapshot reader check).
    init(starts: [UInt32], vantagePoints: [UInt16], paths: [UInt32]) {
        self.starts = starts
        self.vantagePoints = vantagePoints
        self.paths = paths
    }

    /// How many routes in all.
    public var count: Int { paths.count }

    /// The route indices of `prefix`.
    public func routes(of prefix: Int32) -> Range<Int> {
        Int(starts[Int(prefix)])..<Int(starts[Int(prefix) + 1])
    }
}
