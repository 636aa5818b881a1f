import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One line of progress on standard error, redrawn in place: the step, bytes done of the total, the
/// item rate and the time left. Shown only on a terminal, and only for steps that last over a second.
final class ProgressDisplay: @unchecked Sendable {
    // @unchecked Sendable: every update takes `lock`; downloads report from their delegate queue and
    // country profiles from several threads.
    private let enabled: Bool
    private let lock = NSLock()
    private var step = ""
    private var stepStart = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Updates the line; `done` and `total` are bytes when `itemName` is nil or a total is given.
    func show(step: String, done: Int64, total: Int64?, items: Int?, itemName: String?) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if step != self.step {
            if drawn { clear() }
            self.step = step
            stepStart = now
            lastDraw = .distantPast
        }
        let elapsed = now.timeIntervalSince(stepStart)
        // Short steps stay silent; a long one is redrawn ten times a second.
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        var line = step
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            line += total > 1 << 16 ? "  \(Self.megabytes(done)) of \(Self.megabytes(total))" : "  \(done) of \(total)"
            line += String(format: "  %3d%%", Int(fraction * 100))
            if fraction > 0 { line += "  ETA \(Int((elapsed / fraction - elapsed).rounded()))s" }
        } else if itemName == nil {
            line += "  \(Self.megabytes(done))"
        }
        if let items, let itemName, items > 0 {
            line += "  \(Self.thousands(Double(items) / elapsed)) \(itemName)/s"
        } else if itemName == nil {
            line += "  \(Self.megabytes(Int64(Double(done) / elapsed)))/s"
        }
        let text = "\r\u{1B}[K" + line
        _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        drawn = true
    }

    /// Ends the current step, erasing its line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { clear() }
        step = ""
    }

    private func clear() {
        _ = "\r\u{1B}[K".withCString { write(STDERR_FILENO, $0, strlen($0)) }
        drawn = false
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    private static func thousands(_ rate: Double) -> String {
        rate >= 1e6 ? String(format: "%.1fM", rate / 1e6) : rate >= 1e3 ? String(format: "%.0fk", rate / 1e3) : String(format: "%.0f", rate)
    }
}
