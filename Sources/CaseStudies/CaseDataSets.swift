import Decompression
import Foundation
import PublicArchives

/// The data sets of a case, each a public URL (resolved through the archive catalog: mirror, cache
/// or download) or a local path (relative to the case directory).
public struct CaseDataSets: Codable, Hashable, Sendable {
    /// MRT RIB dumps.
    public var rib: [String]
    /// MRT update files whose announcements are added.
    public var updates: [String]
    /// CAIDA prefix-to-AS files.
    public var pfx2as: [String]
    /// A CAIDA AS relationships file.
    public var asRelationships: String?
    /// RIR delegation files, one per registry.
    public var delegated: [String]
    /// Which organisation holds each AS: CAIDA AS Organizations files (`*.as-org2info.txt.gz` or
    /// `.jsonl.gz`), or RIR extended delegation files (whose opaque ids group a holder's ASes).
    public var organisations: [String]
    /// AS names for labels (a CSV of asn,name).
    public var asNames: String?

    /// Creates a set of data sets.
    public init(rib: [String] = [], updates: [String] = [], pfx2as: [String] = [], asRelationships: String? = nil,
                delegated: [String] = [], organisations: [String] = [], asNames: String? = nil) {
        self.rib = rib
        self.updates = updates
        self.pfx2as = pfx2as
        self.asRelationships = asRelationships
        self.delegated = delegated
        self.organisations = organisations
        self.asNames = asNames
    }

    private enum CodingKeys: String, CodingKey {
        case rib, updates, pfx2as, asRelationships, delegated, organisations, asNames
    }

