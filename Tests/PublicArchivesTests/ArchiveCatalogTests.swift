import ChokepointTestSupport
import Foundation
import PublicArchives
import Testing


private func date(_ text: String) -> UTCDate {
    guard let date = UTCDate(text) else { fatalError("bad test date \(text)") }
    return date
}

@Suite("archive layouts")
struct ArchiveLayoutTests {
    @Test("file names and the times they stand for")
    func names() {
        #expect(ArchiveDataset.routeViewsRIB(collector: "route-views.jinx").timestamp(ofFileNamed: "rib.20140530.2200.bz2")
                == date("2014-05-30T22:00"))
        #expect(ArchiveDataset.routeViewsRIB(collector: "x").timestamp(ofFileNamed: "updates.20140530.2200.bz2") == nil)
        #expect(ArchiveDataset.risUpdates(collector: "rrc06").timestamp(ofFileNamed: "updates.20140530.2215.gz")
                == date("2014-05-30T22:15"))
        #expect(ArchiveDataset.prefixToAS.timestamp(ofFileNamed: "routeviews-rv2-20141202-1200.pfx2as.gz") == date("2014-12-02T12:00"))
        #expect(ArchiveDataset.prefixToASv6.timestamp(ofFileNamed: "routeviews-rv6-20160202-1200.pfx2as.gz") == date("2016-02-02T12:00"))
        #expect(ArchiveDataset.asRelationships(serial: 1).timestamp(ofFileNamed: "20150201.as-rel.txt.bz2") == date("2015-02-01"))
        #expect(ArchiveDataset.asRelationships(serial: 2).timestamp(ofFileNamed: "20150201.as-rel.txt.bz2") == nil)
        #expect(ArchiveDataset.delegations(.apnic, extended: false).timestamp(ofFileNamed: "delegated-apnic-20140805.gz") == date("2014-08-05"))
        #expect(ArchiveDataset.delegations(.apnic, extended: false).timestamp(ofFileNamed: "delegated-apnic-extended-20140805.gz") == nil)
        #expect(ArchiveDataset.delegations(.arin, extended: false).timestamp(ofFileNamed: "delegated-arin-extended-20140804") == date("2014-08-04"))
        #expect(ArchiveDataset.delegations(.ripencc, extended: true).timestamp(ofFileNamed: "delegated-ripencc-extended-20181013.bz2")
                == date("2018-10-13"))
    }

    @Test("directories and URLs")
    func directories() {
        let day = date("2014-05-30T22:00")
        #expect(ArchiveDataset.routeViewsRIB(collector: "route-views.jinx").directory(for: day) == "route-views.jinx/bgpdata/2014.05/RIBS")
        #expect(ArchiveDataset.routeViewsUpdates(collector: "route-views2").directory(for: day) == "bgpdata/2014.05/UPDATES")
        #expect(ArchiveDataset.risRIB(collector: "rrc00").directory(for: day) == "rrc00/2014.05")
        #expect(ArchiveDataset.prefixToAS.directory(for: day) == "datasets/routing/routeviews-prefix2as/2014/05")
        #expect(ArchiveDataset.delegations(.ripencc, extended: false).directory(for: day) == "pub/stats/ripencc/2014")
        let file = ArchiveFile(dataset: .routeViewsRIB(collector: "route-views.jinx"),
                               path: "route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2", timestamp: day)
        #expect(file.url == "http://archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        #expect(file.localPath(under: "/m") == "/m/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
    }

    @Test("dates")
    func dates() {
        #expect(date("2014-12-22").description == "2014-12-22 00:00 UTC")
        #expect(date("2014-05-30 22:00").secondsSinceEpoch == 1_401_487_200)
        #expect(UTCDate("2014-02-30") == nil)
        #expect(UTCDate("2014-13-01") == nil)
        #expect(UTCDate("yesterday") == nil)
        #expect(date("2016-02-29").description == "2016-02-29 00:00 UTC")
    }
}

