import Foundation

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

    /// Creates a catalog.
    public init(mirror: String? = nil, mirrorURL: String? = nil, cacheDirectory: String = ArchiveCatalog.defaultCacheDirectory) {
        self.mirror = mirror
        self.mirrorURL = mirrorURL
        self.cacheDirectory = cacheDirectory
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

    /// The archive's file nearest `date` (the earlier one on a tie).
    public func resolve(_ dataset: ArchiveDataset, near date: UTCDate) throws(ArchiveError) -> ArchiveFile {
        var candidates: [ArchiveFile] = []
        var searched: [String] = []
        for directory in dataset.candidateDirectories(near: date) {
            let names: [String]
            if let mirror {
                let local = "\(mirror)/\(dataset.host)/\(directory)"
                searched.append(local)
                names = (try? FileManager.default.contentsOfDirectory(atPath: local)) ?? []
            } else {
                let url = remoteURL(host: dataset.host, path: directory, scheme: dataset.scheme) + "/"
                searched.append(url)
                do {
                    names = Self.linkedNames(in: try HTTPClient.text(url))
                } catch where error.reason == .httpStatus(404) {
                    names = []
                }
            }
            for name in names {
                if let timestamp = dataset.timestamp(ofFileNamed: name) {
                    candidates.append(ArchiveFile(dataset: dataset, path: "\(directory)/\(name)", timestamp: timestamp))
                }
            }
        }
        let best = candidates.min { lhs, rhs in
            let left = abs(lhs.timestamp.secondsSinceEpoch - date.secondsSinceEpoch)
            let right = abs(rhs.timestamp.secondsSinceEpoch - date.secondsSinceEpoch)
            return left != right ? left < right : lhs.timestamp < rhs.timestamp
        }
        guard let best else {
            throw ArchiveError(location: dataset.description, reason: .noFileNear(date: date, searched: searched))
        }
        return best
    }

    /// A local path holding `file`: the mirror's copy, the cached one, or a fresh download into the cache.
    ///
    /// Downloads go to a temporary name beside the final one and are renamed only when complete, so an
    /// interrupted download never leaves a partial file under the final name.
    public func fetch(_ file: ArchiveFile, progress: (@Sendable (Int64, Int64?) -> Void)? = nil) throws(ArchiveError) -> String {
        try fetch(scheme: file.dataset.scheme, host: file.dataset.host, path: file.path, progress: progress)
    }

    /// A local path holding the file at a public URL (`http`, `https` or `ftp`), found the same way as
    /// `fetch(_:progress:)`: the mirror's copy under `<host>/<path>`, the cached one, or a download.
    public func fetch(url: String, progress: (@Sendable (Int64, Int64?) -> Void)? = nil) throws(ArchiveError) -> String {
        guard let schemeEnd = url.range(of: "://") else {
            throw ArchiveError(location: url, reason: .badRequest("not a URL (expected scheme://host/path)"))
        }
        let scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        guard ["http", "https", "ftp"].contains(scheme), let slash = rest.firstIndex(of: "/"), rest.index(after: slash) < rest.endIndex else {
            throw ArchiveError(location: url, reason: .badRequest("not a URL of a file (expected http(s)://host/path)"))
        }
        let host = String(rest[..<slash])
        let path = String(rest[rest.index(after: slash)...])
        guard !path.split(separator: "/").contains(".."), !host.isEmpty else {
            throw ArchiveError(location: url, reason: .badRequest("the path must not climb out of the host with .."))
        }
        return try fetch(scheme: scheme, host: host, path: path, progress: progress)
    }

    private func fetch(scheme: String, host: String, path: String,
                       progress: (@Sendable (Int64, Int64?) -> Void)?) throws(ArchiveError) -> String {
        if let mirror {
            let local = "\(mirror)/\(host)/\(path)"
            guard FileManager.default.fileExists(atPath: local) else {
                throw ArchiveError(location: local, reason: .localFile("not in the mirror"))
            }
            return local
        }
        let destination = "\(cacheDirectory)/\(host)/\(path)"
        if FileManager.default.fileExists(atPath: destination) { return destination }
        let directory = (destination as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(location: directory, reason: .localFile("cannot create the cache directory: \(error.localizedDescription)"))
        }
        let temporary = "\(destination).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try HTTPClient.download(remoteURL(host: host, path: path, scheme: scheme), to: temporary, progress: progress)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ArchiveError(location: destination, reason: .localFile("cannot move the download into place"))
        }
        return destination
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
