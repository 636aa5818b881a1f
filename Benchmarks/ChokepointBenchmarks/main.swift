import Foundation

// Benchmarks that time library code in-process. `make bench` runs them in release mode, beside the
// command-level comparisons with bgpdump and bzip2 in Benchmarks/mrt-read.sh.
let arguments = CommandLine.arguments.dropFirst()
let selected = arguments.isEmpty ? ["prefix-table"] : Array(arguments)
for name in selected {
    switch name {
    case "prefix-table":
        PrefixTableBenchmark.run()
    case "country-engine":
        let shared = ProcessInfo.processInfo.environment["CHOKEPOINT_SHARED"] ?? "../shared"
        do {
            try CountryEngineBenchmark.run(shared: shared)
        } catch {
            print("country-engine: \(error)")
        }
    default:
        print("unknown benchmark \(name); known: prefix-table, country-engine")
    }
}
