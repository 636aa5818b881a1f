/// How much of an input an error message may quote: enough to recognise the line, never so much
/// that a damaged file turns one error into megabytes of output.
public enum InputQuotation {
    /// The most characters of input any message quotes.
    public static let limit = 80

    /// `text` in double quotes, cut to `limit` characters (then followed by `…` and the full
    /// length), with control characters escaped so that a message stays on one line.
    public static func quote(_ text: some StringProtocol) -> String {
        let (shown, total) = escapedPrefix(text)
        return total > limit ? "\"\(shown)\"… (\(total) characters)" : "\"\(shown)\""
    }

    /// The bytes as UTF-8 text (invalid sequences replaced), quoted as `quote(_:)` does.
    ///
    /// Only the first bytes are decoded, so quoting a 100 MB line costs no more than quoting a short one.
    public static func quote(bytes: UnsafeRawBufferPointer) -> String {
        let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(limit * 4))
        let (shown, total) = escapedPrefix(String(decoding: head, as: UTF8.self))
        if bytes.count > head.count || total > limit { return "\"\(shown)\"… (\(bytes.count) bytes)" }
        return "\"\(shown)\""
    }

    /// The longest file name or URL a message shows whole: long enough for any real archive URL,
    /// short enough that a hostile manifest cannot make one error line huge.
    public static let nameLimit = 300

    /// A file name or URL for a message, unquoted: whole when it is up to `nameLimit` characters,
    /// else cut with `…`; control characters escaped.
    public static func name(_ text: some StringProtocol) -> String {
        let (shown, total) = escapedPrefix(text, limit: nameLimit)
        return total > nameLimit ? "\(shown)…" : shown
    }

    private static func escapedPrefix(_ text: some StringProtocol, limit: Int = limit) -> (shown: String, total: Int) {
        var shown = ""
        var total = 0
        for character in text {
            total += 1
            guard total <= limit else { continue }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                for scalar in character.unicodeScalars { shown += scalar.escaped(asASCII: true) }
            } else {
                shown.append(character)
            }
        }
        return (shown, total)
    }
}
