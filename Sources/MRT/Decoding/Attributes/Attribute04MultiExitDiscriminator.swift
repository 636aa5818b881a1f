extension AttributeDecoder {
    /// MULTI_EXIT_DISC, type 4 (RFC 4271 section 4.3): four octets.
    func decodeMultiExitDiscriminator(_ value: inout ByteCursor) throws(DecodingFailure) -> UInt32 {
        try value.readUInt32("MULTI_EXIT_DISC")
    }
}
