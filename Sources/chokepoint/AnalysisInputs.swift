import ArgumentParser
import ASTopology
import CountryAnalysis
import Geography
import ReferenceData

/// The data sets every analysis command reads.
struct AnalysisInputs: ParsableArguments {
    @Option(help: "MRT RIB files.")
    var rib: [String] = []

    @Option(help: "MRT update files (announcements are added).")
    var updates: [String] = []

    @Option(help: "CAIDA prefix-to-AS files.")
    var pfx2as: [String] = []

    @Option(help: "A CAIDA AS relationships file.")
    var asRel: String?

    @Option(help: "RIR delegation files, one per registry.")
    var delegated: [String] = []

    @Option(help: "Prefix geography: rir, mmdb:PATH or tor:PATH[,PATH6].")
    var geo = "rir"

    @Option(help: "AS names for labels: a CSV of asn,name (such as the IPFire location export).")
    var asNames: String?

    func validate() throws {
        guard PrefixGeographySource(geo) != nil else { throw ValidationError("--geo must be rir, mmdb:PATH or tor:PATH") }
        guard !(rib + updates + pfx2as).isEmpty else { throw ValidationError("give path data: --rib, --updates or --pfx2as") }
        guard !delegated.isEmpty else { throw ValidationError("give the RIR delegation files with --delegated") }
    }

    /// Every input file.
    var files: [String] { rib + updates + pfx2as + (asRel.map { [$0] } ?? []) + delegated }

    /// Reads everything, reports what was skipped or recovered on standard error, and prepares the analysis.
    func analyzer() throws -> CountryAnalyzer {
        let (topology, report) = try TopologyLoader.load(mrt: rib + updates, prefixToAS: pfx2as, relationships: asRel)
        for (file, mrt) in report.mrt {
            for line in mrt.recoveryLines { printError("\(file): \(line)") }
        }
        let hygiene = topology.hygiene
        printError("paths: \(hygiene.paths) seen, \(hygiene.kept) kept; prepending collapsed in \(hygiene.prependingCollapsed), "
                   + "\(hygiene.loopsDropped) with loops and \(hygiene.reservedDropped) with reserved ASNs dropped, "
                   + "\(hygiene.setsTruncated) cut at an AS_SET (\(hygiene.originUnknown) with the origin unknown)")
        let delegations = try Delegations.load(delegated)
        for warning in delegations.warnings { printError("warning: \(warning)") }
        let geography = try Geography(delegations: delegations, source: PrefixGeographySource(geo) ?? .rir)
        return CountryAnalyzer(topology: topology, geography: geography)
    }

    /// AS names, when a file was given.
    func names() throws -> [UInt32: String] {
        guard let asNames else { return [:] }
        return try ASNamesFile.read(asNames)
    }
}
