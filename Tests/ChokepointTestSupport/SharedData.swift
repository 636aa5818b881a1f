import Foundation
import Testing

/// Where the real data sets live: `$CHOKEPOINT_SHARED`, or `../shared` beside the package.
public enum SharedData {
    /// The shared data directory.
    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["CHOKEPOINT_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// Whether the directory is there.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    /// A path below the shared directory.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// A path below the shared mirror.
    public static func mirror(_ relative: String) -> String {
        path("mirror/" + relative)
    }

    /// Files below `relative`, sorted, or none when the data is absent.
    public static func files(under relative: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path(relative)) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .map { path(relative + "/" + $0) }
            .filter { path in
                var directory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
            }
            .sorted()
    }

    /// Why a test that needs the data skipped.
    public static let skipReason: Comment = "needs the shared data directory (../shared or $CHOKEPOINT_SHARED); it is absent"

    /// The 2014 RIR delegation files.
    public static let delegations2014 = [
        "ftp.afrinic.net/pub/stats/afrinic/2014/delegated-afrinic-20140630",
        "ftp.apnic.net/stats/apnic/2014/delegated-apnic-20140805.gz",
        "ftp.arin.net/pub/stats/arin/delegated-arin-extended-20140804",
        "ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-20140803",
        "ftp.ripe.net/pub/stats/ripencc/2014/delegated-ripencc-20140803.bz2",
    ].map(mirror)
}

/// Writes `text` to a new temporary file and returns its path.
public func temporaryFile(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A small deterministic generator for reproducible random tests.
public struct SplitMix {
    var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
