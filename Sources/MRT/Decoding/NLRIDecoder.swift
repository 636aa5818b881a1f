/// Decodes a run of NLRI prefixes (RFC 4271 section 4.3), with add-path identifiers (RFC 7911) when
/// the session negotiated them.
func decodeNLRI(_ cursor: inout ByteCursor, family: AddressFamily, isAddPath: Bool,
                notes: inout DecodingNotes, _ what: @autoclosure () -> String) throws(DecodingFailure) -> [NLRIEntry] {
    var entries: [NLRIEntry] = []
    while !cursor.isAtEnd {
        let pathID = isAddPath ? try cursor.readUInt32("\(what()) path identifier") : nil
        let length = try cursor.readUInt8("\(what()) length")
        if (Int(length) + 7) / 8 > cursor.remaining && length <= family.maximumPrefixLength {
            // bgpdump tolerates a final prefix cut short by the message end; so do we, counting it.
            notes.truncatedPrefixes += 1
            break
        }
        let prefix = try cursor.readPrefix(family: family, length: length, notes: &notes, what())
        entries.append(NLRIEntry(prefix: prefix, pathID: pathID))
    }
    return entries
}
