import ASTopology
import ChokepointTestSupport
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
    case "fanout":
        // fanout INPUT OUTPUT PEERS [none|gzip|bzip2] [UNIX-TIME]: a synthetic RIB for the scale benchmark
        // and the cluster test (which dates its files).
        let rest = Array(arguments.dropFirst())
        guard rest.count >= 3, let peers = Int(rest[2]), (1...4095).contains(peers) else {
            print("usage: ChokepointBenchmarks fanout INPUT OUTPUT PEERS [none|gzip|bzip2] [UNIX-TIME]")
            exit(2)
        }
        let compressions: [String: RIBWriter.Compression] = ["none": .none, "gzip": .gzip, "bzip2": .bzip2Parallel]
        guard let compression = rest.count > 3 ? compressions[rest[3]] : RIBWriter.Compression.none else {
            print("fanout: the compression must be none, gzip or bzip2, not \(rest[3])")
            exit(2)
        }
        do {
            let timestamp = rest.count > 4 ? UInt32(rest[4]) : 1_401_487_200
            guard let timestamp else {
                print("fanout: the time must be seconds since 1970, not \(rest[4])")
                exit(2)
            }
            let summary = try RIBFanOut.write(input: rest[0], output: rest[1], peers: peers, compression: compression, timestamp: timestamp)
            print("fanout: template AS\(summary.templateAS) (\(summary.templateRoutes) routes); \(summary.prefixes) prefixes, "
                  + "\(summary.routes) routes to \(peers) peers; left out: \(summary.setPathsLeftOut) with sets, "
                  + "\(summary.ownRoutesLeftOut) of the template's own")
        } catch {
            print("fanout: \(error)")
            exit(1)
        }
        exit(0)
    case "load":
        // load READERS COLLECTOR=FILE...: reads MRT files into a topology with READERS files at once.
        let rest = Array(arguments.dropFirst())
        guard rest.count >= 2, let readers = Int(rest[0]), readers >= 1 else {
            print("usage: ChokepointBenchmarks load READERS COLLECTOR=FILE...")
            exit(2)
        }
        let inputs = rest.dropFirst().map { item -> MRTInput in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? MRTInput(path: parts[1], collector: parts[0]) : MRTInput(path: item)
        }
        do {
            let start = Date()
            let (topology, report) = try TopologyLoader.load(mrt: inputs, fileReaders: readers)
            print(String(format: "load: %d files, %d readers: %.2f s; %d routes read, %d kept, %d distinct paths, %d vantage points",
                         inputs.count, readers, Date().timeIntervalSince(start), report.observations, topology.routes.count,
                         topology.paths.count, topology.vantagePoints.count))
        } catch {
            print("load: \(error)")
            exit(1)
        }
        exit(0)
    default:
        print("unknown benchmark \(name); known: prefix-table, country-engine, fanout, load")
    }
}
