/// A BGP route collector of RouteViews or RIPE RIS, by its archive name.
public struct Collector: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name as the archive writes it: `route-views2`, `route-views.linx`, `rrc01`.
    public let name: String

    /// The collector named `name`, when the archives know it.
    public init?(_ name: String) {
        guard Self.known.contains(name) else { return nil }
        self.name = name
    }

    private init(known name: String) {
        self.name = name
    }

    /// Whether it is a RIPE RIS collector.
    public var isRIS: Bool { name.hasPrefix("rrc") }

    /// Its RIB dumps.
    public var ribs: ArchiveDataset { isRIS ? .risRIB(collector: name) : .routeViewsRIB(collector: name) }

    /// Its update files.
    public var updates: ArchiveDataset { isRIS ? .risUpdates(collector: name) : .routeViewsUpdates(collector: name) }

    public var description: String { name }

    public static func < (lhs: Collector, rhs: Collector) -> Bool { lhs.name < rhs.name }

    /// RouteViews' collectors, past and present, as named under archive.routeviews.org.
    public static let routeViews: [String] = [
        "route-views2", "route-views3", "route-views4", "route-views5", "route-views6", "route-views7", "route-views8",
        "route-views.amsix", "route-views.bdix", "route-views.bknix", "route-views.chicago", "route-views.chile",
        "route-views.eqix", "route-views.flix", "route-views.fortaleza", "route-views.gixa", "route-views.gorex",
        "route-views.isc", "route-views.jinx", "route-views.kixp", "route-views.linx", "route-views.mwix",
        "route-views.napafrica", "route-views.ny", "route-views.nwax", "route-views.perth", "route-views.peru",
        "route-views.phoix", "route-views.rio", "route-views.saopaulo", "route-views2.saopaulo", "route-views.sfmix",
        "route-views.sg", "route-views.soxrs", "route-views.sydney", "route-views.telxatl", "route-views.uaeix",
        "route-views.wide",
    ]

    /// RIPE RIS's collectors, rrc00 to rrc26 (some retired; their archives remain).
    public static let ris: [String] = (0...26).map { $0 < 10 ? "rrc0\($0)" : "rrc\($0)" }

    private static let known = Set(routeViews + ris)

    /// Every collector the archives know, sorted.
    public static var all: [Collector] { (routeViews + ris).sorted().map { Collector(known: $0) } }

    /// The collectors a date's analysis reads when none are named: two large RouteViews and two
    /// large RIS collectors with many full-feed peers on several continents.
    public static let defaults: [Collector] = ["route-views2", "route-views.linx", "rrc00", "rrc01"].map { Collector(known: $0) }

    /// The known collector closest in spelling to `name`, to suggest when it is not one.
    public static func suggestion(for name: String) -> Collector? {
        let lowered = name.lowercased()
        if let exact = Collector(lowered) { return exact }
        if let suffixed = all.first(where: { $0.name.hasSuffix("." + lowered) || $0.name == "route-views" + lowered }) { return suffixed }
        return all.min { editDistance($0.name, lowered) < editDistance($1.name, lowered) }
            .flatMap { editDistance($0.name, lowered) <= 3 ? $0 : nil }
    }

    /// The collector whose files a URL or archive path holds (`archive.routeviews.org/route-views.jinx/...`,
    /// `archive.routeviews.org/bgpdata/...` for route-views2, `data.ris.ripe.net/rrc06/...`), or nil.
    public static func of(location: String) -> Collector? {
        let parts = location.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            if let collector = Collector(part) { return collector }
            if part == "archive.routeviews.org", index + 1 < parts.count, parts[index + 1] == "bgpdata" {
                return Collector(known: "route-views2")
            }
        }
        return nil
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a), right = Array(b)
        var previous = Array(0...right.count)
        for (i, x) in left.enumerated() {
            var current = [i + 1]
            for (j, y) in right.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }
}
