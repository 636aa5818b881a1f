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
    /// Warnings from the files (such as a file shorter than its summary says).
    public let warnings: [String]

    /// Merges the delegated (allocated or assigned) records of `files`.
    public init(files: [DelegationFile.Contents]) {
        var blocks: [ASBlock] = []
        var builder = PrefixTable<CountryCode>.Builder()
        for file in files {
            for record in file.records where record.isDelegated {
                guard let country = record.country else { continue }
                switch record.resource {
                case .asns(let first, let count):
                    let last = UInt32(min(UInt64(first) + UInt64(count) - 1, UInt64(UInt32.max)))
                    blocks.append(ASBlock(first: first, last: last,
                                          registration: ASRegistration(country: country, registry: record.registry,
                                                                       organisation: record.opaqueID)))
                case .addresses(let range):
                    builder.insert(range, value: country)
                }
            }
        }
        asBlocks = blocks.sorted { $0.first < $1.first }
        addresses = builder.build()
        warnings = files.flatMap(\.warnings)
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
