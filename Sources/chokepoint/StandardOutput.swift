#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to standard output, flushed in large blocks. A failed write (a full disk, a
/// closed pipe) is an error, so that a command never exits 0 after losing its output.
struct StandardOutput {
    private var buffer = ""
    private let threshold = 1 << 16

    mutating func write(_ text: String) throws(CommandFailure) {
        buffer += text
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
