#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to standard output, flushed in large blocks.
struct StandardOutput {
    private var buffer = ""
    private let threshold = 1 << 16

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= threshold { flush() }
    }

    mutating func flush() {
        var pending = buffer
        buffer = ""
        pending.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, base + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
}