    /// Decodes the data sets; each may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rib = try container.decodeIfPresent([String].self, forKey: .rib) ?? []
        updates = try container.decodeIfPresent([String].self, forKey: .updates) ?? []
        pfx2as = try container.decodeIfPresent([String].self, forKey: .pfx2as) ?? []
        asRelationships = try container.decodeIfPresent(String.self, forKey: .asRelationships)
        delegated = try container.decodeIfPresent([String].self, forKey: .delegated) ?? []
        organisations = try container.decodeIfPresent([String].self, forKey: .organisations) ?? []
        asNames = try container.decodeIfPresent(String.self, forKey: .asNames)
    }

    /// The data sets of resolved sources: their local paths, by role.
    public init(sources: [DataSource]) {
        self.init()
        for source in sources {
            switch source.role {
            case .rib: rib.append(source.path)
            case .updates: updates.append(source.path)
            case .pfx2as: pfx2as.append(source.path)
            case .asRelationships: asRelationships = source.path
            case .delegated: delegated.append(source.path)
            case .organisations: organisations.append(source.path)
            case .asNames: asNames = source.path
            }
        }
    }

    /// Every data set with its role, in the order analysis reads them.
    public var entries: [(role: DataSource.Role, location: String)] {
        rib.map { (.rib, $0) } + updates.map { (.updates, $0) } + pfx2as.map { (.pfx2as, $0) }
            + (asRelationships.map { [(.asRelationships, $0)] } ?? []) + delegated.map { (.delegated, $0) }
            + organisations.map { (.organisations, $0) } + (asNames.map { [(.asNames, $0)] } ?? [])
    }

    /// The archive files nearest `date`: each collector's RIB, prefix-to-AS, AS relationships
    /// (serial-1) and the delegation files of every registry that existed then, as URLs.
    ///
    /// The RIBs and the delegation files are required: a collector named on purpose (`required`) must
    /// have a RIB within its tolerance of the date (a day), and of the others those that have one are
    /// read (at least one must). Prefix-to-AS and AS relationships only add to what the RIBs show, so
    /// when the archive has none within its tolerance the analysis goes on without them, and
    /// `warnings` says so. `tolerance` (seconds) widens the tolerance of every data set but the
    /// routing data. `notes` says how far from the date each file chosen is, and which registries
    /// did not exist yet.
    ///   - relationshipsOnly: Read no RIB: the routes are simulated over the AS relationships
    ///     nearest the date, which must then be found, with prefix-to-AS data for the prefixes.
    ///   - routing: Whether to find RIBs at all (not when the routes come from shards).
    ///   - replaying: Take each collector's last RIB at or before the date (within a day) and its
    ///     update files from the RIB's time through the date, for a replay to the date.
    public static func nearest(
        to date: UTCDate, collectors: [Collector], required: Bool, catalog: ArchiveCatalog, tolerance: Int64? = nil,
        relationshipsOnly: Bool = false, replaying: Bool = false, routing: Bool = true
    ) throws(ArchiveError) -> (data: CaseDataSets, warnings: [String], notes: [String]) {
        var data = CaseDataSets()
        var warnings: [String] = []
        var notes: [String] = []
        var missing: [String] = []
        func note(_ file: ArchiveFile) {
            let days = file.days(from: date)
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            let distance = days == 0 ? "within a day of the date" : "\(days) day\(days == 1 ? "" : "s") \(file.timestamp < date ? "before" : "after") it"
            let allowed = file.dataset.isRouting ? file.dataset.tolerance : (tolerance ?? file.dataset.tolerance)
            notes.append("\(name): \(distance) (allowed: \(allowed / 86_400) days)")
        }
        for collector in collectors where !relationshipsOnly && routing {
            do throws(ArchiveError) {
                guard replaying else {
                    let file = try catalog.resolve(collector.ribs, near: date)
                    data.rib.append(file.url)
                    note(file)
                    continue
                }
                let file = try catalog.lastFile(collector.ribs, atOrBefore: date)
                data.rib.append(file.url)
                note(file)
                let updates = try catalog.files(collector.updates, from: file.timestamp, through: date)
                data.updates += updates.map(\.url)
                let span = updates.count == 1 ? "the update file of \(updates[0].timestamp)"
                    : "\(updates.count) update files, \(updates.first?.timestamp.description ?? "") to \(updates.last?.timestamp.description ?? "")"
                notes.append(updates.isEmpty
                    ? "\(collector): no update file from \(file.timestamp) to \(date): its routes are the RIB's"
                    : "\(collector): \(span), replayed over its RIB of \(file.timestamp)")
            } catch {
                if required { throw error }
                missing.append("\(collector) (\(error))")
            }
        }
        guard !data.rib.isEmpty || relationshipsOnly || !routing else {
            throw ArchiveError(location: collectors.map(\.name).joined(separator: ", "),
                               reason: .noFileNear(date: date, searched: missing))
        }
        if !missing.isEmpty {
            warnings.append("no RIB within a day of \(date) for \(missing.joined(separator: "; ")); going on with "
                            + "\(data.rib.count) collector\(data.rib.count == 1 ? "" : "s")")
        }
        do {
            let file = try catalog.resolve(.prefixToAS, near: date, tolerance: tolerance)
            data.pfx2as = [file.url]
            note(file)
        } catch {
            // Without a RIB, the prefixes come from prefix-to-AS alone.
            if relationshipsOnly { throw error }
            warnings.append("\(error); going on without prefix-to-AS (the RIB's own prefixes and origins are used)")
        }
        do {
            let file = try catalog.resolve(.asRelationships(serial: 1), near: date, tolerance: tolerance)
            data.asRelationships = file.url
            note(file)
        } catch {
            if relationshipsOnly { throw error }
            warnings.append("\(error); going on without AS relationships (observed paths only)")
        }
        for registry in ArchiveDataset.RIR.allCases {
            guard date.components.year >= registry.firstYear else {
                notes.append("\(registry.rawValue.uppercased()) began in \(registry.firstYear): before it, its region's space is in the other registries' files")
                continue
            }
            let file = try catalog.resolve(.delegations(registry, extended: false), near: date, tolerance: tolerance)
            data.delegated.append(file.url)
            note(file)
        }
        return (data, warnings, notes)
    }

    /// Finds every data set on this machine: URLs through `catalog` (downloading what is missing),
    /// paths relative to `directory` (as given when it is nil), each checked to exist.
    ///
    /// - Parameter progress: Called with each download's name, bytes so far and total, when one is needed.
    public func resolve(
        catalog: ArchiveCatalog, relativeTo directory: String?,
        progress: (@Sendable (String, Int64, Int64?) -> Void)? = nil
    ) throws(CaseStudyError) -> [DataSource] {
        var sources: [DataSource] = []
        for (role, location) in entries {
            let path: String
            if location.contains("://") {
                let name = location.split(separator: "/").last.map(String.init) ?? location
                var perFile: (@Sendable (Int64, Int64?) -> Void)?
                if let progress {
                    perFile = { done, total in progress(name, done, total) }
                }
                do {
                    path = try catalog.fetch(url: location, progress: perFile)
                } catch {
                    throw CaseStudyError(file: InputQuotation.name(location), message: "cannot fetch it: \(error)", kind: .dataSet,
                                         fetchError: error)
                }
            } else {
                path = location.hasPrefix("/") || directory == nil ? location : ((directory ?? "") as NSString).appendingPathComponent(location)
                // Names only label the figures: a missing names file is warned about when it is read.
                guard FileManager.default.fileExists(atPath: path) || role == .asNames else {
                    throw CaseStudyError(file: path, message: "no such file (given as \(role.title))", kind: .dataSet)
                }
            }
            sources.append(DataSource(role: role, location: location, path: path))
        }
        return sources
    }
}
