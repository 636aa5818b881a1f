import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error: bytes, rate and time left.
final class ProgressBar: @unchecked Sendable {
    // @unchecked Sendable: updates come from one download's serial delegate queue, guarded by `lock`.
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    init(label: String) {
        self.label = label
    }

    func update(done: Int64, total: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        var line = "\r\(label) \(Self.megabytes(done))"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let left = rate > 0 ? Double(total - done) / rate : 0
            line += " of \(Self.megabytes(total)) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))]"
            line += " \(Int(fraction * 100))% \(Self.megabytes(Int64(rate)))/s ETA \(Int(left))s"
        } else {
            line += " \(Self.megabytes(Int64(rate)))/s"
        }
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    func finish() {
        _ = "\n".withCString { write(STDERR_FILENO, $0, 1) }
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
