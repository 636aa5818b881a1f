import ASTopology
import ChokepointTestSupport
import Foundation
import ReferenceData
import Testing

/// The prefix-to-AS files and AS relationships are read on a thread of their own while the routes
/// are: the topology must be the one adding them after the routes, in turn, makes.
@Suite("reference files read beside the routes")
struct ReferenceReadTests {
    /// Entries over the random files' prefixes (10.0.0-59.0/24) and new ones, with multi-origin
    /// entries, AS sets and reserved origins (on prefixes no route has), and a prefix listed twice.
    static let prefixToAS = """
        10.0.3.0\t24\t101
        10.0.4.0\t24\t102_64512
        172.16.5.0\t24\t103,104
        172.16.6.0\t24\t64512
        192.0.2.0\t24\t120_121
        2001:db8::\t32\t122
        10.0.3.0\t24\t105
        198.51.100.0\t24\t23456

        """

    static let relationships = """
        # input clique: 100 101
        100|101|0
        100|110|-1
        101|111|-1
        110|64512|-1
        111|112|0

        """

    @Test("the same topology as adding them after the routes, in turn", arguments: [1, 2])
    func sameAsInTurn(readers: Int) throws {
        let files = try TopologyMergeTests.randomFiles(seed: 7)
        let pfx2as = try temporaryFile(Self.prefixToAS), extra = try temporaryFile("203.0.113.0\t24\t125\n")
        let asRel = try temporaryFile(Self.relationships)
        defer { for path in [pfx2as, extra, asRel] { try? FileManager.default.removeItem(atPath: path) } }

        var inTurn = try TopologyMergeTests.readInTurn(files)
        var entries = 0
        for path in [pfx2as, extra] {
            for entry in try PrefixToASFile.read(path) {
                inTurn.add(entry)
                entries += 1
            }
        }
        let links = try ASRelationships.read(asRel)
        inTurn.add(links)
        let expected = inTurn.build()

        let (loaded, report) = try TopologyLoader.load(mrt: files, prefixToAS: [pfx2as, extra], relationships: asRel,
                                                       fileReaders: readers)
        #expect(try TopologyMergeTests.snapshotBytes(loaded) == TopologyMergeTests.snapshotBytes(expected))
        #expect(report.prefixToASEntries == entries && entries == 9)
        #expect(report.relationshipLinks == links.links.count && links.links.count == 5)
        // Worked out by hand: the sets and the reserved-only entry place no prefix; the prefix
        // listed twice has both origins; a private origin beside a public one is left out.
        let origins = Dictionary(uniqueKeysWithValues: zip(loaded.prefixes.map(\.description), loaded.prefixOrigins))
        #expect(origins["172.16.5.0/24"] == nil && origins["172.16.6.0/24"] == nil && origins["198.51.100.0/24"] == nil)
        #expect(origins["192.0.2.0/24"].map { $0.map { loaded.asns[Int($0)] }.sorted() } == [120, 121])
        #expect(origins["2001:db8::/32"].map { $0.map { loaded.asns[Int($0)] } } == [122])
        #expect(origins["203.0.113.0/24"].map { $0.map { loaded.asns[Int($0)] } } == [125])
        let both = try #require(origins["10.0.3.0/24"]).map { loaded.asns[Int($0)] }
        #expect(both.contains(101) && both.contains(105))
        #expect(try #require(origins["10.0.4.0/24"]).map { loaded.asns[Int($0)] }.contains(102))
        #expect(!loaded.asns.contains(64_512))
    }

    @Test("a bad line is named with its file and line, though read on another thread")
    func badLine() throws {
        let files = try TopologyMergeTests.randomFiles(seed: 8)
        let pfx2as = try temporaryFile("10.0.3.0\t24\t101\n10.0.4.0\t24\t102\n10.0.5.0\t24\tnobody\n")
        defer { try? FileManager.default.removeItem(atPath: pfx2as) }
        #expect { try TopologyLoader.load(mrt: files, prefixToAS: [pfx2as]) } throws: { error in
            "\(error)".contains(pfx2as) && "\(error)".contains("line 3") && "\(error)".contains("origin")
        }
        let missing = pfx2as + ".missing"
        #expect { try TopologyLoader.load(mrt: files, relationships: missing) } throws: { "\($0)".contains(missing) }
    }

    @Test("when the routes fail too, their error is the one given, as when the files were read in turn")
    func routesFirst() throws {
        var files = try TopologyMergeTests.randomFiles(seed: 9)
        let directory = URL(fileURLWithPath: files[0].path).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: directory) }
        let damaged = directory.appendingPathComponent("damaged.mrt").path
        try Data(repeating: 0xFF, count: 4096).write(to: URL(fileURLWithPath: damaged))
        files[1] = MRTInput(path: damaged, collector: "rrc00")
        let pfx2as = directory.appendingPathComponent("bad.pfx2as").path
        try "not a prefix\n".write(toFile: pfx2as, atomically: true, encoding: .utf8)
        for readers in [1, 2] {
            #expect { try TopologyLoader.load(mrt: files, prefixToAS: [pfx2as], fileReaders: readers) } throws: { error in
                "\(error)".contains("damaged.mrt") && !"\(error)".contains("bad.pfx2as")
            }
        }
    }
}
