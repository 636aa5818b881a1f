import InternetAddresses

/// Decodes TABLE_DUMP (type 12) records (RFC 6396 section 4.2).
enum TableDumpDecoder {
    static func decode(subtype: UInt16, _ cursor: inout ByteCursor,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> TableDumpRecord? {
        let family: AddressFamily
        let asnSize: Int
        // Subtypes 3 and 4 are the 4-byte-AS variants some collectors wrote before TABLE_DUMP_V2.
        switch subtype {
        case 1: (family, asnSize) = (.ipv4, 2)
        case 2: (family, asnSize) = (.ipv6, 2)
        case 3: (family, asnSize) = (.ipv4, 4)
        case 4: (family, asnSize) = (.ipv6, 4)
        default: return nil
        }
        let view = try cursor.readUInt16("view number")
        let sequence = try cursor.readUInt16("sequence number")
        var entries: [TableDumpEntry] = []
        let attributeDecoder = AttributeDecoder(asnSize: asnSize, isAddPath: false, isRIBEntry: false)
        // Early RIS dumps pack many entries into one record; RFC 6396 records hold exactly one.
        repeat {
            let address = try cursor.readAddress(family, "prefix")
            let length = try cursor.readUInt8("prefix length")
            guard length <= family.maximumPrefixLength else {
                throw DecodingFailure(offset: cursor.position - 1,
                                      message: "prefix length \(length) exceeds \(family.maximumPrefixLength)")
            }
            let prefix = IPPrefix(address: address, length: length)
            if prefix.address != address { notes.hostBitsCleared += 1 }
            let status = try cursor.readUInt8("status")
            let originated = try cursor.readUInt32("originated time")
            let peerAddress = try cursor.readAddress(family, "peer address")
            let peerAS = try cursor.readASN(size: asnSize, "peer AS")
            let attributeLength = Int(try cursor.readUInt16("attribute length"))
            var attributeBytes = try cursor.subcursor(attributeLength, "attributes")
            let attributes = try attributeDecoder.decode(&attributeBytes, notes: &notes)
            entries.append(TableDumpEntry(prefix: prefix, status: status, originatedTime: originated,
                                          peerAddress: peerAddress, peerAS: peerAS, attributes: attributes))
        } while !cursor.isAtEnd
        return TableDumpRecord(viewNumber: view, sequenceNumber: sequence, entries: entries)
    }
}
