import Decompression
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds and fetches archive files by data set and date: from a local mirror laid out
/// `<host>/<path>` (no network), from the cache, or by downloading into the cache.
public struct ArchiveCatalog: Sendable {
    /// A local directory laid out `<host>/<path>`, such as `../shared/mirror`; when set, the network
    /// is never touched.
    public var mirror: String?
    /// An HTTP server laid out `<host>/<path>` to download from instead of each archive's own host.
    public var mirrorURL: String?
    /// Where downloads are kept, laid out `<host>/<path>`.
    public var cacheDirectory: String
    /// Size and time limits on each download.
    public var limits: DownloadLimits
    /// Whether URLs of hosts other than the public archives' (`knownHosts`) may be fetched.
    public var allowsAnyHost: Bool
    /// Whether a cached file is downloaded again (and replaced once the new copy checks out).
    public var refreshes: Bool

    /// The hosts of the public archives the catalog knows; other URLs are refused unless
    /// `allowsAnyHost` is set.
    public static let knownHosts: Set<String> = [
        "archive.routeviews.org", "data.ris.ripe.net", "publicdata.caida.org",
        "ftp.afrinic.net", "ftp.apnic.net", "ftp.arin.net", "ftp.lacnic.net", "ftp.ripe.net",
    ]

    /// Creates a catalog.
    public init(mirror: String? = nil, mirrorURL: String? = nil, cacheDirectory: String = ArchiveCatalog.defaultCacheDirectory,
                limits: DownloadLimits = .standard, allowsAnyHost: Bool = false, refreshes: Bool = false) {
        self.mirror = mirror
        self.mirrorURL = mirrorURL
        self.cacheDirectory = cacheDirectory
        self.limits = limits
        self.allowsAnyHost = allowsAnyHost
        self.refreshes = refreshes
    }

