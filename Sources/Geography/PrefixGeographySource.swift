/// Where a prefix's country comes from.
public enum PrefixGeographySource: Hashable, Sendable, CustomStringConvertible {
    /// The RIR delegation block holding the prefix's addresses (the default).
    case rir
    /// Blocks a second delegation file filled in for a registry file cut short (see `Delegations`);
    /// asked right after `rir`, never named on the command line.
    case rirFill
    /// A MaxMind DB file (GeoLite2 Country or City, or compatible).
    case mmdb(path: String)
    /// Tor's range files (IPv4, and optionally IPv6).
    case tor(paths: [String])
    /// Several sources in order: a prefix gets its country from the first that places any of its
    /// addresses (`rir+mmdb:PATH`: the delegations, and the geolocation database where they are silent).
    indirect case chain([PrefixGeographySource])

    /// Parses `rir`, `mmdb:PATH`, `tor:PATH[,PATH6]`, or several joined by `+` (`rir+mmdb:PATH`).
    public init?(_ text: String) {
        if text.contains("+") {
            let parts = text.split(separator: "+").map { PrefixGeographySource(String($0)) }
            guard parts.count >= 2, !parts.contains(where: { $0 == nil }) else { return nil }
            self = .chain(parts.compactMap { $0 })
        } else if text == "rir" {
            self = .rir
        } else if text.hasPrefix("mmdb:"), text.count > 5 {
            self = .mmdb(path: String(text.dropFirst(5)))
        } else if text.hasPrefix("tor:"), text.count > 4 {
            self = .tor(paths: text.dropFirst(4).split(separator: ",").map(String.init))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .rir: return "rir"
        case .rirFill: return "rir-fill"
        case .mmdb(let path): return "mmdb:\(path)"
        case .tor(let paths): return "tor:\(paths.joined(separator: ","))"
        case .chain(let sources): return sources.map(\.description).joined(separator: "+")
        }
    }

    /// The sources in the order they are asked.
    public var members: [PrefixGeographySource] {
        if case .chain(let sources) = self { return sources.flatMap(\.members) }
        return [self]
    }

    /// A short name for counts: `rir`, `mmdb` or `tor`.
    public var kind: String {
        switch self {
        case .rir: return "rir"
        case .rirFill: return "rir-fill"
        case .mmdb: return "mmdb"
        case .tor: return "tor"
        case .chain: return description
        }
    }
}
