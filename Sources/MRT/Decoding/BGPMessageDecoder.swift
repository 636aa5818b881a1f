/// Decodes the body of a BGP message (RFC 4271 section 4), after the 19-byte header.
enum BGPMessageDecoder {
    static func decode(type: UInt8, _ body: inout ByteCursor, asnSize: Int, isAddPath: Bool,
                       notes: inout DecodingNotes) throws(DecodingFailure) -> BGPMessage {
        switch type {
        case 1:
            return .open(try decodeOpen(&body, notes: &notes))
        case 2:
            return .update(try decodeUpdate(&body, asnSize: asnSize, isAddPath: isAddPath, notes: &notes))
        case 3:
            let code = try body.readUInt8("NOTIFICATION code")
            let subcode = body.isAtEnd ? 0 : try body.readUInt8("NOTIFICATION subcode")
            return .notification(code: code, subcode: subcode, data: Array(body.rest))
        case 4:
            return .keepalive
        default:
            return .other(type: type, bytes: Array(body.rest))
        }
    }

    static func decodeOpen(_ body: inout ByteCursor, notes: inout DecodingNotes) throws(DecodingFailure) -> BGPOpen {
        guard body.remaining >= 10 else {
            // Some early collectors cut OPEN messages short; keep what is there.
            notes.shortOpenMessages += 1
            var padded = Array(body.rest) + [UInt8](repeating: 0, count: 10 - body.remaining)
            return padded.withUnsafeMutableBytes { bytes in
                var cursor = ByteCursor(UnsafeRawBufferPointer(bytes))
                return (try? decodeOpenFields(&cursor)) ?? BGPOpen(version: 0, myAS: 0, holdTime: 0, bgpID: 0, optionalParameters: [])
            }
        }
        return try decodeOpenFields(&body)
    }

    private static func decodeOpenFields(_ body: inout ByteCursor) throws(DecodingFailure) -> BGPOpen {
        let version = try body.readUInt8("OPEN version")
        let myAS = try body.readUInt16("OPEN AS")
        let holdTime = try body.readUInt16("OPEN hold time")
        let bgpID = try body.readUInt32("OPEN BGP identifier")
        let parameterLength = body.isAtEnd ? 0 : Int(try body.readUInt8("OPEN parameter length"))
        let parameters = Array(body.rest.prefix(parameterLength))
        return BGPOpen(version: version, myAS: myAS, holdTime: holdTime, bgpID: bgpID, optionalParameters: parameters)
    }

    static func decodeUpdate(_ body: inout ByteCursor, asnSize: Int, isAddPath: Bool,
                             notes: inout DecodingNotes) throws(DecodingFailure) -> BGPUpdate {
        let withdrawnLength = Int(try body.readUInt16("withdrawn routes length"))
        var withdrawnBytes = try body.subcursor(withdrawnLength, "withdrawn routes")
        let withdrawn = try decodeNLRI(&withdrawnBytes, family: .ipv4, isAddPath: isAddPath, notes: &notes, "withdrawn prefix")
        let attributeLength = Int(try body.readUInt16("path attribute length"))
        var attributeBytes = try body.subcursor(attributeLength, "path attributes")
        let attributes = try AttributeDecoder(asnSize: asnSize, isAddPath: isAddPath, isRIBEntry: false)
            .decode(&attributeBytes, notes: &notes)
        let announced = try decodeNLRI(&body, family: .ipv4, isAddPath: isAddPath, notes: &notes, "announced prefix")
        return BGPUpdate(withdrawn: withdrawn, attributes: attributes, announced: announced)
    }
}
