import CMalloc

/// Process-wide settings of the C allocator, made before any thread starts.
enum MemoryTuning {
    /// One malloc arena for every thread. glibc gives each thread that allocates at once an arena
    /// of its own and keeps what is freed there for that arena: a ranking's worker threads each
    /// kept the high-water mark of the largest countries they had analysed, so the peak was their
    /// sum (a full ranking at P=40: 625-668 MB, against 543-553 MB with one arena, no slower;
    /// two arenas 609-615 MB). The work between threads is in large, long-lived blocks, so the
    /// shared arena's lock is rarely contended.
    static func apply() {
        _ = chokepoint_single_malloc_arena()
    }
}
