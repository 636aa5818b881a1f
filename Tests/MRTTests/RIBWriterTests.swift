import ChokepointTestSupport
import Foundation
import Testing

/// The synthetic RIB writer behind the scale benchmark and the cluster test.
@Suite("RIB writer")
struct RIBWriterTests {
    @Test("a dump that cannot be created names its file and the system's reason", arguments: [RIBWriter.Compression.none, .gzip])
    func missingDirectory(compression: RIBWriter.Compression) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString)").path
        let path = directory + "/absent/rib.mrt"
        let target = compression == .none ? path : path + ".plain"
        do {
            _ = try RIBWriter(path: path, peers: [.init(asn: 64_496, address: 0xC000_0201)], compression: compression)
            Issue.record("a dump in a missing directory was created")
        } catch {
            #expect("\(error)" == "\(target): cannot be created: No such file or directory")
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
