import InternetAddresses

extension AttributeDecoder {
    /// MP_REACH_NLRI, type 14 (RFC 4760), and the abbreviated form TABLE_DUMP_V2 RIB entries use
    /// (RFC 6396 section 4.3.4: next-hop length and next hop only).
    func decodeMultiprotocolReach(_ value: inout ByteCursor, notes: inout DecodingNotes) throws(DecodingFailure) -> MultiprotocolReach {
        // A full attribute starts with the AFI, whose first byte is 0; an abbreviated one starts
        // with the next-hop length, which never is.
        if isRIBEntry, value.remaining > 0, value.rest[0] != 0 {
            let nextHopLength = Int(try value.readUInt8("MP_REACH next-hop length"))
            let (nextHop, linkLocal) = try decodeNextHops(&value, length: nextHopLength)
            return MultiprotocolReach(family: nextHop?.family ?? .ipv6, subsequentFamily: .unicast,
                                      nextHop: nextHop, linkLocalNextHop: linkLocal, announced: [],
                                      isAbbreviated: true)
        }
        let afi = try value.readUInt16("MP_REACH AFI")
        let safi = try value.readUInt8("MP_REACH SAFI")
        guard let family = AddressFamily(rawValue: afi) else {
            throw DecodingFailure(offset: value.position - 3, message: "MP_REACH_NLRI has unknown AFI \(afi)")
        }
        let nextHopLength = Int(try value.readUInt8("MP_REACH next-hop length"))
        let (nextHop, linkLocal) = try decodeNextHops(&value, length: nextHopLength)
        let snpaCount = try value.readUInt8("MP_REACH SNPA count")
        for _ in 0..<snpaCount {
            let snpaLength = Int(try value.readUInt8("SNPA length"))
            try value.skip((snpaLength + 1) / 2, "SNPA")
        }
        let subsequentFamily = SubsequentAddressFamily(rawValue: safi)
        guard subsequentFamily.hasPlainPrefixes else {
            notes.otherFamilyAttributes += 1
            return MultiprotocolReach(family: family, subsequentFamily: subsequentFamily, nextHop: nextHop,
                                      linkLocalNextHop: linkLocal, announced: [], undecodedNLRI: Array(value.rest))
        }
        let announced = try decodeNLRI(&value, family: family, isAddPath: isAddPath, notes: &notes, "MP_REACH_NLRI prefix")
        return MultiprotocolReach(family: family, subsequentFamily: subsequentFamily,
                                  nextHop: nextHop, linkLocalNextHop: linkLocal, announced: announced)
    }

    private func decodeNextHops(_ value: inout ByteCursor, length: Int) throws(DecodingFailure) -> (IPAddress?, IPAddress?) {
        var field = try value.subcursor(length, "MP_REACH next hop")
        switch length {
        case 4:
            return (.v4(try field.readUInt32("next hop")), nil)
        case 16:
            return (.v6(try field.readIPv6("next hop")), nil)
        case 32:
            return (.v6(try field.readIPv6("next hop")), .v6(try field.readIPv6("link-local next hop")))
        case 12, 24:
            // RFC 4659-style next hops with an 8-byte route distinguisher before the address.
            try field.skip(8, "route distinguisher")
            return (length == 12 ? .v4(try field.readUInt32("next hop")) : .v6(try field.readIPv6("next hop")), nil)
        default:
            return (nil, nil)
        }
    }
}
