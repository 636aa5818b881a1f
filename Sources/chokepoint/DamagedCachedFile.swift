import ASTopology
import Decompression
import MRT
import PublicArchives

#if canImport(Glibc)
import Glibc
#endif

/// An input from the download cache that turned out damaged when read, and was removed from the
/// cache so that the next run downloads it anew rather than failing on it again.
struct DamagedCachedFile: Error, CustomStringConvertible {
    /// The error reading the file gave.
    var underlying: any Error
    /// The cached file, now removed.
    var path: String

    /// Removes the file `error` is about when it is damage (not a missing file) in `catalog`'s cache;
    /// nil when the error is of another kind or the file is not cached.
    init?(_ error: any Error, catalog: ArchiveCatalog) {
        let file: String
        switch error {
        case let error as MRTError:
            if case .input(let input) = error.reason, case .cannotOpen = input.reason { return nil }
            file = error.file
        case let error as TopologyLoadError:
            file = error.file
        case let error as InputError:
            switch error.reason {
            case .corruptCompressedData, .truncatedCompressedData, .lineTooLong: file = error.file
            default: return nil
            }
        default:
            return nil
        }
        guard catalog.isCached(file), unlink(file) == 0 else { return nil }
        underlying = error
        path = file
    }

    var description: String {
        "\(underlying); the damaged copy was removed from the cache: run the command again to download it anew"
    }
}
