import ChokepointTestSupport
import Foundation

/// Runs the built `chokepoint` binary in a scratch directory, with its own cache and the shared mirror.
struct CommandLineTool {
    /// The rows of a CSV without quoted fields (the tool's history and comparison tables), keyed by the header.
    static func csvRows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The case study the tests run.
    static let northKorea = packageRoot.appendingPathComponent("examples/north-korea-2014").path

    /// The binary SwiftPM built beside the test bundle.
    static let binary: String = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("chokepoint").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/release/chokepoint").path
    }()

    /// A scratch directory (outputs land under its `output/`) and cache shared by the suite's runs.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs the tool with `arguments`.
    ///
    /// - Parameters:
    ///   - fileSizeLimit: When given, files the tool writes may not grow past this many 512-byte
    ///     blocks (`ulimit -f`, with SIGXFSZ ignored): a write past it fails as on a full disk.
    ///   - standardOutput: A file to send standard output to instead of capturing it (`/dev/full`).
    ///   - executable: Another program to run instead (such as `/usr/bin/time` wrapping the tool).
    func run(_ arguments: [String], fileSizeLimit: Int? = nil, standardOutput: String? = nil,
             environment extra: [String: String] = [:], executable: String? = nil) throws -> Result {
        let process = Process()
        if let executable {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else if let fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimit); exec \"$0\" \"$@\"", Self.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = directory.appendingPathComponent("cache").path
        environment["CHOKEPOINT_MIRROR"] = SharedData.path("mirror")
        environment.merge(extra) { $1 }
        process.environment = environment
        let outputPath = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errorPath = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        let output = try FileHandle(forWritingTo: standardOutput.map { URL(fileURLWithPath: $0) } ?? outputPath)
        let errors = try FileHandle(forWritingTo: errorPath)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Result(status: process.terminationStatus,
                      output: standardOutput == nil ? try String(contentsOf: outputPath, encoding: .utf8) : "",
                      errors: try String(contentsOf: errorPath, encoding: .utf8))
    }
}
