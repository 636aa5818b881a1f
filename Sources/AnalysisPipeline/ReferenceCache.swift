import ASTopology
import CaseStudies
import Decompression
import Foundation
import Geography
import PrefixMatching
import ReferenceData

/// The reference data of an analysis (delegations merged, the prefix geography's tables,
/// organisations, AS names and their warnings) kept as one binary file per set of inputs, so that
/// a run reads it instead of parsing and merging the registries' files again: about 2 CPU-seconds
/// of every run before, against some tens of milliseconds.
///
/// The key holds every reference file's path (the warnings name them), length and content digest,
/// the geography sources, the format and the build that wrote it: a changed file, or a new build
/// whose parsing may differ, never gets a stale answer.
public struct ReferenceCache: Sendable {
    /// Where the files are kept.
    public var directory: String
    /// What wrote them (the tool's version and commit): part of every key.
    public var producer: String
    /// The reference files' fingerprints remembered, when anywhere.
    public var memo: FingerprintMemo?

    static let formatVersion: UInt32 = 1
    private static let magic = Array("CPREF".utf8)

    /// A cache in `directory` (created when the first file is written), keyed also by `producer`,
    /// with the files' fingerprints remembered in `memo` when given.
    public init(directory: String, producer: String, memo: FingerprintMemo? = nil) {
        self.directory = directory
        self.producer = producer
        self.memo = memo
    }

    /// The key of the reference data `data` names, placed by `source`; nil when a file cannot be
    /// read (reading it for the analysis then says why).
    public func key(for data: CaseDataSets, geography source: PrefixGeographySource) -> String? {
        var description = "format \(Self.formatVersion)\nproducer \(producer)\ngeography \(source)\n"
        var files: [(role: String, path: String)] = data.delegated.map { ("delegated", $0) } + data.organisations.map { ("organisations", $0) }
        if let names = data.asNames { files.append(("names", names)) }
        for member in source.members {
            switch member {
            case .mmdb(let path): files.append(("mmdb", path))
            case .tor(let paths): files += paths.map { ("tor", $0) }
            case .rir, .rirFill, .chain: break
            }
        }
        for file in files {
            // A missing names file is a warning, not a failure: its absence is part of the key.
            if file.role == "names", !FileManager.default.fileExists(atPath: file.path) {
                description += "names missing \(file.path.utf8.count):\(file.path)\n"
                continue
            }
            guard let fingerprint = try? memo?.fingerprint(of: file.path) ?? FileFingerprint(path: file.path) else { return nil }
            description += "\(file.role) \(file.path.utf8.count):\(file.path) \(fingerprint.length) \(fingerprint)\n"
        }
        return FileFingerprint(bytes: Array(description.utf8)).description
    }

    /// Where the file for `key` lives.
    public func path(for key: String) -> String {
        (directory as NSString).appendingPathComponent("reference-\(key).snapshot")
    }

    /// The reference data stored for `key`, when a whole, sound file holds them.
    public func inputs(for key: String, geography source: PrefixGeographySource) -> ReferenceInputs? {
        guard var reader = SnapshotReader(path: path(for: key)) else { return nil }
        do throws(SnapshotReader.Damaged) {
            for byte in Self.magic where try reader.read(UInt8.self) != byte { return nil }
            guard try reader.read(UInt32.self) == Self.formatVersion, try reader.readString() == key,
                  let delegations = try Self.readDelegations(from: &reader) else { return nil }
            var loaded: [PrefixTable<CountryCode>] = []
            for _ in 0..<(try reader.count(elementSize: 8)) {
                guard let table = try Self.readTable(from: &reader) else { return nil }
                loaded.append(table)
            }
            guard let geography = Geography(delegations: delegations, source: source, loadedTables: loaded),
                  let organisations = try Self.readOrganisations(from: &reader),
                  let names = try Self.readNames(from: &reader) else { return nil }
            let warnings = try Self.readStrings(from: &reader)
            // Trusted only once every byte is read and matches the digest stored after them.
            guard reader.isSound() else { return nil }
            CacheFileUse.mark(path(for: key))
            return ReferenceInputs(geography: geography, organisations: organisations, names: names, warnings: warnings)
        } catch {
            return nil
        }
    }

