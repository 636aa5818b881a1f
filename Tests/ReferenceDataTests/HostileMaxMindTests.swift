import ChokepointTestSupport
import Foundation
import InternetAddresses
import ReferenceData
import Testing

/// MaxMind databases built to attack the reader: impossible tree sizes, pointers that fan out,
/// and search trees that point back on themselves. Each must be refused or walked in bounded time.
@Suite("hostile MaxMind DB")
struct HostileMaxMindTests {
    func write(_ builder: MaxMindFileBuilder) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString).mmdb").path
        try Data(builder.bytes()).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A sound one-node IPv4 database: 0.0.0.0/1 holds a record with country KP, 128.0.0.0/1 none.
    func soundDatabase() -> MaxMindFileBuilder {
        var builder = MaxMindFileBuilder()
        builder.data = MaxMindFileBuilder.encode(.map([("country", .map([("iso_code", .string("KP"))]))]))
        builder.nodes = [(left: 1 + 16, right: 1)]
        return builder
    }

    @Test("the sound database reads, so the hostile ones below differ from it only in what they attack")
    func sound() throws {
        let database = try MaxMindDatabase(path: try write(soundDatabase()))
        #expect(try database.country(for: IPAddress("10.0.0.1")!).country == "KP")
        #expect(try database.countryNetworks().map(\.prefix) == [IPPrefix("0.0.0.0/1")!])
    }

    @Test("node counts of UInt32.max and 2^61 are refused before any arithmetic")
    func impossibleNodeCounts() throws {
        for count in [MaxMindFileBuilder.Value.uint32(.max), .uint64(1 << 61), .uint64(.max)] {
            var builder = soundDatabase()
            builder.metadata = [("node_count", count)]
            let error = #expect(throws: ReferenceDataError.self) { try MaxMindDatabase(path: try write(builder)) }
            #expect(error?.message.contains("larger than the file") == true, "\(error?.message ?? "")")
        }
    }

    /// Forty levels of maps, each holding two pointers to the next: 2^40 values from under 500 bytes.
    static func fanOut(levels: Int) -> [UInt8] {
        var section: [UInt8] = []
        var offsets: [Int] = []
        var next: Int?
        for _ in 0..<levels {
            let value: MaxMindFileBuilder.Value = next.map { .map([("a", .pointer($0)), ("b", .pointer($0))]) } ?? .map([("x", .string("y"))])
            offsets.append(section.count)
            next = section.count
            section += MaxMindFileBuilder.encode(value)
        }
        return section
    }

    @Test("a data record whose maps point twice to the next level, 40 deep, is refused")
    func fanOutInData() throws {
        var builder = MaxMindFileBuilder()
        let section = Self.fanOut(levels: 40)
        builder.data = section
        let top = section.count - MaxMindFileBuilder.encode(.map([("a", .pointer(0)), ("b", .pointer(0))])).count
        builder.nodes = [(left: 1 + 16 + top, right: 1)]
        let path = try write(builder)
        #expect(builder.bytes().count < 1000)
        let database = try MaxMindDatabase(path: path)
        let started = Date()
        let error = #expect(throws: ReferenceDataError.self) { try database.lookup(IPAddress("10.0.0.1")!) }
        #expect(error?.message.contains("pointers fan out") == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("metadata that fans out the same way is refused when the file is opened")
    func fanOutInMetadata() throws {
        // Metadata pointers are relative to the metadata map's start: the fan-out follows the map.
        let section = Self.fanOut(levels: 40)
        let top = section.count - MaxMindFileBuilder.encode(.map([("a", .pointer(0)), ("b", .pointer(0))])).count
        var builder = soundDatabase()
        builder.metadata = [("description", .pointer(0))]
        let mapLength = builder.metadataMap().count
        builder.metadata = [("description", .pointer(mapLength + top))]
        builder.metadataSuffix = Self.shiftPointers(section, by: mapLength)
        #expect(builder.metadataMap().count == mapLength)
        let path = try write(builder)
        let started = Date()
        let error = #expect(throws: ReferenceDataError.self) { try MaxMindDatabase(path: path) }
        #expect(error?.message.contains("pointers fan out") == true, "\(error?.message ?? "")")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// The fan-out section with every 4-byte pointer moved `distance` bytes on.
    static func shiftPointers(_ section: [UInt8], by distance: Int) -> [UInt8] {
        var bytes = section
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(1 << 5 | 3 << 3), index + 4 < bytes.count {
                let old = Int(bytes[index + 1]) << 24 | Int(bytes[index + 2]) << 16 | Int(bytes[index + 3]) << 8 | Int(bytes[index + 4])
                let new = old + distance
                bytes[index + 1] = UInt8(new >> 24 & 0xFF)
                bytes[index + 2] = UInt8(new >> 16 & 0xFF)
                bytes[index + 3] = UInt8(new >> 8 & 0xFF)
                bytes[index + 4] = UInt8(new & 0xFF)
                index += 5
            } else {
                index += 1
            }
        }
        return bytes
    }

    @Test("search trees whose records point back to earlier nodes are walked in bounded time", arguments: [4, 6])
    func cyclicTree(ipVersion: Int) throws {
        var builder = soundDatabase()
        builder.ipVersion = ipVersion
        // Node 1 points back to node 0 on both sides, node 0 to node 1: without a bound the walk
        // follows 2^width paths.
        builder.nodes = [(left: 1, right: 1), (left: 0, right: 0)]
        let database = try MaxMindDatabase(path: try write(builder))
        let started = Date()
        let networks = try database.countryNetworks()
        #expect(networks.isEmpty)
        #expect(Date().timeIntervalSince(started) < 5)
        // Lookups are bounded by the address length, and a walk that ends inside the tree is an error.
        let error = #expect(throws: ReferenceDataError.self) { try database.country(for: IPAddress("10.0.0.1")!) }
        #expect(error?.message.contains("ends inside the tree") == true)
    }
}
