#if canImport(Glibc)
import Glibc
#endif

/// Marks a cache file as used now, so that pruning (least recently used first) keeps what serves.
///
/// The modification time is the mark: access times are not kept by every mount (`noatime`, and
/// `relatime` updates them once a day at most). A cache file's name is its key and its content is
/// checked by digest when read, so its times mean nothing else.
public enum CacheFileUse {
    /// Sets `path`'s access and modification times to now; a failure (a read-only cache) only
    /// leaves the file looking older.
    public static func mark(_ path: String) {
        _ = utimensat(AT_FDCWD, path, nil, 0)
    }
}
