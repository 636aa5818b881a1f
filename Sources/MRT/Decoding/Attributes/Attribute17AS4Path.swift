// AS4_PATH, type 17 (RFC 6793), has the AS_PATH layout with 4-byte AS numbers: it is decoded by
// `decodeASPath(_:asnSize:notes:)` in Attribute02ASPath.swift and merged by `ASPath.merging(as4Path:)`.
