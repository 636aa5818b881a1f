import Foundation

/// Writes command output files: under `output/` by default, or where `-o` says.
enum OutputFiles {
    static func write(_ data: Data, name: String, to path: String?) throws -> String {
        let target = path ?? "output/\(name)"
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try data.write(to: URL(fileURLWithPath: target))
        return target
    }
}
