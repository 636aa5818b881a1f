extension AttributeDecoder {
    /// LOCAL_PREF, type 5 (RFC 4271 section 4.3): four octets.
    func decodeLocalPreference(_ value: inout ByteCursor) throws(DecodingFailure) -> UInt32 {
        try value.readUInt32("LOCAL_PREF")
    }
}
