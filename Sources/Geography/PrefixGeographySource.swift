/// Where a prefix's country comes from.
public enum PrefixGeographySource: Hashable, Sendable, CustomStringConvertible {
    /// The RIR delegation block holding the prefix's addresses (the default).
    case rir
    /// A MaxMind DB file (GeoLite2 Country or City, or compatible).
    case mmdb(path: String)
    /// Tor's range files (IPv4, and optionally IPv6).
    case tor(paths: [String])

    /// Parses `rir`, `mmdb:PATH` or `tor:PATH[,PATH6]`.
    public init?(_ text: String) {
        if text == "rir" {
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
        case .mmdb(let path): return "mmdb:\(path)"
        case .tor(let paths): return "tor:\(paths.joined(separator: ","))"
        }
    }
}
