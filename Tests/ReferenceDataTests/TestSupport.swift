import Foundation
import Testing

/// Where the real data sets live: `$CHOKEPOINT_SHARED`, or `../shared` beside the package.
enum SharedData {
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["CHOKEPOINT_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static let skipReason: Comment = "needs the shared data directory (../shared or $CHOKEPOINT_SHARED); it is absent"
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String = "") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
