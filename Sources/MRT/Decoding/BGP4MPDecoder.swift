import InternetAddresses

/// Decodes BGP4MP and BGP4MP_ET (types 16 and 17) records (RFC 6396 section 4.4, RFC 8050).
enum BGP4MPDecoder {
    static func decode(subtype: UInt16, length: UInt32, _ cursor: inout ByteCursor,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> MRTRecord.Body? {
        switch subtype {
        case 0: return .bgp4mpStateChange(try decodeStateChange(&cursor, asnSize: 2, notes: &notes))
        case 5: return .bgp4mpStateChange(try decodeStateChange(&cursor, asnSize: 4, notes: &notes))
        case 2: return try decodeEntry(&cursor, notes: &notes).map { .bgp4mpEntry($0) }
        case 1, 4, 6, 7, 8, 9, 10, 11:
            let asnSize = [4, 7, 9, 11].contains(subtype) ? 4 : 2
            let isLocal = [6, 7, 10, 11].contains(subtype)
            return .bgp4mpMessage(try decodeMessage(&cursor, asnSize: asnSize, isLocal: isLocal,
                                                    isAddPath: subtype >= 8, notes: &notes))
        default:
            return nil
        }
    }

    static func decodeStateChange(_ cursor: inout ByteCursor, asnSize: Int,
                                  notes: inout DecodingNotes) throws(DecodingFailure) -> BGP4MPStateChange {
        let peerAS = try cursor.readASN(size: asnSize, "peer AS")
        let localAS = try cursor.readASN(size: asnSize, "local AS")
        if asnSize == 2 && cursor.remaining == 4 {
            // Some Zebra versions wrote state changes without interface, family or addresses.
            notes.shortStateChanges += 1
            return BGP4MPStateChange(peerAS: peerAS, localAS: localAS, interfaceIndex: 0,
                                     peerAddress: .v4(0), localAddress: .v4(0),
                                     oldState: try cursor.readUInt16("old state"),
                                     newState: try cursor.readUInt16("new state"))
        }
        let interfaceIndex = try cursor.readUInt16("interface index")
        let family = try readFamily(&cursor)
        let peerAddress = try cursor.readAddress(family, "peer address")
        let localAddress = try cursor.readAddress(family, "local address")
        return BGP4MPStateChange(peerAS: peerAS, localAS: localAS, interfaceIndex: interfaceIndex,
                                 peerAddress: peerAddress, localAddress: localAddress,
                                 oldState: try cursor.readUInt16("old state"),
                                 newState: try cursor.readUInt16("new state"))
    }

    /// The ENTRY layout of MRTd and OpenBGPD: session fields, then one route with its next hop.
    static func decodeEntry(_ cursor: inout ByteCursor, notes: inout DecodingNotes) throws(DecodingFailure) -> BGP4MPEntry? {
        let peerAS = UInt32(try cursor.readUInt16("peer AS"))
        let localAS = UInt32(try cursor.readUInt16("local AS"))
        try cursor.skip(2, "interface index")
        let sessionFamily = try readFamily(&cursor)
        let peerAddress = try cursor.readAddress(sessionFamily, "peer address")
        let localAddress = try cursor.readAddress(sessionFamily, "local address")
        let view = try cursor.readUInt16("view number")
        let status = try cursor.readUInt16("status")
        let originated = try cursor.readUInt32("originated time")
        let family = try readFamily(&cursor)
        let safi = SubsequentAddressFamily(rawValue: try cursor.readUInt8("SAFI"))
        guard safi.hasPlainPrefixes else { return nil }
        let nextHopLength = Int(try cursor.readUInt8("next-hop length"))
        var nextHopBytes = try cursor.subcursor(nextHopLength, "next hop")
        let nextHop: IPAddress? = nextHopLength >= family.addressSize ? try nextHopBytes.readAddress(family, "next hop") : nil
        let length = try cursor.readUInt8("prefix length")
        let prefix = try cursor.readPrefix(family: family, length: length, notes: &notes, "prefix")
        let attributeLength = Int(try cursor.readUInt16("attribute length"))
        var attributeBytes = try cursor.subcursor(attributeLength, "attributes")
        let attributes = try AttributeDecoder(asnSize: 2, isAddPath: false, isRIBEntry: true).decode(&attributeBytes, notes: &notes)
        return BGP4MPEntry(peerAS: peerAS, localAS: localAS, peerAddress: peerAddress, localAddress: localAddress,
                           viewNumber: view, status: status, originatedTime: originated, subsequentFamily: safi,
                           nextHop: nextHop, prefix: prefix, attributes: attributes)
    }

    private static func readFamily(_ cursor: inout ByteCursor) throws(DecodingFailure) -> AddressFamily {
        let afi = try cursor.readUInt16("address family")
        guard let family = AddressFamily(rawValue: afi) else {
            throw DecodingFailure(offset: cursor.position - 2, message: "unknown address family \(afi)")
        }
        return family
    }

    static func decodeMessage(_ cursor: inout ByteCursor, asnSize: Int, isLocal: Bool, isAddPath: Bool,
                              notes: inout DecodingNotes) throws(DecodingFailure) -> BGP4MPMessage {
        let peerAS = try cursor.readASN(size: asnSize, "peer AS")
        let localAS = try cursor.readASN(size: asnSize, "local AS")
        let interfaceIndex = try cursor.readUInt16("interface index")
        let afi = try cursor.readUInt16("address family")
        let peerAddress: IPAddress
        let localAddress: IPAddress
        if afi == 0xFFFF && interfaceIndex == 0xFFFF {
            // Zebra wrote OPEN messages without interface or addresses: these four bytes were the
            // start of the marker, so only twelve marker bytes follow.
            peerAddress = .v4(0)
            localAddress = .v4(0)
            try cursor.skip(12, "BGP marker")
        } else {
            guard let family = AddressFamily(rawValue: afi) else {
                throw DecodingFailure(offset: cursor.position - 2, message: "unknown address family \(afi)")
            }
            peerAddress = try cursor.readAddress(family, "peer address")
            localAddress = try cursor.readAddress(family, "local address")
            let marker = try cursor.readBytes(16, "BGP marker")
            guard marker.allSatisfy({ $0 == 0xff }) else {
                throw DecodingFailure(offset: cursor.position - 16, message: "BGP marker is not all ones")
            }
        }
        let messageLength = Int(try cursor.readUInt16("BGP message length"))
        guard messageLength >= 19 else {
            throw DecodingFailure(offset: cursor.position - 2, message: "BGP message length \(messageLength) is under 19")
        }
        let bodyLength = messageLength - 19
        let type = try cursor.readUInt8("BGP message type")
        var body: ByteCursor
        if bodyLength > cursor.remaining {
            notes.truncatedMessages += 1
            body = try cursor.subcursor(cursor.remaining, "BGP message")
        } else {
            body = try cursor.subcursor(bodyLength, "BGP message")
        }
        let message = try BGPMessageDecoder.decode(type: type, &body, asnSize: asnSize, isAddPath: isAddPath, notes: &notes)
        return BGP4MPMessage(peerAS: peerAS, localAS: localAS, interfaceIndex: interfaceIndex,
                             peerAddress: peerAddress, localAddress: localAddress, isLocal: isLocal,
                             usesFourByteASNs: asnSize == 4, isAddPath: isAddPath, message: message)
    }
}
