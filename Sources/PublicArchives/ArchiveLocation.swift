import Decompression
import Foundation

/// A checked archive URL: `http` or `https`, a host name, and a path of plain components, so that
/// mapping it to `<root>/<host>/<path>` under a mirror or the cache can never reach outside the root.
struct ArchiveLocation {
    /// `http` or `https`.
    var scheme: String
    /// The host, with its port when the URL gives one.
    var host: String
    /// The path on the host, without a leading slash.
    var path: String

    /// The host without its port.
    var hostName: String { host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? host }

    /// The file name: the path's last component.
    var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    var url: String { "\(scheme)://\(host)/\(path)" }

    /// Parses `scheme://host/path`.
    init(url: String) throws(ArchiveError) {
        guard let schemeEnd = url.range(of: "://") else {
            throw ArchiveError(location: InputQuotation.name(url), reason: .badRequest("not a URL (expected http(s)://host/path)"))
        }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else {
            throw ArchiveError(location: InputQuotation.name(url), reason: .badRequest("not a URL of a file (expected http(s)://host/path)"))
        }
        try self.init(scheme: String(url[..<schemeEnd.lowerBound]), host: String(rest[..<slash]),
                      path: String(rest[rest.index(after: slash)...]))
    }

    /// Checks each part.
    init(scheme: String, host: String, path: String) throws(ArchiveError) {
        let shown = InputQuotation.name("\(scheme)://\(host)/\(path)")
        guard scheme == "http" || scheme == "https" else {
            throw ArchiveError(location: shown, reason: .badRequest("only http and https URLs are fetched"))
        }
        guard Self.isHost(host) else {
            throw ArchiveError(location: shown, reason: .badRequest("\(InputQuotation.quote(host)) is not a host name"))
        }
        guard let problem = Self.pathProblem(path) else {
            self.scheme = scheme
            self.host = host.lowercased()
            self.path = path
            return
        }
        throw ArchiveError(location: shown, reason: .badRequest(problem))
    }

    /// A DNS name or IPv4 address of letters, digits, `-` and `.` (labels neither empty nor `..`),
    /// with an optional port.
    static func isHost(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = parts.first, !name.isEmpty, name.count <= 253 else { return false }
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65_535).contains(port) else { return false }
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
        }
    }

    /// Why `path` cannot map to a file below a root, or nil when it can: every component non-empty,
    /// not `.` or `..`, of letters, digits and `-_.+~,=@` only (no `%`, `\`, `?` or control bytes).
    static func pathProblem(_ path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty, path.count <= 1024 else { return "the path is empty or too long" }
        for component in components {
            guard !component.isEmpty else { return "the path has an empty component" }
            guard component != ".", component != ".." else { return "the path must not climb with . or .." }
            let allowed = component.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || "-_.+~,=@".utf8.contains(byte)
            }
            guard allowed else { return "the path component \(InputQuotation.quote(component)) has characters an archive file name does not" }
        }
        return nil
    }

    /// `<root>/<host>/<path>`, checked after resolving symbolic links to lie below `root`; the
    /// directories are created first when asked.
    func localPath(under root: String, creatingDirectories: Bool) throws(ArchiveError) -> String {
        let local = "\(root)/\(host)/\(path)"
        let directory = (local as NSString).deletingLastPathComponent
        if creatingDirectories {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ArchiveError(location: directory, reason: .localFile("cannot create the cache directory: \(error.localizedDescription)"))
            }
        }
        let resolvedRoot = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: local).standardizedFileURL.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot + "/") else {
            throw ArchiveError(location: local, reason: .badRequest("resolves to \(resolved), outside \(resolvedRoot)"))
        }
        return local
    }
}