@Suite("archive catalog")
struct ArchiveCatalogTests {
    @Test("the nearest file in the mirror", .enabled(if: SharedData.isAvailable, SharedData.skipReason), arguments: [
        (ArchiveDataset.routeViewsRIB(collector: "route-views.jinx"), "2014-05-30T21:05", "rib.20140530.2200.bz2"),
        (.routeViewsUpdates(collector: "route-views.jinx"), "2014-05-31T00:00", "updates.20140530.2345.bz2"),
        (.risUpdates(collector: "rrc06"), "2014-05-30T22:00", "updates.20140530.2215.gz"),
        (.prefixToAS, "2014-12-22", "routeviews-rv2-20141202-1200.pfx2as.gz"),
        (.asRelationships(serial: 1), "2015-02-14", "20150201.as-rel.txt.bz2"),
        (.delegations(.afrinic, extended: false), "2014-08-01", "delegated-afrinic-20140630"),
        (.delegations(.arin, extended: false), "2014-08-01", "delegated-arin-extended-20140804"),
        (.delegations(.lacnic, extended: true), "2018-10-01", "delegated-lacnic-extended-20181012"),
    ])
    func nearestInMirror(dataset: ArchiveDataset, when: String, expected: String) throws {
        let catalog = ArchiveCatalog(mirror: SharedData.path("mirror"))
        let file = try catalog.resolve(dataset, near: date(when))
        #expect(file.path.hasSuffix("/" + expected))
        let path = try catalog.fetch(file)
        #expect(path == file.localPath(under: SharedData.path("mirror")))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a date the mirror lacks is a clear error", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func missingDate() throws {
        let catalog = ArchiveCatalog(mirror: SharedData.path("mirror"))
        let error = #expect(throws: ArchiveError.self) {
            try catalog.resolve(.routeViewsRIB(collector: "route-views2"), near: date("2019-01-01"))
        }
        #expect(error?.description.hasPrefix("RouteViews RIB (route-views2): no file near 2019-01-01 00:00 UTC") == true)
    }
}

/// Downloads for real over HTTP from a server on 127.0.0.1 that serves the mirror.
@Suite("downloads over HTTP", .serialized)
final class DownloadTests {
    private let server: ArchiveServer
    private let port: Int
    private let cache: String

    init() throws {
        server = try ArchiveServer(root: SharedData.path("mirror"))
        port = server.port
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-cache-\(UUID().uuidString)").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: cache)
    }

    private var catalog: ArchiveCatalog {
        ArchiveCatalog(mirrorURL: "http://127.0.0.1:\(port)", cacheDirectory: cache)
    }

