import InternetAddresses

/// Decodes a run of NLRI prefixes (RFC 4271 section 4.3), with add-path identifiers (RFC 7911) when
/// the session negotiated them.
///
/// Some producers (BIRD before RFC 8050) wrote add-path NLRI under the plain subtypes. When a field
/// does not parse as plain prefixes but parses exactly as add-path ones, it is read that way and
/// counted in `notes.addPathInferred`.
func decodeNLRI(_ cursor: inout ByteCursor, family: AddressFamily, isAddPath: Bool,
                notes: inout DecodingNotes, _ what: @autoclosure () -> String) throws(DecodingFailure) -> [NLRIEntry] {
    let addPath = isAddPath || NLRILayout.needsAddPath(cursor.rest, family: family, notes: &notes)
    var entries: [NLRIEntry] = []
    while !cursor.isAtEnd {
        let pathID = addPath ? try cursor.readUInt32("\(what()) path identifier") : nil
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

/// Checks how an NLRI field is laid out.
enum NLRILayout {
    /// Whether `bytes` fail to parse as plain prefixes but parse exactly as add-path ones.
    static func needsAddPath(_ bytes: UnsafeRawBufferPointer, family: AddressFamily, notes: inout DecodingNotes) -> Bool {
        if fits(bytes, family: family, addPath: false) != .invalid { return false }
        guard fits(bytes, family: family, addPath: true) == .exact else { return false }
        notes.addPathInferred += 1
        return true
    }

    enum Fit { case exact, truncatedEnd, invalid }

    static func fits(_ bytes: UnsafeRawBufferPointer, family: AddressFamily, addPath: Bool) -> Fit {
        var position = 0
        while position < bytes.count {
            if addPath { position += 4 }
            guard position < bytes.count else { return .invalid }
            let length = bytes[position]
            guard length <= family.maximumPrefixLength else { return .invalid }
            position += 1 + (Int(length) + 7) / 8
        }
        return position == bytes.count ? .exact : .truncatedEnd
    }
}
