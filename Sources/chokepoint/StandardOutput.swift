#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to standard output, flushed in large blocks. A failed write (a full disk, a
/// closed pipe) is an error, so that a command never exits 0 after losing its output.
struct StandardOutput {
    private var buffer = ""
    private let threshold = 1 << 16

    /// Whether standard output is a terminal whose locale cannot show UTF-8: tables then write
    /// `>=` for `≥` and plain ASCII for the few other symbols they use. Files and pipes always get UTF-8.
    static let asciiOnly: Bool = {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        let names = ["LC_ALL", "LC_CTYPE", "LANG"]
        let locale = names.compactMap { name in getenv(name).map { String(cString: $0) } }.first { !$0.isEmpty } ?? "C"
        let lower = locale.lowercased()
        return !(lower.contains("utf-8") || lower.contains("utf8"))
    }()

    /// `text` with the symbols an ASCII terminal cannot show spelt out.
    static func ascii(_ text: String) -> String {
        text.replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "·", with: "-")
            .replacingOccurrences(of: "×", with: "x").replacingOccurrences(of: "κ", with: "kappa")
    }

    mutating func write(_ text: String) throws(CommandFailure) {
        buffer += Self.asciiOnly ? Self.ascii(text) : text
        if buffer.utf8.count >= threshold { try flush() }
    }

    mutating func flush() throws(CommandFailure) {
        var pending = buffer
        buffer = ""
        let failure: Int32? = pending.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure {
            throw CommandFailure(description: "cannot write to standard output: \(String(cString: strerror(failure)))")
        }
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
}
