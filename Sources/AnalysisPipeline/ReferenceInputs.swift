import ASTopology
import CaseStudies
import Dispatch
import Foundation
import Geography
import ReferenceData
import Synchronization

/// The reference data of an analysis (registry delegations, the prefix geography, organisations,
/// AS names), read apart from the routing data: `PreparedAnalysis` reads them on another thread
/// while the topology loads, and the files themselves in parallel, in the order given.
public struct ReferenceInputs: Sendable {
    /// Where ASes and prefixes are.
    public var geography: Geography
    /// Which organisation holds each AS.
    public var organisations: Organisations
    /// AS names from the names file.
    public var names: [UInt32: String]
    /// Problems with the reference data that the figures inherit.
    public var warnings: [String]
    /// The cache file they were read from, when they were.
    public var snapshot: String?
    /// Why they could not be stored in the cache, when they could not.
    public var cacheWarning: String?

    /// Reference data from their parts.
    public init(geography: Geography, organisations: Organisations, names: [UInt32: String], warnings: [String]) {
        self.geography = geography
        self.organisations = organisations
        self.names = names
        self.warnings = warnings
    }

    /// Routing data (MRT bytes, compressed) up to which the reference data are read while the
    /// topology loads.
    static let overlapLimit = 64 << 20

    /// Reads the data sets' reference files, or what `cache` holds of them (storing them there
    /// when it holds nothing yet).
    public static func read(_ data: CaseDataSets, geography source: PrefixGeographySource, cache: ReferenceCache?) throws -> ReferenceInputs {
        guard let cache, let key = cache.key(for: data, geography: source) else { return try read(data, geography: source) }
        if var stored = cache.inputs(for: key, geography: source) {
            stored.snapshot = cache.path(for: key)
            return stored
        }
        var inputs = try read(data, geography: source)
        do {
            try cache.store(inputs, for: key)
        } catch {
            inputs.cacheWarning = "the reference data could not be stored for the next run: \(error)"
        }
        return inputs
    }

    /// Reads the data sets' reference files.
    public static func read(_ data: CaseDataSets, geography source: PrefixGeographySource) throws -> ReferenceInputs {
        let delegationFiles = try readAll(data.delegated) { try DelegationFile.read($0) }
        let delegations = Delegations(files: delegationFiles)
        var warnings = delegations.warnings
        let geography = try Geography(delegations: delegations, source: source)
        // Organisations: CAIDA's files, and the holder ids of every extended delegation file given.
        enum OrganisationFile: Sendable {
            case caida(ASOrganizationsFile.Contents)
            case delegation(DelegationFile.Contents)
        }
        let organisationFiles = try readAll(data.organisations) { path in
            (path as NSString).lastPathComponent.contains("as-org2info")
                ? OrganisationFile.caida(try ASOrganizationsFile.read(path))
                : OrganisationFile.delegation(try DelegationFile.read(path))
        }
        var caida: [ASOrganizationsFile.Contents] = []
        var holders = delegationFiles.filter { $0.records.contains { $0.opaqueID != nil } }
        for file in organisationFiles {
            switch file {
            case .caida(let contents):
                caida.append(contents)
            case .delegation(let contents):
                warnings += contents.warnings
                holders.append(contents)
            }
        }
        let organisations = Organisations(caida: caida, delegations: holders)
        var names: [UInt32: String] = [:]
        if let namesFile = data.asNames {
            if FileManager.default.fileExists(atPath: namesFile) {
                names = try ASNamesFile.read(namesFile)
            } else {
                warnings.append("\(namesFile): no such AS names file; the figures are labelled without names")
            }
        }
        return ReferenceInputs(geography: geography, organisations: organisations, names: names, warnings: warnings)
    }

    /// `read` applied to every path on the local cores; the results in the order of `paths`, the
    /// first failure (in that order) thrown.
    static func readAll<Value: Sendable>(_ paths: [String], _ read: @Sendable (String) throws -> Value) throws -> [Value] {
        let results = Mutex<[Result<Value, any Error>?]>(Array(repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { try read(paths[index]) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.map { try ($0 ?? .failure(CancellationError())).get() }
    }

    /// Runs `read` on a thread of its own (a compressed file's reader may wait on Dispatch's pool,
    /// `DedicatedThread`); `wait()` returns its result.
    final class Pending: Sendable {
        private let reading: DedicatedThread<Result<ReferenceInputs, any Error>>

        init(_ read: @escaping @Sendable () throws -> ReferenceInputs) {
            reading = DedicatedThread { Result { try read() } }
        }

        /// Waits for the reading to end, and returns what it read or throws what it met.
        func wait() throws -> ReferenceInputs {
            try reading.wait().get()
        }
    }
}
