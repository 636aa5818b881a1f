import InternetAddresses

/// Decodes TABLE_DUMP_V2 (type 13) records (RFC 6396 section 4.3, RFC 8050 add-path subtypes).
enum TableDumpV2Decoder {
    static func decode(subtype: UInt16, _ cursor: inout ByteCursor,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> MRTRecord.Body? {
        switch subtype {
        case 1:
            return .peerIndexTable(try decodePeerIndexTable(&cursor))
        case 2, 3, 4, 5, 8, 9, 10, 11:
            let family: AddressFamily = [2, 3, 8, 9].contains(subtype) ? .ipv4 : .ipv6
            let safi: SubsequentAddressFamily = [3, 5, 9, 11].contains(subtype) ? .multicast : .unicast
            return .rib(try decodeRIB(&cursor, family: family, safi: safi, isAddPath: subtype >= 8,
                                      isGeneric: false, notes: &notes))
        case 6, 12:
            // RIB_GENERIC of VPN or labelled families has NLRI that are not plain prefixes.
            var peek = cursor
            try peek.skip(6, "RIB_GENERIC header")
            guard SubsequentAddressFamily(rawValue: try peek.readUInt8("RIB_GENERIC SAFI")).hasPlainPrefixes else { return nil }
            return .rib(try decodeRIB(&cursor, family: nil, safi: nil, isAddPath: subtype == 12,
                                      isGeneric: true, notes: &notes))
        default:
            return nil
        }
    }

    static func decodePeerIndexTable(_ cursor: inout ByteCursor) throws(DecodingFailure) -> PeerIndexTable {
        let collector = try cursor.readUInt32("collector BGP ID")
        let nameLength = Int(try cursor.readUInt16("view name length"))
        let nameBytes = try cursor.readBytes(nameLength, "view name")
        let count = Int(try cursor.readUInt16("peer count"))
        var peers: [PeerIndexTable.Peer] = []
        peers.reserveCapacity(count)
        for index in 0..<count {
            let peerType = try cursor.readUInt8("peer \(index) type")
            let bgpID = try cursor.readUInt32("peer \(index) BGP ID")
            let address = try cursor.readAddress(peerType & 1 != 0 ? .ipv6 : .ipv4, "peer \(index) address")
            let asn = try cursor.readASN(size: peerType & 2 != 0 ? 4 : 2, "peer \(index) AS")
            peers.append(PeerIndexTable.Peer(bgpID: bgpID, address: address, asn: asn))
        }
        return PeerIndexTable(collectorID: collector, viewName: String(decoding: nameBytes, as: UTF8.self), peers: peers)
    }

    static func decodeRIB(_ cursor: inout ByteCursor, family: AddressFamily?, safi: SubsequentAddressFamily?,
                          isAddPath: Bool, isGeneric: Bool, notes: inout DecodingNotes) throws(DecodingFailure) -> RIBRecord {
        let sequence = try cursor.readUInt32("sequence number")
        var recordFamily = family ?? .ipv4
        var recordSAFI = safi ?? .unicast
        if isGeneric {
            let afi = try cursor.readUInt16("RIB_GENERIC AFI")
            guard let genericFamily = AddressFamily(rawValue: afi) else {
                throw DecodingFailure(offset: cursor.position - 2, message: "RIB_GENERIC has unknown AFI \(afi)")
            }
            recordFamily = genericFamily
            recordSAFI = SubsequentAddressFamily(rawValue: try cursor.readUInt8("RIB_GENERIC SAFI"))
        }
        let length = try cursor.readUInt8("prefix length")
        let prefix = try cursor.readPrefix(family: recordFamily, length: length, notes: &notes, "RIB prefix")
        let count = Int(try cursor.readUInt16("entry count"))
        var entries: [RIBEntry] = []
        entries.reserveCapacity(count)
        let attributeDecoder = AttributeDecoder(asnSize: 4, isAddPath: isAddPath, isRIBEntry: true)
        for index in 0..<count {
            let peerIndex = try cursor.readUInt16("entry \(index) peer index")
            let originated = try cursor.readUInt32("entry \(index) originated time")
            let pathID = isAddPath ? try cursor.readUInt32("entry \(index) path identifier") : nil
            let attributeLength = Int(try cursor.readUInt16("entry \(index) attribute length"))
            var attributeBytes = try cursor.subcursor(attributeLength, "entry \(index) attributes")
            let attributes = try attributeDecoder.decode(&attributeBytes, notes: &notes)
            entries.append(RIBEntry(peerIndex: peerIndex, originatedTime: originated, pathID: pathID, attributes: attributes))
        }
        return RIBRecord(family: recordFamily, subsequentFamily: recordSAFI, isAddPath: isAddPath, isGeneric: isGeneric,
                         sequenceNumber: sequence, prefix: prefix, entries: entries)
    }
}
