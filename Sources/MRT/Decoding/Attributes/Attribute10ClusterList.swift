extension AttributeDecoder {
    /// CLUSTER_LIST, type 10 (RFC 4456): a list of cluster identifiers.
    func decodeClusterList(_ value: inout ByteCursor) throws(DecodingFailure) -> [UInt32] {
        var list: [UInt32] = []
        while !value.isAtEnd {
            list.append(try value.readUInt32("CLUSTER_LIST entry"))
        }
        return list
    }
}
