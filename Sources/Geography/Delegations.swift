import InternetAddresses
import PrefixMatching
import ReferenceData

/// The RIR delegation files of all registries merged: which country each AS number and each
/// address block was given to.
public struct Delegations: Sendable {
    private struct ASBlock: Sendable {
        var first: UInt32
        var last: UInt32
        var registration: ASRegistration
    }

    private let asBlocks: [ASBlock]
    /// Delegated address ranges and their countries.
    public let addresses: PrefixTable<CountryCode>
    /// Address ranges taken from a second file of a registry whose first file was cut short: only
    /// blocks past the first file's break, flagged apart so that what they place can be counted.
    public let filledAddresses: PrefixTable<CountryCode>
    /// Warnings from the files (such as a file shorter than its summary says), and what was filled.
    public let warnings: [String]
    /// How many records were filled in from second files, by type.
    public let filledRecords: [String: Int]

    /// Merges the delegated (allocated or assigned) records of `files`. When two files of one
    /// registry are given and the first is cut short (fewer records than its summary declares), the
    /// second fills in the records the first lacks past its break: for each type short, the second
    /// file's blocks starting beyond the first file's last one. A second file of a registry whose
    /// first is whole is not used.
    public init(files: [DelegationFile.Contents]) {
        var blocks: [ASBlock] = []
        var builder = PrefixTable<CountryCode>.Builder()
        var fillBuilder = PrefixTable<CountryCode>.Builder()
        var warnings = files.flatMap(\.warnings)
        var filled: [String: Int] = [:]
        var primaries: [String: DelegationFile.Contents] = [:]
        func add(_ record: DelegationRecord, fill: Bool) {
            guard record.isDelegated, let country = record.country else { return }
            switch record.resource {
            case .asns(let first, let count):
                let last = UInt32(min(UInt64(first) + UInt64(count) - 1, UInt64(UInt32.max)))
                blocks.append(ASBlock(first: first, last: last,
                                      registration: ASRegistration(country: country, registry: record.registry,
                                                                   organisation: record.opaqueID, filled: fill)))
            case .addresses(let range):
                if fill { fillBuilder.insert(range, value: country) } else { builder.insert(range, value: country) }
            }
        }
        for file in files {
            guard let primary = primaries[file.registry], !file.registry.isEmpty else {
                primaries[file.registry] = file
                for record in file.records { add(record, fill: false) }
                continue
            }
            guard DelegationFile.isTruncated(primary) else {
                warnings.append("\(file.path): a second \(file.registry) file, not used: \(primary.path) is whole")
                continue
            }
            // The break: the last block of each type the cut-short file holds.
            var breaks: [String: IPAddress] = [:]
            var lastAS: UInt32?
            for record in primary.records {
                switch record.resource {
                case .asns(let first, _): lastAS = max(lastAS ?? first, first)
                case .addresses(let range):
                    let key = range.first.family == .ipv4 ? "ipv4" : "ipv6"
                    if let known = breaks[key], known >= range.first { continue }
                    breaks[key] = range.first
                }
            }
            let short = Set(primary.summaryCounts.keys.filter { type in
                primary.records.filter { Self.type(of: $0) == type }.count < primary.summaryCounts[type, default: 0]
            })
            var count: [String: Int] = [:]
            for record in file.records {
                let type = Self.type(of: record)
                guard short.contains(type), record.isDelegated else { continue }
                switch record.resource {
                case .asns(let first, _):
                    guard lastAS.map({ first > $0 }) ?? true else { continue }
                case .addresses(let range):
                    guard breaks[type].map({ range.first > $0 }) ?? true else { continue }
                }
                add(record, fill: true)
                count[type, default: 0] += 1
            }
            for (type, number) in count { filled[type, default: 0] += number }
            warnings.append("\(primary.path) is cut short: \(count.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")) "
                            + "records past its break filled in from \(file.path), flagged as such")
        }
        asBlocks = blocks.sorted { $0.first < $1.first }
        addresses = builder.build()
        filledAddresses = fillBuilder.build()
        self.warnings = warnings
        filledRecords = filled
    }

    /// One block of AS numbers and its registration.
    public struct RegisteredBlock: Hashable, Sendable {
        /// The first AS number.
        public var first: UInt32
        /// The last AS number (inclusive).
        public var last: UInt32
        /// Its registration.
        public var registration: ASRegistration

        /// A block from its parts.
        public init(first: UInt32, last: UInt32, registration: ASRegistration) {
            self.first = first
            self.last = last
            self.registration = registration
        }
    }

    /// The registered blocks of AS numbers, by first number: with `addresses`, `filledAddresses`,
    /// `warnings` and `filledRecords`, all the merged delegations hold.
    public var registeredBlocks: [RegisteredBlock] {
        asBlocks.map { RegisteredBlock(first: $0.first, last: $0.last, registration: $0.registration) }
    }

    /// Delegations merged before (their `registeredBlocks`, and the rest), stored and read back;
    /// nil when the blocks are not sorted by first number or one ends before it starts.
    public init?(registeredBlocks: [RegisteredBlock], addresses: PrefixTable<CountryCode>, filledAddresses: PrefixTable<CountryCode>,
                 warnings: [String], filledRecords: [String: Int]) {
        for (index, block) in registeredBlocks.enumerated() {
            guard block.first <= block.last, index == 0 || registeredBlocks[index - 1].first <= block.first else { return nil }
        }
        asBlocks = registeredBlocks.map { ASBlock(first: $0.first, last: $0.last, registration: $0.registration) }
        self.addresses = addresses
        self.filledAddresses = filledAddresses
        self.warnings = warnings
        self.filledRecords = filledRecords
    }

    private static func type(of record: DelegationRecord) -> String {
        switch record.resource {
        case .asns: return "asn"
        case .addresses(let range): return range.first.family == .ipv4 ? "ipv4" : "ipv6"
        }
    }

    /// Reads and merges delegation files.
    public static func load(_ paths: [String]) throws(ReferenceDataError) -> Delegations {
        var files: [DelegationFile.Contents] = []
        for path in paths {
            files.append(try DelegationFile.read(path))
        }
        return Delegations(files: files)
    }

    /// The registration of `asn`, or nil when no RIR delegated it.
    public func registration(of asn: UInt32) -> ASRegistration? {
        var low = 0, high = asBlocks.count
        while low < high {
            let middle = (low + high) / 2
            if asBlocks[middle].first <= asn { low = middle + 1 } else { high = middle }
        }
        guard low > 0, asBlocks[low - 1].last >= asn else { return nil }
        return asBlocks[low - 1].registration
    }

    /// The country `asn` is registered in.
    public func country(of asn: UInt32) -> CountryCode? {
        registration(of: asn)?.country
    }
}