    /// `$XDG_CACHE_HOME/chokepoint`, else `~/.cache/chokepoint`.
    public static var defaultCacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/chokepoint" }
        return "\(environment["HOME"] ?? NSHomeDirectory())/.cache/chokepoint"
    }

    /// A catalog configured from `CHOKEPOINT_MIRROR`, `CHOKEPOINT_MIRROR_URL` and `XDG_CACHE_HOME`.
    public static func fromEnvironment() -> ArchiveCatalog {
        let environment = ProcessInfo.processInfo.environment
        return ArchiveCatalog(mirror: environment["CHOKEPOINT_MIRROR"].flatMap { $0.isEmpty ? nil : $0 },
                              mirrorURL: environment["CHOKEPOINT_MIRROR_URL"].flatMap { $0.isEmpty ? nil : $0 })
    }

    private func remoteURL(host: String, path: String, scheme: String) -> String {
        if let mirrorURL { return "\(mirrorURL.hasSuffix("/") ? String(mirrorURL.dropLast()) : mirrorURL)/\(host)/\(path)" }
        return "\(scheme)://\(host)/\(path)"
    }

    /// The archive's file nearest `date` (the earlier one on a tie), at most `tolerance` seconds
    /// away (by default the data set's own, `ArchiveDataset.tolerance`).
    public func resolve(_ dataset: ArchiveDataset, near date: UTCDate, tolerance: Int64? = nil) throws(ArchiveError) -> ArchiveFile {
        let allowed = tolerance ?? dataset.tolerance
        let (candidates, searched) = try listing(dataset, near: date, within: allowed)
        let best = candidates.min { lhs, rhs in
            let left = abs(lhs.timestamp.secondsSinceEpoch - date.secondsSinceEpoch)
            let right = abs(rhs.timestamp.secondsSinceEpoch - date.secondsSinceEpoch)
            return left != right ? left < right : lhs.timestamp < rhs.timestamp
        }
        guard let best else {
            throw ArchiveError(location: dataset.description, reason: .noFileNear(date: date, searched: searched), dataset: dataset)
        }
        guard abs(best.timestamp.secondsSinceEpoch - date.secondsSinceEpoch) <= allowed else {
            throw ArchiveError(location: dataset.description, reason: .tooFar(
                date: date, nearest: best.timestamp, days: best.days(from: date), tolerance: Int(allowed / 86_400)), dataset: dataset)
        }
        return best
    }

    /// The archive's last file of `dataset` at or before `date`, at most the data set's tolerance
    /// before it: the state a replay to `date` starts from.
    public func lastFile(_ dataset: ArchiveDataset, atOrBefore date: UTCDate) throws(ArchiveError) -> ArchiveFile {
        let earliest = UTCDate(secondsSinceEpoch: date.secondsSinceEpoch - dataset.tolerance)
        guard let last = try files(dataset, from: earliest, through: date).last else {
            let (_, searched) = try listing(dataset, near: date, within: dataset.tolerance)
            throw ArchiveError(location: dataset.description,
                               reason: .noFileBefore(date: date, hours: Int(dataset.tolerance / 3600), searched: searched), dataset: dataset)
        }
        return last
    }

    /// The archive's files of `dataset` whose times fall from `start` through `end`, in time order
    /// (none is no error: a caller says what the gap means).
    public func files(_ dataset: ArchiveDataset, from start: UTCDate, through end: UTCDate) throws(ArchiveError) -> [ArchiveFile] {
        let (candidates, _) = try listing(dataset, near: end, within: max(0, end.secondsSinceEpoch - start.secondsSinceEpoch))
        return candidates.filter { !($0.timestamp < start) && !(end < $0.timestamp) }.sorted { $0.timestamp < $1.timestamp }
    }

    /// Every file of `dataset` in the directories a date `within` seconds of `date` may be in,
    /// and where it looked.
    private func listing(_ dataset: ArchiveDataset, near date: UTCDate, within allowed: Int64) throws(ArchiveError)
        -> (files: [ArchiveFile], searched: [String]) {
        var candidates: [ArchiveFile] = []
        var searched: [String] = []
        for directory in dataset.candidateDirectories(near: date, within: allowed) {
            // A collector name goes into the path: it must not climb out of the archive.
            if let problem = ArchiveLocation.pathProblem(directory) {
                throw ArchiveError(location: dataset.description, reason: .badRequest(problem))
            }
            let names: [String]
            if let mirror {
                let local = "\(mirror)/\(dataset.host)/\(directory)"
                searched.append(local)
                names = (try? FileManager.default.contentsOfDirectory(atPath: local)) ?? []
            } else {
                let url = remoteURL(host: dataset.host, path: directory, scheme: dataset.scheme) + "/"
                searched.append(url)
                do {
                    names = Self.linkedNames(in: try HTTPClient.text(url, limits: limits))
                } catch where error.reason == .httpStatus(404) {
                    names = []
                }
            }
            for name in names where ArchiveLocation.pathProblem(name) == nil {
                if let timestamp = dataset.timestamp(ofFileNamed: name) {
                    candidates.append(ArchiveFile(dataset: dataset, path: "\(directory)/\(name)", timestamp: timestamp))
                }
            }
        }
        return (candidates, searched)
    }

    /// A local path holding `file`: the mirror's copy, the cached one, or a fresh download into the cache.
    ///
    /// Downloads go to a temporary name beside the final one and are renamed only when complete, so an
    /// interrupted download never leaves a partial file under the final name.
    public func fetch(_ file: ArchiveFile, progress: (@Sendable (Int64, Int64?) -> Void)? = nil) throws(ArchiveError) -> String {
        try fetch(scheme: file.dataset.scheme, host: file.dataset.host, path: file.path, progress: progress)
    }

    /// A local path holding the file at a public URL (`http` or `https`, of a host in
    /// `knownHosts` unless `allowsAnyHost`), found the same way as `fetch(_:progress:)`: the
    /// mirror's copy under `<host>/<path>`, the cached one, or a download.
    public func fetch(url: String, progress: (@Sendable (Int64, Int64?) -> Void)? = nil) throws(ArchiveError) -> String {
        let location = try ArchiveLocation(url: url)
        return try fetch(scheme: location.scheme, host: location.host, path: location.path, progress: progress)
    }

    private func fetch(scheme: String, host: String, path: String,
                       progress: (@Sendable (Int64, Int64?) -> Void)?) throws(ArchiveError) -> String {
        let location = try ArchiveLocation(scheme: scheme, host: host, path: path)
        guard allowsAnyHost || Self.knownHosts.contains(location.hostName) else {
            throw ArchiveError(location: location.url, reason: .badRequest(
                "\(location.hostName) is not a public archive host the catalog knows (\(Self.knownHosts.sorted().joined(separator: ", "))); "
                + "give --allow-any-host to fetch from it"))
        }
        if let mirror {
            let local = try location.localPath(under: mirror, creatingDirectories: false)
            guard FileManager.default.fileExists(atPath: local) else {
                throw ArchiveError(location: local, reason: .localFile("not in the mirror"))
            }
            return local
        }
        let destination = try location.localPath(under: cacheDirectory, creatingDirectories: true)
        if !refreshes, FileManager.default.fileExists(atPath: destination) { return destination }
        let directory = (destination as NSString).deletingLastPathComponent
        PartialFile.removeStale(in: directory)
        let temporary = PartialFile.temporaryPath(for: destination)
        unlink(temporary)
        do {
            try HTTPClient.download(remoteURL(host: host, path: path, scheme: scheme), to: temporary, limits: limits, progress: progress)
            try ArchiveContentCheck.verify(temporary, name: location.fileName, url: location.url)
        } catch {
            unlink(temporary)
            throw error
        }
        do {
            try PartialFile.commit(temporary, to: destination)
        } catch {
            throw ArchiveError(location: destination, reason: .localFile("cannot move the download into place: \(error)"))
        }
        return destination
    }

    /// Whether `path` is a file of this catalog's cache (which may be removed and fetched again).
    public func isCached(_ path: String) -> Bool {
        let root = URL(fileURLWithPath: cacheDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return file.hasPrefix(root + "/")
    }

    /// The names an HTML directory index links to (`href="name"`), as Apache, nginx and Python serve them.
    static func linkedNames(in html: String) -> [String] {
        var names: [String] = []
        var rest = html[...]
        while let range = rest.range(of: "href=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let link = String(rest[..<end])
            rest = rest[end...]
            let name = link.split(separator: "/").last.map(String.init) ?? link
            if !link.hasSuffix("/"), !name.isEmpty, !name.contains("?") {
                names.append(name.removingPercentEncoding ?? name)
            }
        }
        return names
    }
}
