extension TopologyLoader {
    /// Builds the topology from shards (`TopologyShard`) instead of MRT files: the reduce step.
    ///
    /// The shards are merged in their canonical order (`TopologyShard.canonicalOrder`), whatever
    /// order they are given in, so any listing of the same shards gives the same topology, the
    /// one `load(mrt:)` builds from their files in that order.
    public static func load(shards paths: [String], prefixToAS: [String] = [], relationships: String? = nil,
                            progress: ((Progress) -> Void)? = nil) throws -> (Topology, Report, [TopologyShard]) {
        let reference = ReferenceRead(prefixToAS: prefixToAS, relationships: relationships)
        var found: [TopologyShard] = []
        // Heads first, for the order; then each shard's routes in turn, so that one shard's
        // routes at most are held beside the merged ones.
        var builder = TopologyBuilder()
        var report = Report()
        do {
            for path in paths { found.append(try TopologyShard.header(path)) }
            found.sort(by: TopologyShard.canonicalOrder)
            for (index, shard) in found.enumerated() {
                progress?(Progress(stage: .readingMRT(file: shard.path), bytesRead: 0, bytesTotal: nil, items: shard.summary.observations))
                let partial = try TopologyShard.read(shard.path).builder
                if index == 0 {
                    builder = partial
                } else {
                    builder.merge(consume partial)
                }
                report.mrt.append(shard.summary)
                report.observations += shard.summary.observations
            }
        } catch {
            reference.cancel()
            throw error
        }
        let (topology, finished) = try finish(consume builder, report: report, routingFiles: found.map(\.path), reference: reference,
                                              progress: progress)
        return (topology, finished, found)
    }
}
