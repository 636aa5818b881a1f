/// A data set in a public archive, and how the archive lays out its files.
public enum ArchiveDataset: Hashable, Sendable, CustomStringConvertible {
    /// RouteViews RIB dumps of a collector (every 2 hours), e.g. `route-views.jinx` or `route-views2`.
    case routeViewsRIB(collector: String)
    /// RouteViews update files of a collector (every 15 minutes).
    case routeViewsUpdates(collector: String)
    /// RIPE RIS RIB dumps (`bview`, every 8 hours) of a collector such as `rrc06`.
    case risRIB(collector: String)
    /// RIPE RIS update files (every 5 minutes).
    case risUpdates(collector: String)
    /// CAIDA RouteViews prefix-to-AS, IPv4 (`routeviews-prefix2as`), daily.
    case prefixToAS
    /// CAIDA RouteViews prefix-to-AS, IPv6 (`routeviews6-prefix2as`), daily.
    case prefixToASv6
    /// CAIDA AS relationships, serial-1 or serial-2, monthly.
    case asRelationships(serial: Int)
    /// An RIR's delegation statistics, daily; `extended` picks the extended format.
    case delegations(RIR, extended: Bool)
    /// CAIDA AS Organizations, quarterly (`YYYYMMDD.as-org2info.txt.gz`, or `.jsonl.gz` in later years).
    case asOrganizations

    /// The five Regional Internet Registries.
    public enum RIR: String, CaseIterable, Hashable, Sendable {
        case afrinic, apnic, arin, lacnic, ripencc

        /// The year the registry began (AFRINIC in 2005, LACNIC in 2002); before it, its region's
        /// space is in the files of the registries that served it.
        public var firstYear: Int {
            switch self {
            case .afrinic: return 2005
            case .lacnic: return 2002
            case .apnic: return 1993
            case .arin: return 1997
            case .ripencc: return 1992
            }
        }
    }

    /// The host serving the data set.
    public var host: String {
        switch self {
        case .routeViewsRIB, .routeViewsUpdates: return "archive.routeviews.org"
        case .risRIB, .risUpdates: return "data.ris.ripe.net"
        case .prefixToAS, .prefixToASv6, .asRelationships, .asOrganizations: return "publicdata.caida.org"
        case .delegations(let rir, _):
            switch rir {
            case .afrinic: return "ftp.afrinic.net"
            case .apnic: return "ftp.apnic.net"
            case .arin: return "ftp.arin.net"
            case .lacnic: return "ftp.lacnic.net"
            case .ripencc: return "ftp.ripe.net"
            }
        }
    }

    /// The URL scheme (RouteViews serves plain HTTP).
    public var scheme: String {
        switch self {
        case .routeViewsRIB, .routeViewsUpdates: return "http"
        default: return "https"
        }
    }

    /// How far apart the archive's files are, in seconds: the nearest file is at most half this away
    /// when the archive is complete.
    public var cadence: Int64 {
        switch self {
        case .routeViewsRIB: return 7200
        case .routeViewsUpdates: return 900
        case .risRIB: return 28_800
        case .risUpdates: return 300
        case .prefixToAS, .prefixToASv6, .delegations: return 86_400
        case .asRelationships: return 86_400 * 31
        case .asOrganizations: return 86_400 * 92
        }
    }

    /// How far from the date asked a file of the data set may be, in seconds: a day for routing
    /// data (a RIB of another day describes another Internet); a month for prefix-to-AS, whose
    /// origins follow the routing; three months for the registries' files (allocations change
    /// slowly) and the monthly AS relationships; six for the quarterly AS organisations. A file
    /// further away is refused unless a wider tolerance is given.
    public var tolerance: Int64 {
        switch self {
        case .routeViewsRIB, .routeViewsUpdates, .risRIB, .risUpdates: return 86_400
        case .prefixToAS, .prefixToASv6: return 86_400 * 31
        case .delegations, .asRelationships: return 86_400 * 92
        case .asOrganizations: return 86_400 * 183
        }
    }

    /// Whether the data set is routing data (RIBs and updates), which keeps its one-day tolerance.
    public var isRouting: Bool {
        switch self {
        case .routeViewsRIB, .routeViewsUpdates, .risRIB, .risUpdates: return true
        default: return false
        }
    }

    /// The directory (path on the host, no leading slash) holding files for `date`.
    public func directory(for date: UTCDate) -> String {
        let parts = date.components
        let yearMonth = "\(parts.year).\(UTCDate.two(parts.month))"
        switch self {
        case .routeViewsRIB(let collector), .routeViewsUpdates(let collector):
            let kind = if case .routeViewsRIB = self { "RIBS" } else { "UPDATES" }
            // route-views2, the oldest collector, sits at the top of the archive.
            let base = collector == "route-views2" ? "bgpdata" : "\(collector)/bgpdata"
            return "\(base)/\(yearMonth)/\(kind)"
        case .risRIB(let collector), .risUpdates(let collector):
            return "\(collector)/\(yearMonth)"
        case .prefixToAS:
            return "datasets/routing/routeviews-prefix2as/\(parts.year)/\(UTCDate.two(parts.month))"
        case .prefixToASv6:
            return "datasets/routing/routeviews6-prefix2as/\(parts.year)/\(UTCDate.two(parts.month))"
        case .asRelationships(let serial):
            return "datasets/as-relationships/serial-\(serial)"
        case .asOrganizations:
            return "datasets/as-organizations"
        case .delegations(let rir, _):
            switch rir {
            case .afrinic: return "pub/stats/afrinic/\(parts.year)"
            case .apnic: return "stats/apnic/\(parts.year)"
            case .arin: return "pub/stats/arin"
            case .lacnic: return "pub/stats/lacnic"
            case .ripencc: return "pub/stats/ripencc/\(parts.year)"
            }
        }
    }

