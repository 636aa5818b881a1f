/// Decodes the deprecated MRT type 5 (BGP) records of early MRTd and RIS dumps (RFC 6396 appendix B.2).
enum LegacyBGPDecoder {
    static func decode(subtype: UInt16, _ cursor: inout ByteCursor,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> LegacyBGPRecord? {
        switch subtype {
        case 3:
            let peerAS = try cursor.readUInt16("peer AS")
            let peerAddress = try cursor.readUInt32("peer address")
            let old = try cursor.readUInt16("old state")
            let new = try cursor.readUInt16("new state")
            return LegacyBGPRecord(subtype: subtype, peerAS: UInt32(peerAS), peerAddress: .v4(peerAddress),
                                   localAS: 0, localAddress: .v4(0), content: .stateChange(oldState: old, newState: new))
        case 1, 5, 6, 7:
            let peerAS = try cursor.readUInt16("source AS")
            let peerAddress = try cursor.readUInt32("source address")
            let localAS = try cursor.readUInt16("destination AS")
            let localAddress = try cursor.readUInt32("destination address")
            let messageType: UInt8 = subtype == 1 ? 2 : subtype == 5 ? 1 : subtype == 6 ? 3 : 4
            let message = try BGPMessageDecoder.decode(type: messageType, &cursor, asnSize: 2, isAddPath: false, notes: &notes)
            return LegacyBGPRecord(subtype: subtype, peerAS: UInt32(peerAS), peerAddress: .v4(peerAddress),
                                   localAS: UInt32(localAS), localAddress: .v4(localAddress), content: .message(message))
        case 0, 2, 4:
            return LegacyBGPRecord(subtype: subtype, peerAS: 0, peerAddress: .v4(0), localAS: 0,
                                   localAddress: .v4(0), content: .other(bytes: Array(cursor.rest)))
        default:
            return nil
        }
    }
}
