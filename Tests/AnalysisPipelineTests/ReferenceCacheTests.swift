import AnalysisPipeline
import CaseStudies
import ChokepointTestSupport
import Foundation
import Geography
import PrefixMatching
import ReferenceData
import Testing

@Suite("the reference data cache")
struct ReferenceCacheTests {
    private static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "chokepoint-reference-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every part of two readings, compared one by one so that a failure says which.
    private static func expectSame(_ read: ReferenceInputs, _ parsed: ReferenceInputs) {
        #expect(read.warnings == parsed.warnings)
        #expect(read.names == parsed.names)
        #expect(read.organisations.all == parsed.organisations.all)
        #expect(read.organisations.asNames == parsed.organisations.asNames)
        #expect(read.organisations.assignedASes == parsed.organisations.assignedASes)
        let delegations = (read.geography.delegations, parsed.geography.delegations)
        #expect(delegations.0.registeredBlocks == delegations.1.registeredBlocks)
        #expect(delegations.0.addresses.parts == delegations.1.addresses.parts)
        #expect(delegations.0.filledAddresses.parts == delegations.1.filledAddresses.parts)
        #expect(delegations.0.warnings == delegations.1.warnings)
        #expect(delegations.0.filledRecords == delegations.1.filledRecords)
        #expect(read.geography.tables.map(\.source) == parsed.geography.tables.map(\.source))
        #expect(read.geography.tables.map(\.table.parts) == parsed.geography.tables.map(\.table.parts))
    }

    /// The 2014 case's reference files, with MaxMind's database after the registries so that a
    /// table read from a geolocation file is stored too.
    @Test("the 2014 case's reference data read back equal those parsed, part by part", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func roundTrip() throws {
        var data = CaseDataSets(sources: try PreparedAnalysisTests.sources())
        data.asNames = SharedData.path("geo/location-20221029-asnames.csv.gz")
        let source = PrefixGeographySource.chain([.rir, .mmdb(path: SharedData.path("geo/GeoLite2-City-20150303.mmdb"))])
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ReferenceCache(directory: directory, producer: "test")
        let parsed = try ReferenceInputs.read(data, geography: source, cache: cache)
        #expect(parsed.snapshot == nil && parsed.cacheWarning == nil)
        let read = try ReferenceInputs.read(data, geography: source, cache: cache)
        #expect(read.snapshot == cache.key(for: data, geography: source).map(cache.path(for:)))
        Self.expectSame(read, parsed)
        // The parts must hold something for their equality to mean anything.
        #expect(parsed.geography.delegations.registeredBlocks.count > 10_000)
        #expect(parsed.geography.loadedTables.count == 1)
        #expect(parsed.organisations.all.count > 10_000 && parsed.names.count > 10_000)
        #expect(!parsed.geography.delegations.filledRecords.isEmpty, "the case's cut-short ARIN file is filled in")
        // Another geography is another key: the registries alone are not served the MaxMind table.
        #expect(cache.key(for: data, geography: .rir) != cache.key(for: data, geography: source))
        let registries = try ReferenceInputs.read(data, geography: .rir, cache: cache)
        #expect(registries.snapshot == nil && registries.geography.tables.count == 2)
    }

    private static func smallData() throws -> CaseDataSets {
        let delegated = try temporaryFile("""
            2|apnic|20140805|3|19830613|20140804|+1000
            apnic|*|asn|*|1|summary
            apnic|*|ipv4|*|1|summary
            apnic|KP|asn|131279|1|20100101|allocated|A91
            apnic|KP|ipv4|175.45.176.0|1024|20100101|allocated|A91

            """)
        let names = try temporaryFile("131279,Star Joint Venture\n")
        var data = CaseDataSets(delegated: [delegated])
        data.organisations = [delegated]
        data.asNames = names
        return data
    }

    @Test("a damaged or cut file is read as absent, and written anew")
    func damaged() throws {
        let data = try Self.smallData()
        defer { for path in data.delegated + [data.asNames].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: path) } }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ReferenceCache(directory: directory, producer: "test")
        let parsed = try ReferenceInputs.read(data, geography: .rir, cache: cache)
        #expect(parsed.geography.country(of: 131_279) == "KP")
        #expect(parsed.names[131_279] == "Star Joint Venture")
        let key = try #require(cache.key(for: data, geography: .rir))
        let path = cache.path(for: key)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(cache.inputs(for: key, geography: .rir) != nil)
        // Every byte flipped in turn, and every length cut short: never read as sound, never a trap.
        for offset in 0..<whole.count {
            var bytes = whole
            bytes[offset] ^= 0x41
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(cache.inputs(for: key, geography: .rir) == nil, "byte \(offset) flipped")
        }
        for length in stride(from: 0, to: whole.count, by: 7) {
            try whole.prefix(length).write(to: URL(fileURLWithPath: path))
            #expect(cache.inputs(for: key, geography: .rir) == nil, "cut at \(length)")
        }
        let again = try ReferenceInputs.read(data, geography: .rir, cache: cache)
        #expect(again.snapshot == nil)
        let read = try ReferenceInputs.read(data, geography: .rir, cache: cache)
        #expect(read.snapshot == path)
        Self.expectSame(read, parsed)
    }

    @Test("the key follows each file's content and path, and the producer")
    func key() throws {
        let data = try Self.smallData()
        defer { for path in data.delegated + [data.asNames].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: path) } }
        let cache = ReferenceCache(directory: "/nonexistent", producer: "one")
        let first = try #require(cache.key(for: data, geography: .rir))
        #expect(cache.key(for: data, geography: .rir) == first)
        #expect(ReferenceCache(directory: "/nonexistent", producer: "two").key(for: data, geography: .rir) != first)
        let names = try #require(data.asNames)
        try "131279,Star JV\n".write(toFile: names, atomically: true, encoding: .utf8)
        let changed = try #require(cache.key(for: data, geography: .rir))
        #expect(changed != first)
        // The same content under another name: the warnings name the file, so another key.
        let copy = names + ".copy"
        try FileManager.default.copyItem(atPath: names, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var moved = data
        moved.asNames = copy
        #expect(cache.key(for: moved, geography: .rir).map { $0 != changed } == true)
        // A missing names file is a warning of its own, keyed as missing; a missing delegation file has no key.
        moved.asNames = copy + ".absent"
        #expect(cache.key(for: moved, geography: .rir) != nil)
        moved.delegated = [copy + ".absent"]
        #expect(cache.key(for: moved, geography: .rir) == nil)
    }

    @Test("a cache that cannot be written is a warning naming where; the data are read all the same")
    func unwritable() throws {
        let data = try Self.smallData()
        defer { for path in data.delegated + [data.asNames].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: path) } }
        // A directory under a regular file cannot be made.
        let blocker = try temporaryFile("not a directory")
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let cache = ReferenceCache(directory: blocker + "/reference", producer: "test")
        let inputs = try ReferenceInputs.read(data, geography: .rir, cache: cache)
        #expect(inputs.geography.country(of: 131_279) == "KP")
        #expect(inputs.snapshot == nil)
        let warning = try #require(inputs.cacheWarning)
        #expect(warning.contains(blocker + "/reference"), "\(warning)")
    }
}