    /// Stores `inputs` for `key`, under a temporary name renamed when whole.
    public func store(_ inputs: ReferenceInputs, for key: String) throws(SnapshotWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SnapshotWriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        PartialFile.removeStale(in: directory, now: Date())
        try SnapshotWriter.writeFile(at: path(for: key)) { writer in
            for byte in Self.magic { writer.write(byte) }
            writer.write(Self.formatVersion)
            writer.write(key)
            Self.write(inputs.geography.delegations, to: &writer)
            let loaded = inputs.geography.loadedTables
            writer.write(UInt64(loaded.count))
            for table in loaded { Self.write(table, to: &writer) }
            Self.write(inputs.organisations, to: &writer)
            Self.write(inputs.names, to: &writer)
            Self.write(inputs.warnings, to: &writer)
        }
    }
}

extension ReferenceCache {
    // Strings are stored as one array of lengths and one of bytes: a few hundred thousand of them
    // (names, organisation ids) read back without a length check and a copy apiece.
    static func write(_ strings: [String], to writer: inout SnapshotWriter) {
        var lengths: [UInt32] = []
        var bytes: [UInt8] = []
        lengths.reserveCapacity(strings.count)
        for string in strings {
            let before = bytes.count
            bytes.append(contentsOf: string.utf8)
            lengths.append(UInt32(clamping: bytes.count - before))
        }
        writer.write(lengths)
        writer.write(bytes)
    }

