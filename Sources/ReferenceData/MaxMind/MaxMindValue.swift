/// A value of the MaxMind DB data section (spec version 2).
public enum MaxMindValue: Hashable, Sendable {
    /// A UTF-8 string (type 2).
    case string(String)
    /// A double (type 3).
    case double(Double)
    /// Raw bytes (type 4).
    case bytes([UInt8])
    /// An unsigned integer of 16, 32 or 64 bits (types 5, 6, 9).
    case unsigned(UInt64)
    /// A 128-bit unsigned integer (type 10).
    case unsigned128(UInt128)
    /// A signed 32-bit integer (type 8).
    case int32(Int32)
    /// A map from strings to values (type 7).
    case map([String: MaxMindValue])
    /// An array (type 11).
    case array([MaxMindValue])
    /// A boolean (type 14).
    case boolean(Bool)
    /// A float (type 15).
    case float(Float)

    /// The value under `key` when this is a map.
    public subscript(key: String) -> MaxMindValue? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The integer, when this is an unsigned one.
    public var unsignedValue: UInt64? {
        if case .unsigned(let value) = self { return value }
        return nil
    }
}
