import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The readers of untrusted input, each as a function of one byte string, for coverage-guided
/// fuzzing (libFuzzer calls `run` through the small executables under `Fuzz/`) and for replaying
/// inputs in tests. A target may fail with an error on any input; it must never trap, leak, hang
/// or allocate without bound.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// MRT records through the typed decoder and the fast path.
    case mrt
    /// MaxMind DB files: metadata, lookups and the whole-tree walk.
    case maxmind
    /// RIR delegation statistics files.
    case delegated
    /// CAIDA prefix-to-AS files.
    case pfx2as
    /// CAIDA AS relationships files.
    case asRel = "as-rel"
    /// Tor's range-to-country files.
    case tor
    /// AS names CSV files.
    case asNames = "as-names"
    /// CAIDA AS Organizations files (text and JSON lines).
    case asOrg = "as-org"
    /// Case manifests (`case.json`).
    case caseManifest = "case-manifest"
    /// Topology snapshots, with a valid digest appended so that decoding itself is reached.
    case snapshot

    /// Runs the target on `data`; errors are the expected answer to bad input and are dropped.
    public func run(_ data: UnsafeRawBufferPointer) {
        switch self {
        case .mrt: Self.readMRT(data)
        case .maxmind: withFile(data, suffix: ".mmdb", Self.readMaxMind)
        case .delegated, .pfx2as, .asRel, .tor, .asNames, .asOrg: withFile(data, suffix: "", readText)
        case .caseManifest: withFile(data, suffix: ".json", Self.readCaseManifest)
        case .snapshot: Self.readSnapshot(data)
        }
    }

    /// The entry point libFuzzer calls.
    public func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    }

    /// Writes `data` to a scratch file (in memory when `/dev/shm` is there) and calls `body` with its path.
    func withFile(_ data: UnsafeRawBufferPointer, suffix: String, _ body: (String) -> Void) {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(directory)/chokepoint-fuzz-\(rawValue)-\(getpid())\(suffix)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        var offset = 0
        while offset < data.count, let base = data.baseAddress {
            let written = write(descriptor, base + offset, data.count - offset)
            if written <= 0 { break }
            offset += written
        }
        close(descriptor)
        defer { unlink(path) }
        body(path)
    }
}