    @Test("resolve by listing, download, bytes identical, then served from the cache",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func fullDownload() throws {
        #expect(port > 0)
        let file = try catalog.resolve(.asRelationships(serial: 1), near: date("2015-02-10"))
        #expect(file.path == "datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2")
        let counter = Counter()
        let path = try catalog.fetch(file) { done, total in counter.record(done, total) }
        #expect(path == file.localPath(under: cache))
        let original = try Data(contentsOf: URL(fileURLWithPath: file.localPath(under: SharedData.path("mirror"))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        #expect(counter.last == Int64(original.count))
        #expect(counter.total == Int64(original.count))
        // A second fetch finds the cached copy without asking the server.
        let again = try ArchiveCatalog(mirrorURL: "http://127.0.0.1:1", cacheDirectory: cache).fetch(file)
        #expect(again == path)
    }

    @Test("a 404 names the URL", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func notFound() throws {
        let file = ArchiveFile(dataset: .prefixToAS, path: "datasets/routing/routeviews-prefix2as/2014/12/none.pfx2as.gz",
                               timestamp: date("2014-12-02"))
        let error = #expect(throws: ArchiveError.self) { try catalog.fetch(file) }
        #expect(error?.reason == .httpStatus(404))
        #expect(error?.description == "http://127.0.0.1:\(port)/publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/none.pfx2as.gz: the server answered HTTP 404 (not found)")
        #expect(!FileManager.default.fileExists(atPath: file.localPath(under: cache)))
    }

    @Test("a connection dropped mid-file is an error and leaves nothing under the final name",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func droppedConnection() throws {
        let dropping = ArchiveCatalog(mirrorURL: "http://127.0.0.1:\(port)/drop", cacheDirectory: cache)
        let file = ArchiveFile(dataset: .routeViewsUpdates(collector: "route-views.jinx"),
                               path: "route-views.jinx/bgpdata/2015.04/UPDATES/updates.20150401.0000.bz2",
                               timestamp: date("2015-04-01"))
        let error = #expect(throws: ArchiveError.self) { try dropping.fetch(file) }
        switch error?.reason {
        case .incomplete(let received, let expected)?:
            #expect(received < expected)
        case .transfer?:
            break
        default:
            Issue.record("unexpected error \(String(describing: error))")
        }
        let directory = (file.localPath(under: cache) as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: file.localPath(under: cache)))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)
    }
}

/// Servers that misbehave on purpose: limits, timeouts, bad content, the cache kept clean.
@Suite("hostile downloads", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
final class HostileDownloadTests {
    private let server: ArchiveServer
    private let port: Int
    private let cache: String
    /// A small, real file of the mirror: the 2014 AFRINIC delegations (61 KB, plain text).
    static let file = ArchiveFile(dataset: .delegations(.afrinic, extended: false),
                                  path: "pub/stats/afrinic/2014/delegated-afrinic-20140630", timestamp: date("2014-06-30"))
    /// A bzip2 file of the mirror (1.3 MB).
    static let compressed = ArchiveFile(dataset: .asRelationships(serial: 1),
                                        path: "datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2", timestamp: date("2015-02-01"))

    init() throws {
        server = try ArchiveServer(root: SharedData.path("mirror"))
        port = server.port
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-cache-\(UUID().uuidString)").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: cache)
    }

    private func catalog(_ mode: String, limits: DownloadLimits = .standard, refreshes: Bool = false) -> ArchiveCatalog {
        ArchiveCatalog(mirrorURL: "http://127.0.0.1:\(port)/\(mode)", cacheDirectory: cache, limits: limits, refreshes: refreshes)
    }

    private func leftInCache(_ file: ArchiveFile) -> [String] {
        let directory = (file.localPath(under: cache) as NSString).deletingLastPathComponent
        return (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    @Test("a server announcing 20 GB is refused before a byte is written")
    func announcedTooLarge() throws {
        let error = #expect(throws: ArchiveError.self) { try catalog("huge").fetch(Self.file) }
        #expect(error?.reason == .tooLarge(limit: 4 << 30))
        #expect(error?.description.hasSuffix("the file is larger than the download limit of 4 GiB") == true)
        #expect(leftInCache(Self.file).isEmpty)
    }

    @Test("a body that never ends stops at the limit, and nothing is kept")
    func endlessBody() throws {
        let limits = DownloadLimits(maximumBytes: 8 << 20)
        let error = #expect(throws: ArchiveError.self) { try catalog("endless", limits: limits).fetch(Self.file) }
        #expect(error?.reason == .tooLarge(limit: 8 << 20))
        #expect(leftInCache(Self.file).isEmpty)
    }

    @Test("a server that stops sending is given up on after the idle time, in plain words")
    func stalled() throws {
        let started = Date()
        let error = #expect(throws: ArchiveError.self) {
            try catalog("trickle", limits: DownloadLimits(idleSeconds: 2)).fetch(Self.file)
        }
        #expect(error?.reason == .stalled(seconds: 2))
        #expect(error?.description.hasSuffix("the server stopped sending (under 1 byte/s for 2 s)") == true)
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(leftInCache(Self.file).isEmpty)
    }

    @Test("a download slower than its deadline is given up")
    func deadline() throws {
        let error = #expect(throws: ArchiveError.self) {
            try catalog("slow", limits: DownloadLimits(idleSeconds: 30, totalSeconds: 3)).fetch(Self.file)
        }
        #expect(error?.reason == .deadline(seconds: 3))
        #expect(leftInCache(Self.file).isEmpty)
    }

    @Test("nothing listens: the network is unreachable, not \"HTTP 0\"")
    func unreachable() throws {
        let nobody = ArchiveCatalog(mirrorURL: "http://127.0.0.1:1", cacheDirectory: cache)
        let error = #expect(throws: ArchiveError.self) { try nobody.fetch(Self.file) }
        guard case .unreachable(let message)? = error?.reason else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(message.contains("unreachable"))
        #expect(error?.description.contains("HTTP 0") == false)
    }

    @Test("an HTML page served with status 200 never becomes a cache entry")
    func htmlPage() throws {
        for file in [Self.file, Self.compressed] {
            let error = #expect(throws: ArchiveError.self) { try catalog("html").fetch(file) }
            #expect(error?.description.contains("not the file expected: the server sent an HTML page") == true)
            #expect(leftInCache(file).isEmpty)
            // The same file from a sound server is then fetched, not served from a bad cache entry.
            let path = try catalog("").fetch(file)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path))
                    == Data(contentsOf: URL(fileURLWithPath: file.localPath(under: SharedData.path("mirror")))))
        }
    }

    @Test("a compressed body cut short fails the decompression test and is not kept")
    func truncatedCompressed() throws {
        // A server that closes early without announcing a length: only decompression can tell.
        let error = #expect(throws: ArchiveError.self) { try catalog("cut").fetch(Self.compressed) }
        #expect(error?.description.contains("not the file expected: the compressed data does not decompress whole") == true,
                "\(String(describing: error))")
        #expect(leftInCache(Self.compressed).isEmpty)
        // Announced and cut short: the transfer itself fails.
        let dropped = #expect(throws: ArchiveError.self) { try catalog("drop").fetch(Self.compressed) }
        if case .incomplete? = dropped?.reason {} else { Issue.record("unexpected \(String(describing: dropped))") }
        #expect(leftInCache(Self.compressed).isEmpty)
    }

