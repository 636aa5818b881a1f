extension AttributeDecoder {
    /// LARGE_COMMUNITY, type 32 (RFC 8092): a list of 12-byte values.
    func decodeLargeCommunities(_ value: inout ByteCursor) throws(DecodingFailure) -> [LargeCommunity] {
        guard value.remaining % 12 == 0 else {
            throw DecodingFailure(offset: value.position, message: "LARGE_COMMUNITY length \(value.remaining) is not a multiple of 12")
        }
        var list: [LargeCommunity] = []
        while !value.isAtEnd {
            list.append(LargeCommunity(globalAdministrator: try value.readUInt32("large community"),
                                       localData1: try value.readUInt32("large community"),
                                       localData2: try value.readUInt32("large community")))
        }
        return list
    }
}
