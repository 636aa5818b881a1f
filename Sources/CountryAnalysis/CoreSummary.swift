/// The world side every cut is measured from: the `core` object of the JSON documents, so that a
/// reader can see which ASes were never removable and why.
public struct CoreSummary: Encodable, Sendable, Hashable {
    /// ASes whose customer cone holds more than this many ASes are in the core.
    public var coneThreshold: Int
    /// The core's ASes, ascending; empty when no AS relationships were read (the world side is then
    /// every path's first AS).
    public var asns: [UInt32]
    /// The inferred clique's ASes (all in the core), ascending.
    public var clique: [UInt32]
    /// Where the cut searches stop; a cut at the limit is a lower bound.
    public var cutLimit: Int
}

extension CountryAnalyzer {
    /// The core and the limits the cuts were computed with.
    public var coreSummary: CoreSummary {
        CoreSummary(coneThreshold: options.coreConeThreshold, asns: core.map { topology.asns[Int($0)] }.sorted(),
                    clique: topology.clique.map { topology.asns[Int($0)] }.sorted(), cutLimit: options.cutLimit)
    }
}
