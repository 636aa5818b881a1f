extension AttributeDecoder {
    /// COMMUNITIES, type 8 (RFC 1997): a list of 32-bit values.
    func decodeCommunities(_ value: inout ByteCursor) throws(DecodingFailure) -> [Community] {
        guard value.remaining % 4 == 0 else {
            throw DecodingFailure(offset: value.position, message: "COMMUNITIES length \(value.remaining) is not a multiple of 4")
        }
        var communities: [Community] = []
        communities.reserveCapacity(value.remaining / 4)
        while !value.isAtEnd {
            communities.append(Community(rawValue: try value.readUInt32("community")))
        }
        return communities
    }
}
