extension AttributeDecoder {
    /// ORIGIN, type 1 (RFC 4271 section 4.3): one octet.
    func decodeOrigin(_ value: inout ByteCursor) throws(DecodingFailure) -> Origin {
        let code = try value.readUInt8("ORIGIN")
        guard let origin = Origin(rawValue: code) else {
            throw DecodingFailure(offset: value.position - 1, message: "ORIGIN value \(code) is not 0, 1 or 2")
        }
        return origin
    }
}
