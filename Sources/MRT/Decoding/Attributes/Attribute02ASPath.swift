extension AttributeDecoder {
    /// AS_PATH, type 2, and AS4_PATH, type 17 (RFC 4271, RFC 6793): segments of type, count, ASNs.
    ///
    /// A path that does not parse as segments (a wrong AS size is the usual cause) is counted and left
    /// out rather than failing the whole record, as other tools do.
    func decodeASPath(_ value: inout ByteCursor, asnSize: Int, notes: inout DecodingNotes) -> ASPath? {
        var segments: [ASPathSegment] = []
        while !value.isAtEnd {
            guard value.remaining >= 2 else {
                notes.malformedASPaths += 1
                return nil
            }
            let typeCode = (try? value.readUInt8("segment type")) ?? 0
            let count = Int((try? value.readUInt8("segment length")) ?? 0)
            guard let kind = ASPathSegment.Kind(rawValue: typeCode), value.remaining >= count * asnSize else {
                notes.malformedASPaths += 1
                return nil
            }
            var asns = [UInt32]()
            asns.reserveCapacity(count)
            for _ in 0..<count {
                guard let asn = try? value.readASN(size: asnSize, "AS number") else { return nil }
                asns.append(asn)
            }
            segments.append(ASPathSegment(kind: kind, asns: asns))
        }
        return ASPath(segments: segments)
    }
}