    /// The directories to look in for the file nearest `date`: its own period and the ones beside it,
    /// so a date at a month's edge finds files across it.
    func candidateDirectories(near date: UTCDate, within tolerance: Int64? = nil) -> [String] {
        var directories: [String] = []
        let step = self.isYearly ? 12 : 1
        // Every period the tolerance reaches into, nearest first, and at least the ones beside the date's.
        let months = max(step, Int(((tolerance ?? self.tolerance) + 86_400 * 30) / (86_400 * 30)))
        var offsets = [0]
        for distance in stride(from: step, through: months + step - 1, by: step) { offsets += [-distance, distance] }
        for offset in offsets {
            let directory = self.directory(for: date.addingMonths(offset))
            if !directories.contains(directory) { directories.append(directory) }
        }
        return directories
    }

    private var isYearly: Bool {
        if case .delegations = self { return true }
        return false
    }

    /// The time a file name stands for, or nil when the name is not one of this data set's files.
    public func timestamp(ofFileNamed name: String) -> UTCDate? {
        switch self {
        case .routeViewsRIB: return Self.match(name, prefix: "rib.", suffix: ".bz2", withTime: true)
        case .routeViewsUpdates: return Self.match(name, prefix: "updates.", suffix: ".bz2", withTime: true)
        case .risRIB: return Self.match(name, prefix: "bview.", suffix: ".gz", withTime: true)
        case .risUpdates: return Self.match(name, prefix: "updates.", suffix: ".gz", withTime: true)
        case .prefixToAS:
            return Self.match(name, prefix: "routeviews-rv2-", suffix: ".pfx2as.gz", withTime: true, separator: "-")
        case .prefixToASv6:
            return Self.match(name, prefix: "routeviews-rv6-", suffix: ".pfx2as.gz", withTime: true, separator: "-")
        case .asRelationships(let serial):
            return Self.match(name, prefix: "", suffix: serial == 2 ? ".as-rel2.txt.bz2" : ".as-rel.txt.bz2", withTime: false)
        case .asOrganizations:
            return Self.match(name, prefix: "", suffix: ".as-org2info.txt.gz", withTime: false)
                ?? Self.match(name, prefix: "", suffix: ".as-org2info.jsonl.gz", withTime: false)
        case .delegations(let rir, let extended):
            let stem = "delegated-\(rir.rawValue)-\(extended ? "extended-" : "")"
            let suffix: String
            switch rir {
            case .apnic: suffix = ".gz"
            case .ripencc: suffix = ".bz2"
            default: suffix = ""
            }
            if let date = Self.match(name, prefix: stem, suffix: suffix, withTime: false) { return date }
            // ARIN has published only the extended format since 2013: it serves for both.
            if rir == .arin && !extended {
                return Self.match(name, prefix: "delegated-arin-extended-", suffix: suffix, withTime: false)
            }
            return nil
        }
    }

    /// Matches `prefix` + `YYYYMMDD` [+ separator + `HHMM`] + `suffix`.
    private static func match(_ name: String, prefix: String, suffix: String, withTime: Bool,
                              separator: Character = ".") -> UTCDate? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        let digits = withTime ? 13 : 8
        guard middle.count == digits else { return nil }
        let date = middle.prefix(8)
        guard date.allSatisfy(\.isASCII), let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)),
              let day = Int(date.suffix(2)) else { return nil }
        var hour = 0, minute = 0
        if withTime {
            let time = middle.suffix(4)
            guard middle[middle.index(middle.startIndex, offsetBy: 8)] == separator,
                  let parsedHour = Int(time.prefix(2)), let parsedMinute = Int(time.suffix(2)) else { return nil }
            hour = parsedHour
            minute = parsedMinute
        }
        return UTCDate(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    public var description: String {
        switch self {
        case .routeViewsRIB(let collector): return "RouteViews RIB (\(collector))"
        case .routeViewsUpdates(let collector): return "RouteViews updates (\(collector))"
        case .risRIB(let collector): return "RIPE RIS RIB (\(collector))"
        case .risUpdates(let collector): return "RIPE RIS updates (\(collector))"
        case .prefixToAS: return "CAIDA prefix-to-AS (IPv4)"
        case .prefixToASv6: return "CAIDA prefix-to-AS (IPv6)"
        case .asRelationships(let serial): return "CAIDA AS relationships (serial-\(serial))"
        case .delegations(let rir, let extended): return "\(rir.rawValue) delegations\(extended ? " (extended)" : "")"
        case .asOrganizations: return "CAIDA AS organizations"
        }
    }
}
