import InternetAddresses

/// Writes records in the one-line-per-route format of `bgpdump -m` (RIPE NCC bgpdump 1.6),
/// byte for byte, so that existing scripts and comparisons keep working.
///
/// bgpdump's own conventions are kept on purpose: a missing ORIGIN prints `INCOMPLETE`, a missing
/// NEXT_HOP prints `255.255.255.255`, missing LOCAL_PREF and MED print `0`, and MP_REACH_NLRI IPv4
/// routes print LOCAL_PREF and MED as signed numbers.
public struct BGPDumpFormatter: Sendable {
    /// Creates a formatter.
    public init() {}

    /// Appends the lines for `record` to `output`; RIB entries find their peers in `peers`.
    public func write(_ record: MRTRecord, peers: PeerIndexTable?, to output: inout String) {
        let time: String
        if let micro = record.header.microseconds {
            let digits = String(micro)
            time = "\(record.header.timestamp).\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
        } else {
            time = String(record.header.timestamp)
        }
        switch record.body {
        case .tableDump(let dump):
            for entry in dump.entries {
                output += "TABLE_DUMP|\(time)|B|\(entry.peerAddress.bgpdumpText)|\(entry.peerAS)|\(Self.text(entry.prefix))|"
                output += attributeColumns(entry.attributes, nextHop: ribNextHop(entry.attributes))
            }
        case .rib(let rib):
            let kind = rib.isAddPath ? "TABLE_DUMP2_AP" : "TABLE_DUMP2"
            for entry in rib.entries {
                guard let peer = peers?.peers.element(at: Int(entry.peerIndex)) else { continue }
                output += "\(kind)|\(time)|B|\(peer.address.bgpdumpText)|\(peer.asn)|\(Self.text(rib.prefix))|"
                if let pathID = entry.pathID { output += "\(pathID)|" }
                output += attributeColumns(entry.attributes, nextHop: ribNextHop(entry.attributes))
            }
        case .bgp4mpEntry(let entry):
            // bgpdump prints nothing for ENTRY records; this line follows its TABLE_DUMP layout.
            output += "BGP4MP_ENTRY|\(time)|B|\(entry.peerAddress.bgpdumpText)|\(entry.peerAS)|\(Self.text(entry.prefix))|"
            output += attributeColumns(entry.attributes, nextHop: entry.nextHop?.bgpdumpText ?? "255.255.255.255")
        case .bgp4mpStateChange(let change):
            let kind = record.header.type == .bgp4mpET ? "BGP4MP_ET" : "BGP4MP"
            output += "\(kind)|\(time)|STATE|\(change.peerAddress.bgpdumpText)|\(change.peerAS)|\(change.oldState)|\(change.newState)\n"
        case .bgp4mpMessage(let message):
            guard case .update(let update) = message.message else { return }
            var kind = record.header.type == .bgp4mpET ? "BGP4MP_ET" : "BGP4MP"
            if message.isLocal { kind += "_LOCAL" }
            if message.isAddPath { kind += "_AP" }
            writeUpdate(update, prefix: "\(kind)|\(time)|", peer: "\(message.peerAddress.bgpdumpText)|\(message.peerAS)|", to: &output)
        case .legacyBGP(let legacy):
            switch legacy.content {
            case .stateChange(let old, let new):
                output += "BGP|\(time)|STATE|\(legacy.peerAddress.bgpdumpText)|\(legacy.peerAS)|\(old)|\(new)\n"
            case .message(.update(let update)) where legacy.subtype == 1:
                writeUpdate(update, prefix: "BGP|\(time)|", peer: "\(legacy.peerAddress.bgpdumpText)|\(legacy.peerAS)|",
                            to: &output, legacy: true)
            default:
                return
            }
        case .peerIndexTable:
            return
        }
    }

