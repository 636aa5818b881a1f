#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back large tables read at random with 2 MB pages (transparent huge pages
/// where the system leaves them to `madvise`, as Debian does).
///
/// A random read of a table of tens of megabytes misses the TLB as well as the cache with 4 kB
/// pages: the page walk then comes before the read, and even a prefetch waits for it.
enum HugePages {
    private static let size = 2 << 20

    /// Advises the whole 2 MB pages inside `region`, which is not yet touched; does nothing for a
    /// region smaller than one, or where the kernel refuses.
    static func advise(_ region: UnsafeMutableRawBufferPointer) {
        guard let base = region.baseAddress, region.count >= 2 * size else { return }
        let start = (UInt(bitPattern: base) + UInt(size - 1)) & ~UInt(size - 1)
        let end = (UInt(bitPattern: base) + UInt(region.count)) & ~UInt(size - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)
    }
}
