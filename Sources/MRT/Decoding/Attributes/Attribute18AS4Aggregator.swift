// AS4_AGGREGATOR, type 18 (RFC 6793), has the AGGREGATOR layout with a 4-byte AS number: it is
// decoded by `decodeAggregator(_:asnSize:)` in Attribute07Aggregator.swift.