    @Test("--refresh replaces a cached copy; stale partial downloads are removed")
    func refreshAndStalePartials() throws {
        let destination = Self.file.localPath(under: cache)
        let directory = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "damaged".write(toFile: destination, atomically: true, encoding: .utf8)
        let stale = destination + ".partial-99999999"
        let old = destination + ".partial-\(getpid())"
        for path in [stale, old] { try "half".write(toFile: path, atomically: false, encoding: .utf8) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 86_400)], ofItemAtPath: old)
        // Without --refresh the cached copy is served as it is.
        #expect(try String(contentsOfFile: try catalog("").fetch(Self.file), encoding: .utf8) == "damaged")
        let path = try catalog("", refreshes: true).fetch(Self.file)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path))
                == Data(contentsOf: URL(fileURLWithPath: Self.file.localPath(under: SharedData.path("mirror")))))
        #expect(leftInCache(Self.file) == ["delegated-afrinic-20140630"])
    }
}

/// URLs that try to leave the mirror or the cache, or reach hosts that are not public archives.
@Suite("URL confinement")
struct URLConfinementTests {
    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-confine-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/mirror/data.ris.ripe.net", withIntermediateDirectories: true)
        try "secret".write(toFile: path + "/secret.bz2", atomically: true, encoding: .utf8)
        return path
    }

    @Test("a host of .. or a path with .. is refused, with a mirror or a cache", arguments: [
        "https://../secret.bz2", "https://data.ris.ripe.net/../../secret.bz2", "https://data.ris.ripe.net/a/./b.gz",
        "https://data.ris.ripe.net//secret.bz2", "https://data.ris.ripe.net/a%2f..%2fb.gz", "file:///etc/passwd",
        "ftp://ftp.ripe.net/pub/x.gz", "https://data.ris.ripe.net/rrc00/x\u{0}.gz", "https://a..b/x.gz",
    ])
    func climbing(url: String) throws {
        let root = try scratch()
        for catalog in [ArchiveCatalog(mirror: root + "/mirror", allowsAnyHost: true),
                        ArchiveCatalog(cacheDirectory: root + "/cache", allowsAnyHost: true)] {
            let error = #expect(throws: ArchiveError.self) { try catalog.fetch(url: url) }
            if case .badRequest? = error?.reason {} else { Issue.record("\(url): \(String(describing: error))") }
        }
    }

    @Test("hosts other than the archives' are refused unless allowed")
    func unknownHost() throws {
        let root = try scratch()
        let catalog = ArchiveCatalog(mirror: root + "/mirror")
        let error = #expect(throws: ArchiveError.self) { try catalog.fetch(url: "https://example.org/file.gz") }
        #expect(error?.description.contains("example.org is not a public archive host the catalog knows") == true)
        #expect(error?.description.contains("--allow-any-host") == true)
        var allowing = catalog
        allowing.allowsAnyHost = true
        let missing = #expect(throws: ArchiveError.self) { try allowing.fetch(url: "https://example.org/file.gz") }
        #expect(missing?.description == root + "/mirror/example.org/file.gz: not in the mirror")
    }

    @Test("a symbolic link inside the mirror that points out of it is not followed")
    func symlinkOut() throws {
        let root = try scratch()
        try FileManager.default.createSymbolicLink(atPath: root + "/mirror/data.ris.ripe.net/rrc00", withDestinationPath: root)
        let error = #expect(throws: ArchiveError.self) {
            try ArchiveCatalog(mirror: root + "/mirror").fetch(url: "https://data.ris.ripe.net/rrc00/secret.bz2")
        }
        #expect(error?.description.contains("outside") == true)
    }
}

/// Progress seen by a download, for checking the callback.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var last: Int64 = 0
    private(set) var total: Int64?

    func record(_ done: Int64, _ total: Int64?) {
        lock.lock()
        last = done
        self.total = total
        lock.unlock()
    }
}