    static func readStrings(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> [String] {
        let lengths = try reader.readArray(UInt32.self)
        let bytes = try reader.readArray(UInt8.self)
        guard total(lengths) == bytes.count else { throw SnapshotReader.Damaged(offset: reader.offset) }
        return bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            return lengths.map { length in
                defer { start += Int(length) }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(start + Int(length))]), as: UTF8.self)
            }
        }
    }

    /// The sum of `counts`, nil when it overflows (a damaged file's counts may).
    static func total(_ counts: [UInt32]) -> Int? {
        var sum = 0
        for count in counts {
            let (next, overflow) = sum.addingReportingOverflow(Int(count))
            guard !overflow else { return nil }
            sum = next
        }
        return sum
    }

    static func write(_ table: PrefixTable<CountryCode>, to writer: inout SnapshotWriter) {
        let parts = table.parts
        writer.write(parts.values.map(\.rawValue))
        writer.write(parts.ipv4Starts)
        writer.write(parts.ipv4Ends)
        writer.write(parts.ipv4ValueIndices)
        writer.write(parts.ipv6Starts)
        writer.write(parts.ipv6Ends)
        writer.write(parts.ipv6ValueIndices)
    }

    static func readTable(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> PrefixTable<CountryCode>? {
        let codes = try reader.readArray(UInt16.self)
        let values = codes.compactMap(CountryCode.init(rawValue:))
        guard values.count == codes.count else { return nil }
        return PrefixTable(parts: PrefixTable.Parts(
            values: values, ipv4Starts: try reader.readArray(), ipv4Ends: try reader.readArray(), ipv4ValueIndices: try reader.readArray(),
            ipv6Starts: try reader.readArray(), ipv6Ends: try reader.readArray(), ipv6ValueIndices: try reader.readArray()))
    }

    static func write(_ delegations: Delegations, to writer: inout SnapshotWriter) {
        let blocks = delegations.registeredBlocks
        writer.write(blocks.map(\.first))
        writer.write(blocks.map(\.last))
        writer.write(blocks.map(\.registration.country.rawValue))
        write(blocks.map(\.registration.registry), to: &writer)
        write(blocks.map { $0.registration.organisation ?? "" }, to: &writer)
        writer.write(blocks.map { UInt8($0.registration.filled ? 1 : 0) | UInt8($0.registration.organisation == nil ? 0 : 2) })
        write(delegations.addresses, to: &writer)
        write(delegations.filledAddresses, to: &writer)
        write(delegations.warnings, to: &writer)
        let filled = delegations.filledRecords.sorted { $0.key < $1.key }
        write(filled.map(\.key), to: &writer)
        writer.write(filled.map { UInt64($0.value) })
    }

    static func readDelegations(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> Delegations? {
        let firsts = try reader.readArray(UInt32.self)
        let lasts = try reader.readArray(UInt32.self)
        let countries = try reader.readArray(UInt16.self)
        let registries = try readStrings(from: &reader)
        let organisations = try readStrings(from: &reader)
        let flags = try reader.readArray(UInt8.self)
        guard [lasts.count, countries.count, registries.count, organisations.count, flags.count].allSatisfy({ $0 == firsts.count }) else { return nil }
        var blocks: [Delegations.RegisteredBlock] = []
        blocks.reserveCapacity(firsts.count)
        for index in firsts.indices {
            guard let country = CountryCode(rawValue: countries[index]) else { return nil }
            let registration = ASRegistration(country: country, registry: registries[index],
                                              organisation: flags[index] & 2 == 0 ? nil : organisations[index], filled: flags[index] & 1 != 0)
            blocks.append(Delegations.RegisteredBlock(first: firsts[index], last: lasts[index], registration: registration))
        }
        guard let addresses = try readTable(from: &reader), let filledAddresses = try readTable(from: &reader) else { return nil }
        let warnings = try readStrings(from: &reader)
        let filledTypes = try readStrings(from: &reader)
        let filledCounts = try reader.readArray(UInt64.self)
        guard filledTypes.count == filledCounts.count, filledCounts.allSatisfy({ $0 <= UInt64(Int.max) }) else { return nil }
        let filledRecords = Dictionary(zip(filledTypes, filledCounts.map { Int($0) }), uniquingKeysWith: { first, _ in first })
        return Delegations(registeredBlocks: blocks, addresses: addresses, filledAddresses: filledAddresses,
                           warnings: warnings, filledRecords: filledRecords)
    }

    static func write(_ organisations: Organisations, to writer: inout SnapshotWriter) {
        let all = organisations.all
        write(all.map(\.id), to: &writer)
        write(all.map { $0.name ?? "" }, to: &writer)
        writer.write(all.map { UInt8($0.name == nil ? 0 : 1) })
        // 0 is no country: no two letters pack to it.
        writer.write(all.map { $0.country?.rawValue ?? 0 })
        write(all.map(\.source), to: &writer)
        writer.write(all.map { UInt32(clamping: $0.asns.count) })
        writer.write(all.flatMap(\.asns))
        write(organisations.asNames, to: &writer)
    }

    static func readOrganisations(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> Organisations? {
        let ids = try readStrings(from: &reader)
        let names = try readStrings(from: &reader)
        let named = try reader.readArray(UInt8.self)
        let countries = try reader.readArray(UInt16.self)
        let sources = try readStrings(from: &reader)
        let counts = try reader.readArray(UInt32.self)
        let asns = try reader.readArray(UInt32.self)
        guard [names.count, named.count, countries.count, sources.count, counts.count].allSatisfy({ $0 == ids.count }),
              total(counts) == asns.count, let asNames = try readNames(from: &reader) else { return nil }
        var all: [Organisations.Organisation] = []
        all.reserveCapacity(ids.count)
        var start = 0
        for index in ids.indices {
            let country = countries[index] == 0 ? nil : CountryCode(rawValue: countries[index])
            guard countries[index] == 0 || country != nil else { return nil }
            let members = Array(asns[start..<(start + Int(counts[index]))])
            start += Int(counts[index])
            all.append(Organisations.Organisation(id: ids[index], name: named[index] == 0 ? nil : names[index], country: country,
                                                  source: sources[index], asns: members))
        }
        return Organisations(all: all, asNames: asNames)
    }

    static func write(_ names: [UInt32: String], to writer: inout SnapshotWriter) {
        let sorted = names.sorted { $0.key < $1.key }
        writer.write(sorted.map(\.key))
        write(sorted.map(\.value), to: &writer)
    }

    static func readNames(from reader: inout SnapshotReader) throws(SnapshotReader.Damaged) -> [UInt32: String]? {
        let asns = try reader.readArray(UInt32.self)
        let names = try readStrings(from: &reader)
        guard asns.count == names.count else { return nil }
        return Dictionary(zip(asns, names), uniquingKeysWith: { first, _ in first })
    }
}
