import CFuzzerDriver
import FuzzTargets

#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer on one target, with the command line libFuzzer understands (corpus directories,
/// `-max_total_time=`, `-malloc_limit_mb=`, ...).
public enum FuzzDriver {
    /// The target of this process: libFuzzer's callback is a C function and cannot capture it.
    nonisolated(unsafe) static var target = FuzzTarget.mrt

    /// Hands the process to libFuzzer; never returns.
    public static func run(_ target: FuzzTarget) -> Never {
        Self.target = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in FuzzDriver.target.run(data, size) }
        exit(status)
    }
}

/// libFuzzer's runtime refers to this symbol even when its driver is called directly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.target.run(data, size)
}
