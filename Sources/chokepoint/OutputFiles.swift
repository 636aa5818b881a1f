import Foundation

/// Writes command output files: under the command's output directory by default, or where `-o` says.
enum OutputFiles {
    static func write(_ data: Data, name: String, in directory: String, to path: String?) throws -> String {
        let target = path ?? (directory as NSString).appendingPathComponent(name)
        let parent = (target as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        try data.write(to: URL(fileURLWithPath: target))
        return target
    }
}
