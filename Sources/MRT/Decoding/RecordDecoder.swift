/// Turns a framed record body into a typed `MRTRecord.Body`, dispatching on type and subtype.
struct RecordDecoder {
    /// Decodes `body`; returns nil for a type or subtype this package does not decode.
    static func decode(header: MRTHeader, body: UnsafeRawBufferPointer,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> MRTRecord.Body? {
        var cursor = ByteCursor(body)
        switch header.type {
        case .tableDump:
            return try TableDumpDecoder.decode(subtype: header.subtype, &cursor, notes: &notes).map { .tableDump($0) }
        case .tableDumpV2:
            return try TableDumpV2Decoder.decode(subtype: header.subtype, &cursor, notes: &notes)
        case .bgp4mp, .bgp4mpET:
            return try BGP4MPDecoder.decode(subtype: header.subtype, length: header.length, &cursor, notes: &notes)
        case .bgp:
            return try LegacyBGPDecoder.decode(subtype: header.subtype, &cursor, notes: &notes).map { .legacyBGP($0) }
        default:
            return nil
        }
    }

    /// A name for a type and subtype pair, as the statistics report counts records.
    static func name(type: MRTRecordType, subtype: UInt16) -> String {
        let subtypeName: String?
        switch type {
        case .bgp:
            subtypeName = ["NULL", "UPDATE", "PREF_UPDATE", "STATE_CHANGE", "SYNC", "OPEN", "NOTIFY", "KEEPALIVE"]
                .element(at: Int(subtype))
        case .tableDump:
            subtypeName = [nil, "AFI_IPv4", "AFI_IPv6", "AFI_IPv4_32BIT_AS", "AFI_IPv6_32BIT_AS"].element(at: Int(subtype)) ?? nil
        case .tableDumpV2:
            subtypeName = [nil, "PEER_INDEX_TABLE", "RIB_IPV4_UNICAST", "RIB_IPV4_MULTICAST", "RIB_IPV6_UNICAST",
                           "RIB_IPV6_MULTICAST", "RIB_GENERIC", "GEO_PEER_TABLE", "RIB_IPV4_UNICAST_ADDPATH",
                           "RIB_IPV4_MULTICAST_ADDPATH", "RIB_IPV6_UNICAST_ADDPATH", "RIB_IPV6_MULTICAST_ADDPATH",
                           "RIB_GENERIC_ADDPATH"].element(at: Int(subtype)) ?? nil
        case .bgp4mp, .bgp4mpET:
            subtypeName = ["STATE_CHANGE", "MESSAGE", "ENTRY", "SNAPSHOT", "MESSAGE_AS4", "STATE_CHANGE_AS4",
                           "MESSAGE_LOCAL", "MESSAGE_AS4_LOCAL", "MESSAGE_ADDPATH", "MESSAGE_AS4_ADDPATH",
                           "MESSAGE_LOCAL_ADDPATH", "MESSAGE_AS4_LOCAL_ADDPATH"].element(at: Int(subtype))
        default:
            subtypeName = nil
        }
        return "\(type)/\(subtypeName ?? "subtype \(subtype)")"
    }
}

extension Array {
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
