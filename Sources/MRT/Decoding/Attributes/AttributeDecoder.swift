/// Decodes a path attribute block; each attribute type has its own file named by its type code.
struct AttributeDecoder {
    /// 2 or 4: the AS number size of AS_PATH and AGGREGATOR on this session.
    var asnSize: Int
    /// Whether NLRI inside MP_REACH/MP_UNREACH carry add-path identifiers.
    var isAddPath: Bool
    /// Whether the attributes belong to a TABLE_DUMP_V2 RIB entry, whose MP_REACH_NLRI may be abbreviated.
    var isRIBEntry: Bool

    private static let extendedLengthFlag: UInt8 = 0x10

    /// Decodes the attributes filling `cursor`.
    func decode(_ cursor: inout ByteCursor, notes: inout DecodingNotes) throws(DecodingFailure) -> PathAttributes {
        var attributes = PathAttributes()
        attributes.usesFourByteASNs = asnSize == 4
        while !cursor.isAtEnd {
            let flags = try cursor.readUInt8("attribute flags")
            let typeCode = try cursor.readUInt8("attribute type")
            let length = flags & Self.extendedLengthFlag != 0
                ? Int(try cursor.readUInt16("attribute \(typeCode) length"))
                : Int(try cursor.readUInt8("attribute \(typeCode) length"))
            var value = try cursor.subcursor(length, "attribute \(typeCode) value")
            try decodeValue(typeCode: typeCode, flags: flags, value: &value, into: &attributes, notes: &notes)
        }
        return attributes
    }

    private func decodeValue(typeCode: UInt8, flags: UInt8, value: inout ByteCursor,
                             into attributes: inout PathAttributes, notes: inout DecodingNotes) throws(DecodingFailure) {
        switch typeCode {
        case 1: attributes.origin = try decodeOrigin(&value)
        case 2: attributes.asPath = decodeASPath(&value, asnSize: asnSize, notes: &notes)
        case 3: attributes.nextHop = try decodeNextHop(&value)
        case 4: attributes.multiExitDiscriminator = try decodeMultiExitDiscriminator(&value)
        case 5: attributes.localPreference = try decodeLocalPreference(&value)
        case 6: attributes.atomicAggregate = true
        case 7: attributes.aggregator = try decodeAggregator(&value, asnSize: asnSize)
        case 8: attributes.communities = try decodeCommunities(&value)
        case 9: attributes.originatorID = try decodeOriginatorID(&value)
        case 10: attributes.clusterList = try decodeClusterList(&value)
        case 14: attributes.multiprotocolReach = try decodeMultiprotocolReach(&value, notes: &notes)
        case 15: attributes.multiprotocolUnreach = try decodeMultiprotocolUnreach(&value, notes: &notes)
        case 17: attributes.as4Path = decodeASPath(&value, asnSize: 4, notes: &notes)
        case 18: attributes.as4Aggregator = try decodeAggregator(&value, asnSize: 4)
        case 32: attributes.largeCommunities = try decodeLargeCommunities(&value)
        default:
            attributes.otherAttributes.append(
                RawAttribute(flags: flags, typeCode: typeCode, value: Array(value.rest)))
        }
    }
}
