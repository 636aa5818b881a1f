import PublicArchives

/// One data set as used: what it is for, where it was named, and where it lies on this machine.
public struct DataSource: Codable, Hashable, Sendable {
    /// What a data set is for.
    public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
        case rib, updates, pfx2as, asRelationships, delegated, organisations, asNames

        /// A phrase for reports.
        public var title: String {
            switch self {
            case .rib: return "MRT RIB dump"
            case .updates: return "MRT updates"
            case .pfx2as: return "CAIDA prefix-to-AS"
            case .asRelationships: return "CAIDA AS relationships"
            case .delegated: return "RIR delegations"
            case .organisations: return "AS organisations"
            case .asNames: return "AS names"
            }
        }
    }

    /// What the data set is for.
    public var role: Role
    /// The URL or path the case gave.
    public var location: String
    /// The local file.
    public var path: String

    /// Creates a source.
    public init(role: Role, location: String, path: String) {
        self.role = role
        self.location = location
        self.path = path
    }

    /// The date the file's name carries (`YYYYMMDD`, with `.HHMM` or `-HHMM` when present), if any.
    public var date: UTCDate? {
        let name = Array((location.split(separator: "/").last.map(String.init) ?? location).utf8)
        var index = 0
        while index + 8 <= name.count {
            let window = name[index..<index + 8]
            let before = index == 0 ? UInt8(ascii: ".") : name[index - 1]
            let after = index + 8 < name.count ? name[index + 8] : UInt8(ascii: ".")
            if window.allSatisfy({ (48...57).contains($0) }), !(48...57).contains(before), !(48...57).contains(after) {
                let digits = String(decoding: window, as: UTF8.self)
                var text = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
                let time = name.dropFirst(index + 9).prefix(4)
                if after == UInt8(ascii: ".") || after == UInt8(ascii: "-"), time.count == 4, time.allSatisfy({ (48...57).contains($0) }),
                   index + 13 >= name.count || !(48...57).contains(name[index + 13]) {
                    let hhmm = String(decoding: time, as: UTF8.self)
                    text += "T\(hhmm.prefix(2)):\(hhmm.suffix(2))"
                }
                if let date = UTCDate(text) { return date }
            }
            index += 1
        }
        return nil
    }
}
