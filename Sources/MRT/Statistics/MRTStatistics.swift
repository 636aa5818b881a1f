import InternetAddresses

/// Counts gathered in one pass over a file's routes: what `chokepoint mrt stats` prints.
public struct MRTStatistics: Sendable {
    /// What the reader read, skipped and recovered from.
    public var report: ReadReport
    /// RIB entries (TABLE_DUMP and TABLE_DUMP_V2).
    public var ribEntries = 0
    /// Announcements in updates.
    public var announcements = 0
    /// Withdrawals in updates.
    public var withdrawals = 0
    /// Distinct (peer AS, peer address) pairs that sent routes.
    public var peers = 0
    /// Distinct IPv4 prefixes announced or in the RIB.
    public var distinctIPv4Prefixes = 0
    /// Distinct IPv6 prefixes announced or in the RIB.
    public var distinctIPv6Prefixes = 0

    /// Routes: RIB entries plus announcements.
    public var routes: Int { ribEntries + announcements }

    /// Reads `path` once through the fast path and counts.
    public static func collect(path: String, recovers: Bool = true) throws(MRTError) -> MRTStatistics {
        let reader = try MRTReader(path: path, recovers: recovers)
        var ribEntries = 0, announcements = 0, withdrawals = 0
        var peers = Set<PeerKey>()
        var lastPeer: PeerKey?
        var ipv4 = Set<UInt64>()
        var ipv6 = Set<IPPrefix>()
        ipv4.reserveCapacity(1 << 19)
        try reader.forEachPathObservation { observation in
            switch observation.kind {
            case .rib: ribEntries += 1
            case .announcement: announcements += 1
            case .withdrawal:
                withdrawals += 1
                return
            }
            let peer = PeerKey(asn: observation.peerAS, address: observation.peerAddress)
            if peer != lastPeer {
                peers.insert(peer)
                lastPeer = peer
            }
            switch observation.prefix.address {
            case .v4(let address):
                ipv4.insert(UInt64(address) << 8 | UInt64(observation.prefix.length))
            case .v6:
                ipv6.insert(observation.prefix)
            }
        }
        try reader.requireRecords()
        var statistics = MRTStatistics(report: reader.report)
        statistics.ribEntries = ribEntries
        statistics.announcements = announcements
        statistics.withdrawals = withdrawals
        statistics.peers = peers.count
        statistics.distinctIPv4Prefixes = ipv4.count
        statistics.distinctIPv6Prefixes = ipv6.count
        return statistics
    }

    private struct PeerKey: Hashable {
        var asn: UInt32
        var address: IPAddress
    }

    /// The statistics as aligned text lines.
    public func text(name: String) -> String {
        var lines = ["file: \(name)", "compression: \(report.compression)", "records: \(report.records)"]
        for (type, count) in report.recordsByType.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(type): \(count)")
        }
        lines.append("peers: \(peers)")
        lines.append("routes: \(routes) (RIB entries \(ribEntries), announcements \(announcements))")
        lines.append("withdrawals: \(withdrawals)")
        lines.append("distinct prefixes: IPv4 \(distinctIPv4Prefixes), IPv6 \(distinctIPv6Prefixes)")
        if let first = report.firstTimestamp, let last = report.lastTimestamp {
            lines.append("time range: \(UTCTime.text(first)) to \(UTCTime.text(last)) (\(first)-\(last))")
        }
        let recovered = report.recoveryLines
        lines.append("skipped or recovered: \(recovered.isEmpty ? "nothing" : "")")
        lines += recovered.map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// UTC date formatting without Foundation's locale machinery.
enum UTCTime {
    /// `YYYY-MM-DD HH:MM:SS UTC` for a Unix time.
    static func text(_ seconds: UInt32) -> String {
        let days = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        // Civil-from-days (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)) UTC"
    }
}
