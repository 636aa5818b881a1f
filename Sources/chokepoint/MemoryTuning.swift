import CMalloc

/// Process-wide settings of the C allocator, made before any thread starts.
enum MemoryTuning {
    /// One malloc arena for every thread. glibc gives each thread that allocates at once an arena
    /// of its own and keeps what is freed there for that arena: a ranking's worker threads each
    /// kept the high-water mark of the largest countries they had analysed, so the peak was their
    /// sum. Measured, alternating the builds: a full ranking at P=40 536-552 MB against 625-668 MB
    /// (two arenas: 609-615 MB), in the same time; at P=120 1,193-1,196 MB against 1,249-1,289 MB
    /// and 4% slower (9.66-9.88 s against 9.33-9.47 s: the shared arena's lock); a cold P=40
    /// `compare` 511-513 MB against 529-531 MB, no slower.
    static func apply() {
        _ = chokepoint_single_malloc_arena()
    }
}
