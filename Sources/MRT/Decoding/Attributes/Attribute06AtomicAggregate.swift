// ATOMIC_AGGREGATE, type 6 (RFC 4271 section 4.3), has no value: `AttributeDecoder.decodeValue`
// records its presence in `PathAttributes.atomicAggregate`. This file keeps the one-file-per-type layout.
