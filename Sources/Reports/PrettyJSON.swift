import Foundation

/// JSON as the commands print it: indented, keys sorted, slashes unescaped, ending in a newline.
public enum PrettyJSON {
    /// Encodes `value`.
    public static func string(from value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
