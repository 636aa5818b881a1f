import Decompression
import Foundation

/// Writes command output files: under the command's output directory by default, or where `-o` says.
///
/// Each file is written under a temporary name beside the final one and renamed when whole, so a
/// full disk or a kill never leaves a truncated report or diagram under the name asked for.
enum OutputFiles {
    static func write(_ data: Data, name: String, in directory: String, to path: String?) throws -> String {
        let target = path ?? (directory as NSString).appendingPathComponent(name)
        let parent = (target as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(description: "\(parent): cannot create the directory (\(error.localizedDescription))")
            }
        }
        do {
            try PartialFile.write(data, to: target)
        } catch {
            throw CommandFailure(description: "\(error); nothing was written under that name")
        }
        return target
    }
}
