import InternetAddresses

extension AttributeDecoder {
    /// MP_UNREACH_NLRI, type 15 (RFC 4760): AFI, SAFI and withdrawn prefixes.
    func decodeMultiprotocolUnreach(_ value: inout ByteCursor, notes: inout DecodingNotes) throws(DecodingFailure) -> MultiprotocolUnreach {
        let afi = try value.readUInt16("MP_UNREACH AFI")
        let safi = try value.readUInt8("MP_UNREACH SAFI")
        guard let family = AddressFamily(rawValue: afi) else {
            throw DecodingFailure(offset: value.position - 3, message: "MP_UNREACH_NLRI has unknown AFI \(afi)")
        }
        let subsequentFamily = SubsequentAddressFamily(rawValue: safi)
        guard subsequentFamily.hasPlainPrefixes else {
            notes.otherFamilyAttributes += 1
            return MultiprotocolUnreach(family: family, subsequentFamily: subsequentFamily, withdrawn: [],
                                        undecodedNLRI: Array(value.rest))
        }
        let withdrawn = try decodeNLRI(&value, family: family, isAddPath: isAddPath, notes: &notes, "MP_UNREACH_NLRI prefix")
        return MultiprotocolUnreach(family: family, subsequentFamily: subsequentFamily, withdrawn: withdrawn)
    }
}
