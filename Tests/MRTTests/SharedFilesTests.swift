import ChokepointTestSupport
import Foundation
import MRT
import Testing

/// Every MRT file under the shared data, read end to end both ways without a crash, and the fast
/// path agreeing with the typed decoder route for route.
@Suite("every shared MRT file")
struct SharedFilesTests {
    static let files: [String] = (SharedData.files(under: "mirror/data.ris.ripe.net")
        + SharedData.files(under: "mirror/archive.routeviews.org")
        + SharedData.files(under: "samples")
        + SharedData.files(under: "conformance/bgpdump/test_data"))

    @Test("fast path and typed decoder agree", .enabled(if: SharedData.isAvailable, SharedData.skipReason), arguments: files)
    func readsWholeFile(path: String) throws {
        let typed = try MRTReader(path: path)
        var typedRoutes: [String] = []
        while let record = try typed.next() {
            for element in typed.routeElements(of: record) {
                typedRoutes.append("\(element.kind) \(element.peerAS) \(element.prefix) \(element.asPath?.flattened ?? [])")
            }
        }
        let fast = try MRTReader(path: path)
        var fastRoutes: [String] = []
        try fast.forEachPathObservation { observation in
            fastRoutes.append("\(observation.kind) \(observation.peerAS) \(observation.prefix) \(Array(observation.path.asns))")
        }
        #expect(fastRoutes.count == typedRoutes.count)
        #expect(fastRoutes == typedRoutes)
        #expect(fast.report.records == typed.report.records)
        #expect(fast.report.corruptRecords == typed.report.corruptRecords)
    }

    @Test("the shared files are there", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func filesArePresent() {
        #expect(Self.files.count >= 40)
    }
}
