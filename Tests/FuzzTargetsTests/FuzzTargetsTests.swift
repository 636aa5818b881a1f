import ChokepointTestSupport
import Foundation
import FuzzTargets
import Testing

/// The fuzz targets run on real inputs from ../shared and on deterministic mutations of them, as a
/// short, repeatable slice of what `make fuzz` does for hours: a target may reject any input, but
/// a trap here fails the whole test run.
@Suite("fuzz targets, replayed")
struct FuzzTargetsTests {
    /// Small real inputs for each target.
    static func seeds(_ target: FuzzTarget) throws -> [[UInt8]] {
        func head(_ relative: String, bytes: Int) throws -> [UInt8] {
            let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.path(relative)))
            return Array(data.prefix(bytes))
        }
        switch target {
        case .mrt:
            // Plain (uncompressed) MRT from the conformance suite: decompress with gzip first.
            return try ["conformance/bgpdump/test_data/updates.20100722.2015.gz", "conformance/bgpdump/test_data/bview.20020722.2337.gz"]
                .map { try Self.gunzip(SharedData.path($0)).prefix(20_000) }.map(Array.init)
        case .maxmind:
            var builder = MaxMindFileBuilder()
            builder.data = MaxMindFileBuilder.encode(.map([("country", .map([("iso_code", .string("KP"))]))]))
            builder.nodes = [(left: 2, right: 1), (left: 2 + 16, right: 2)]
            return [builder.bytes()]
        case .delegated:
            return [try head("mirror/ftp.afrinic.net/pub/stats/afrinic/2014/delegated-afrinic-20140630", bytes: 4000)]
        case .pfx2as:
            return [Array("1.0.0.0\t24\t15169\n5.128.0.0\t14\t31200_50923,65500_50923\n2001:db8::\t32\t64496\n".utf8)]
        case .asRel:
            return [Array("# inferred clique: 174 209\n1|2|-1\n3|4|0|bgp\n".utf8)]
        case .tor:
            return [Array("16777216,16777471,AU\n16777472,16778239,CN\n".utf8), Array("2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP\n".utf8)]
        case .asNames:
            return [Array("asn,name\n4837,\"CHINA UNICOM China169 Backbone\"\n131279,Star JV\n".utf8)]
        case .asOrg:
            return [Array(CAIDASamples.text.utf8), Array(CAIDASamples.jsonLines.utf8)]
        case .caseManifest:
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            return [Array(try Data(contentsOf: packageRoot.appendingPathComponent("examples/north-korea-2014/case.json")))]
        case .snapshot:
            return [Array("CHOKEPOINT TOPOLOGY\n".utf8) + [2, 0, 0, 0] + [4, 0, 0, 0, 0, 0, 0, 0] + Array("abcd".utf8) + [UInt8](repeating: 0, count: 64)]
        }
    }

    static func gunzip(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // A seed that could not be read would leave the target replaying nothing from it.
        guard process.terminationStatus == 0, !data.isEmpty else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
        return data
    }

    @Test("each target on its seeds and 300 mutations of them", .enabled(if: SharedData.isAvailable, SharedData.skipReason),
          arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        var random = SplitMix(seed: UInt64(target.rawValue.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        for seed in try Self.seeds(target) {
            seed.withUnsafeBytes { target.run($0) }
            for _ in 0..<300 {
                var mutated = seed
                for _ in 0..<(1 + Int(random.next() % 8)) where !mutated.isEmpty {
                    let position = Int(random.next() % UInt64(mutated.count))
                    switch random.next() % 4 {
                    case 0: mutated[position] ^= UInt8(1 << (random.next() % 8))
                    case 1: mutated[position] = [0x00, 0xFF, 0x7F, 0x80][Int(random.next() % 4)]
                    case 2: mutated.removeSubrange(position..<min(mutated.count, position + Int(random.next() % 64)))
                    default: mutated.insert(contentsOf: mutated[position..<min(mutated.count, position + 16)], at: position)
                    }
                }
                mutated.withUnsafeBytes { target.run($0) }
            }
        }
    }

    @Test("inputs that once trapped or ran away", arguments: FuzzTarget.allCases)
    func regressions(target: FuzzTarget) {
        for input in FuzzRegressions.inputs[target] ?? [] {
            input.withUnsafeBytes { target.run($0) }
        }
    }
}
