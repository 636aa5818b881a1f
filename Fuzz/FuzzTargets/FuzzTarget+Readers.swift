import ASTopology
import CaseStudies
import Decompression
import Foundation
import InternetAddresses
import MRT
import ReferenceData

extension FuzzTarget {
    static func readMRT(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let typed = MRTReader(source: MemoryByteSource(bytes, name: "fuzz input"), recovers: true, bufferCapacity: 1 << 16)
        while let record = try? typed.next() {
            _ = typed.routeElements(of: record).count
        }
        let fast = MRTReader(source: MemoryByteSource(bytes, name: "fuzz input"), recovers: true, bufferCapacity: 1 << 16)
        var routes = 0
        try? fast.forEachPathObservation { observation in routes += observation.path.asns.count }
        _ = try? fast.requireRecords()
    }

    static func readMaxMind(_ path: String) {
        guard let database = try? MaxMindDatabase(path: path) else { return }
        for text in ["1.2.3.4", "175.45.176.1", "255.255.255.255", "2001:db8::1", "::1"] {
            if let address = IPAddress(text) {
                _ = try? database.lookup(address)
                _ = try? database.country(for: address)
            }
        }
        _ = try? database.countryNetworks()
    }

    func readText(_ path: String) {
        switch self {
        case .delegated: _ = try? DelegationFile.read(path)
        case .pfx2as: _ = try? PrefixToASFile.read(path)
        case .asRel: _ = try? ASRelationships.read(path)
        case .tor: _ = try? TorGeoIPFile.read(path)
        case .asNames: _ = try? ASNamesFile.read(path)
        case .asOrg: _ = try? ASOrganizationsFile.read(path)
        default: break
        }
    }

    static func readCaseManifest(_ path: String) {
        guard let study = try? CaseStudy.load(path) else { return }
        _ = study.data.entries.count
    }

    /// The input is a snapshot without its digest: the digest (the snapshot's checksum is the same
    /// 64-bit digest as `FileFingerprint`'s) is appended, so that mutations reach the decoder rather
    /// than stopping at the checksum. The key is taken from where the writer puts it.
    static func readSnapshot(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let keyStart = 20 + 4 + 8
        guard bytes.count >= keyStart else { return }
        let length = bytes[24..<32].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard (0...64).contains(length), bytes.count >= keyStart + length else { return }
        let key = String(decoding: bytes[keyStart..<keyStart + length], as: UTF8.self)
        // The key names the file: keep it a plain name.
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) }) else { return }
        let directory = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
            + "/chokepoint-fuzz-snapshots-\(getpid())"
        let cache = TopologyCache(directory: directory)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var digest = FileFingerprint(bytes: bytes).digest.littleEndian
        let sealed = bytes + withUnsafeBytes(of: &digest) { Array($0) }
        guard FileManager.default.createFile(atPath: cache.path(for: key), contents: Data(sealed)) else { return }
        defer { try? FileManager.default.removeItem(atPath: cache.path(for: key)) }
        if let (topology, _) = cache.snapshot(for: key) {
            _ = topology.paths.count
        }
    }
}

