import Foundation

/// A local HTTP server laid out like the public archives (`Tests/PublicArchivesTests/archive_server.py`,
/// which also plays the hostile servers of the download tests), serving a directory; stopped when
/// released.
public final class ArchiveServer {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process

    /// Starts the server over `root` (a mirror laid out as `<host>/<path>`).
    public init(root: String) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PublicArchivesTests/archive_server.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, root]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The script prints its port once it listens.
        port = Int(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit {
        // Process.waitUntilExit spins a run loop that never wakes on a test thread; signal and reap directly.
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
