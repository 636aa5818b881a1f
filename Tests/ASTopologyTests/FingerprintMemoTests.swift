import ASTopology
import Foundation
import Testing

@Suite("remembered fingerprints")
struct FingerprintMemoTests {
    private func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-memo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    private func memoFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("fingerprint-") }
    }

    @Test("a settled file's fingerprint is remembered and served; a changed file is digested anew")
    func servedUntilChanged() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = (directory as NSString).appendingPathComponent("input.bin")
        try Data("first content".utf8).write(to: URL(fileURLWithPath: input))
        let memo = FingerprintMemo(directory: (directory as NSString).appendingPathComponent("memo"))
        // Ten seconds on, the file has settled.
        let later = Date().addingTimeInterval(10)
        let first = try memo.fingerprint(of: input, now: later)
        #expect(first == (try FileFingerprint(path: input)))
        let stored = memoFiles(in: memo.directory)
        #expect(stored.count == 1)
        // A planted digest is served: the memo is read, not the file.
        let memoFile = (memo.directory as NSString).appendingPathComponent(stored[0])
        var lines = try String(contentsOfFile: memoFile, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = "123456789abcdef0"
        try lines.joined(separator: "\n").write(toFile: memoFile, atomically: true, encoding: .utf8)
        #expect(try memo.fingerprint(of: input, now: later).digest == 0x1234_5678_9abc_def0)
        // The same length, written in place after the kernel's clock has moved on: another status-change time.
        Thread.sleep(forTimeInterval: 0.05)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try handle.write(contentsOf: Data("other content".utf8))
        try handle.close()
        let changed = try memo.fingerprint(of: input, now: later)
        #expect(changed == (try FileFingerprint(path: input)))
        #expect(changed != first && changed.digest != 0x1234_5678_9abc_def0)
    }

    @Test("a file changed within the settling time is not remembered")
    func recentNotRemembered() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = (directory as NSString).appendingPathComponent("input.bin")
        try Data("content".utf8).write(to: URL(fileURLWithPath: input))
        let memo = FingerprintMemo(directory: (directory as NSString).appendingPathComponent("memo"))
        #expect(try memo.fingerprint(of: input) == (try FileFingerprint(path: input)))
        #expect(memoFiles(in: memo.directory).isEmpty)
        // A missing file is the reader's error, as without a memo.
        #expect(throws: (any Error).self) { try memo.fingerprint(of: input + ".absent") }
    }
}
