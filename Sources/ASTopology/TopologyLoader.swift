import MRT
import ReferenceData

/// Loads a topology from files: MRT RIB and update files, prefix-to-AS files and an AS
/// relationships file.
public enum TopologyLoader {
    /// What loading read, for reports.
    public struct Report: Sendable {
        /// Each MRT file's read report.
        public var mrt: [(file: String, report: ReadReport)] = []
        /// Route observations added from MRT files.
        public var observations = 0
        /// Prefix-to-AS entries added.
        public var prefixToASEntries = 0
        /// AS relationship links added.
        public var relationshipLinks = 0
    }

    /// Reads every file and builds the topology.
    public static func load(mrt: [String], prefixToAS: [String] = [], relationships: String? = nil) throws -> (Topology, Report) {
        var builder = TopologyBuilder()
        var report = Report()
        for path in mrt {
            let reader = try MRTReader(path: path)
            try reader.forEachPathObservation { observation in
                builder.add(observation)
                report.observations += 1
            }
            report.mrt.append((path, reader.report))
        }
        for path in prefixToAS {
            let file = try PrefixToASFile(path: path)
            while let entry = try file.next() {
                builder.add(entry)
                report.prefixToASEntries += 1
            }
        }
        if let relationships {
            let links = try ASRelationships.read(relationships)
            builder.add(links)
            report.relationshipLinks = links.links.count
        }
        return (builder.build(), report)
    }
}
