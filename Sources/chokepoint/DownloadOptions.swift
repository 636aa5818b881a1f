import ArgumentParser
import PublicArchives

/// Where archive files come from and the limits on downloading them, shared by `fetch` and every
/// analysis command.
struct DownloadOptions: ParsableArguments {
    @Option(help: "A local mirror laid out <host>/<path>; no network is used (default $CHOKEPOINT_MIRROR).")
    var mirror: String?

    @Option(help: "An HTTP server laid out <host>/<path> to download from instead of the archives (default $CHOKEPOINT_MIRROR_URL).")
    var mirrorURL: String?

    @Option(help: "The download cache directory (default $XDG_CACHE_HOME/chokepoint).")
    var cache: String?

    @Option(help: "The largest file to download, in MiB.")
    var maxFilesize: Int64 = DownloadLimits.standard.maximumBytes >> 20

    @Option(help: "Give up a download when the server sends nothing for this many seconds.")
    var idleTimeout: Int = DownloadLimits.standard.idleSeconds

    @Option(help: "Give up a download that takes longer than this many seconds in all.")
    var maxTime: Int = DownloadLimits.standard.totalSeconds

    @Flag(help: "Fetch URLs of hosts other than the public archives' (RouteViews, RIPE RIS, CAIDA, the five RIRs).")
    var allowAnyHost = false

    @Flag(help: "Download cached files again, replacing each once the new copy checks out.")
    var refresh = false

    func validate() throws {
        guard maxFilesize > 0, idleTimeout > 0, maxTime > 0 else {
            throw ValidationError("--max-filesize, --idle-timeout and --max-time must be positive")
        }
        guard maxFilesize <= 1 << 40 else { throw ValidationError("--max-filesize is in MiB; \(maxFilesize) MiB is over a pebibyte") }
    }

    /// The catalog these options describe, over the environment's defaults.
    var catalog: ArchiveCatalog {
        var catalog = ArchiveCatalog.fromEnvironment()
        if let mirror { catalog.mirror = mirror }
        if let mirrorURL { catalog.mirrorURL = mirrorURL }
        if let cache { catalog.cacheDirectory = cache }
        catalog.limits = DownloadLimits(maximumBytes: maxFilesize << 20, idleSeconds: idleTimeout, totalSeconds: maxTime)
        catalog.allowsAnyHost = allowAnyHost
        catalog.refreshes = refresh
        return catalog
    }
}