    private func writeUpdate(_ update: BGPUpdate, prefix: String, peer: String, to output: inout String,
                             legacy: Bool = false) {
        let multiprotocol = !legacy
        let attributes = update.attributes
        let unreach = multiprotocol ? attributes.multiprotocolUnreach.flatMap { $0.subsequentFamily.rawValue <= 3 ? $0 : nil } : nil
        let reach = multiprotocol ? attributes.multiprotocolReach.flatMap { $0.subsequentFamily.rawValue <= 3 ? $0 : nil } : nil
        for entry in update.withdrawn + (unreach?.withdrawn ?? []) {
            output += "\(prefix)W|\(peer)\(Self.text(entry.prefix))"
            if let pathID = entry.pathID { output += "|\(pathID)" }
            output += "\n"
        }
        for entry in update.announced {
            output += "\(prefix)A|\(peer)\(Self.text(entry.prefix))|"
            if let pathID = entry.pathID { output += "\(pathID)|" }
            output += attributeColumns(attributes, nextHop: attributes.nextHop.map(\.bgpdumpText) ?? "255.255.255.255",
                                       legacy: legacy)
        }
        guard let reach else { return }
        let nextHop = reach.nextHop.map(\.bgpdumpText) ?? (reach.family == .ipv4 ? "0.0.0.0" : "::")
        for entry in reach.announced {
            output += "\(prefix)A|\(peer)\(Self.text(entry.prefix))|"
            if let pathID = entry.pathID { output += "\(pathID)|" }
            output += attributeColumns(attributes, nextHop: nextHop, signedPreferences: reach.family == .ipv4)
        }
    }

    /// bgpdump prints the IPv6 MP_REACH next hop when there is one, else NEXT_HOP.
    private func ribNextHop(_ attributes: PathAttributes) -> String {
        if let reach = attributes.multiprotocolReach, reach.family == .ipv6, reach.subsequentFamily == .unicast,
           let nextHop = reach.nextHop {
            return nextHop.bgpdumpText
        }
        return attributes.nextHop.map(\.bgpdumpText) ?? "255.255.255.255"
    }

    /// `aspath|origin|nexthop|localpref|med|communities|AG|aggregator|` and the newline.
    ///
    /// For type 5 (BGP) records bgpdump writes no separator between MED and the communities, so
    /// those lines have one column fewer; `legacy` keeps that, so output matches bgpdump's.
    private func attributeColumns(_ attributes: PathAttributes, nextHop: String, signedPreferences: Bool = false,
                                  legacy: Bool = false) -> String {
        var line = Self.pathText(attributes.effectiveASPath)
        line += "|"
        switch attributes.origin {
        case .igp: line += "IGP"
        case .egp: line += "EGP"
        case .incomplete, nil: line += "INCOMPLETE"
        }
        let localPreference = attributes.localPreference ?? 0
        let med = attributes.multiExitDiscriminator ?? 0
        if signedPreferences {
            line += "|\(nextHop)|\(Int32(bitPattern: localPreference))|\(Int32(bitPattern: med))|"
        } else {
            line += "|\(nextHop)|\(localPreference)|\(med)\(legacy ? "" : "|")"
        }
        if let communities = attributes.communities {
            line += communities.map(\.description).joined(separator: " ")
        }
        line += attributes.atomicAggregate ? "|AG|" : "|NAG|"
        if let aggregator = attributes.effectiveAggregator, aggregator.address != 0xFFFF_FFFF {
            line += "\(aggregator.asn) \(IPAddress.v4(aggregator.address))"
        }
        line += "|\n"
        return line
    }

    private static func text(_ prefix: IPPrefix) -> String {
        "\(prefix.address.bgpdumpText)/\(prefix.length)"
    }

    /// The AS path as bgpdump writes it: sets in braces, confederation sequences in parentheses,
    /// confederation sets in brackets.
    public static func pathText(_ path: ASPath?) -> String {
        guard let path else { return "" }
        var text = ""
        var previous = ASPathSegment.Kind.sequence
        var needsSpace = false
        for segment in path.segments {
            if previous != .sequence { text += closing(previous) }
            if needsSpace { text += " " }
            if segment.kind != .sequence { text += opening(segment.kind) }
            needsSpace = false
            let separator = segment.kind == .set || segment.kind == .confedSet ? "," : " "
            for asn in segment.asns {
                if needsSpace { text += separator } else { needsSpace = true }
                text += String(asn)
            }
            previous = segment.kind
        }
        if let last = path.segments.last, last.kind != .sequence { text += closing(last.kind) }
        return text
    }

    private static func opening(_ kind: ASPathSegment.Kind) -> String {
        switch kind {
        case .set: return "{"
        case .confedSequence: return "("
        case .confedSet: return "["
        case .sequence: return " "
        }
    }

    private static func closing(_ kind: ASPathSegment.Kind) -> String {
        switch kind {
        case .set: return "}"
        case .confedSequence: return ")"
        case .confedSet: return "]"
        case .sequence: return " "
        }
    }
}
