extension AttributeDecoder {
    /// ORIGINATOR_ID, type 9 (RFC 4456): a router's BGP identifier.
    func decodeOriginatorID(_ value: inout ByteCursor) throws(DecodingFailure) -> UInt32 {
        try value.readUInt32("ORIGINATOR_ID")
    }
}
