import Foundation
import InternetAddresses
import PrefixMatching

/// Builds a longest-prefix-match table from a million prefixes and looks up ten million addresses.
enum PrefixTableBenchmark {
    static func run(prefixCount: Int = 1_000_000, lookupCount: Int = 10_000_000) {
        var random = SplitMix(seed: 42)
        // Lengths distributed roughly as in a 2014 routing table: mostly /24, many /16-/23.
        let lengths: [UInt8] = [24, 24, 24, 24, 24, 24, 23, 22, 22, 21, 20, 19, 18, 17, 16, 16, 14, 12, 8]
        var prefixes: [IPPrefix] = []
        prefixes.reserveCapacity(prefixCount)
        for _ in 0..<prefixCount {
            let length = lengths[Int(random.next() % UInt64(lengths.count))]
            prefixes.append(IPPrefix(address: .v4(UInt32(truncatingIfNeeded: random.next())), length: length))
        }
        let clock = ContinuousClock()
        var table = PrefixTable<UInt32>.Builder().build()
        let buildTime = clock.measure {
            var builder = PrefixTable<UInt32>.Builder()
            builder.reserveCapacity(prefixCount)
            for (index, prefix) in prefixes.enumerated() {
                builder.insert(prefix, value: UInt32(index))
            }
            table = builder.build()
        }
        var addresses = [UInt32](repeating: 0, count: lookupCount)
        for index in 0..<lookupCount { addresses[index] = UInt32(truncatingIfNeeded: random.next()) }
        var found = 0
        var checksum: UInt32 = 0
        let lookupTime = clock.measure {
            for address in addresses {
                if let value = table.value(forIPv4: address) {
                    found += 1
                    checksum &+= value
                }
            }
        }
        let buildSeconds = seconds(buildTime)
        let lookupSeconds = seconds(lookupTime)
        print("prefix table: \(prefixCount) IPv4 prefixes -> \(table.intervalCount) intervals")
        print("  build:   \(format(buildSeconds)) s (target under 1 s)")
        print("  lookups: \(lookupCount) in \(format(lookupSeconds)) s = \(format(Double(lookupCount) / lookupSeconds / 1e6)) M/s on one core (target at least 10 M/s); \(found) matched, checksum \(checksum)")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

/// A small deterministic generator, so every run measures the same input.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
