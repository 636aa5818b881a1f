import InternetAddresses

extension AttributeDecoder {
    /// NEXT_HOP, type 3 (RFC 4271 section 4.3): an IPv4 address.
    func decodeNextHop(_ value: inout ByteCursor) throws(DecodingFailure) -> IPAddress {
        .v4(try value.readUInt32("NEXT_HOP"))
    }
}
