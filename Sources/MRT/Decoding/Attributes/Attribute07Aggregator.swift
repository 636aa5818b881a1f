extension AttributeDecoder {
    /// AGGREGATOR, type 7, and AS4_AGGREGATOR, type 18: an AS number and an IPv4 identifier.
    func decodeAggregator(_ value: inout ByteCursor, asnSize: Int) throws(DecodingFailure) -> Aggregator {
        // Some 2-byte sessions carry a 4-byte AGGREGATOR; its length tells.
        let size = value.remaining == 8 ? 4 : asnSize
        let asn = try value.readASN(size: size, "AGGREGATOR AS")
        let address = try value.readUInt32("AGGREGATOR address")
        return Aggregator(asn: asn, address: address)
    }
}
