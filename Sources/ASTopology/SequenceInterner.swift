import CPrefetch

/// Interns sequences of integers: each distinct sequence stored once in one flat array and given a
/// dense id, found again by its content without allocating. Paths are the use: tens of millions of
/// routes share a few million distinct AS paths, and a dictionary keyed by arrays would spend an
/// allocation and about 80 bytes on each.
///
/// Open addressing with linear probing over a power-of-two table kept at most half full; each entry
/// keeps 32 bits of its hash, so most mismatches are rejected without touching the elements.
struct SequenceInterner<Element: FixedWidthInteger> {
    /// Every sequence's elements, one after another.
    private(set) var elements: [Element] = []
    /// Where each sequence starts in `elements`; one more entry than sequences.
    private(set) var starts: [Int32] = [0]
    private var hashes: [UInt32] = []
    /// Sequence id + 1 per slot; 0 is an empty slot.
    private var slots: [Int32] = Array(repeating: 0, count: 1 << 10)

    /// The number of distinct sequences.
    var count: Int { starts.count - 1 }

    /// Whether another sequence of `length` elements still fits the 32-bit offsets.
    func canAdd(length: Int) -> Bool {
        elements.count + length < Int(Int32.max) && count < Int(Int32.max) - 1
    }

    /// The elements of sequence `id`.
    subscript(id: Int32) -> ArraySlice<Element> {
        elements[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])]
    }

    /// The last element of sequence `id` (sequences are never empty here).
    func last(of id: Int32) -> Element {
        elements[Int(starts[Int(id) + 1]) - 1]
    }

    static func hash(_ sequence: UnsafeBufferPointer<Element>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(sequence.count)
        for element in sequence {
            hash = (hash ^ UInt64(truncatingIfNeeded: element)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 31
        }
        return hash
    }

    /// The id of `sequence`, when it has been interned.
    func find(_ sequence: UnsafeBufferPointer<Element>, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let short = UInt32(truncatingIfNeeded: hash >> 32)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == short {
                let start = Int(starts[id]), end = Int(starts[id + 1])
                if end - start == sequence.count {
                    let equal = elements.withUnsafeBufferPointer { stored in
                        var index = 0
                        while index < sequence.count, stored[start + index] == sequence[index] { index += 1 }
                        return index == sequence.count
                    }
                    if equal { return Int32(id) }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Asks for the slot where the search for `hash` starts to be brought into the cache.
    func prefetchSlot(for hash: UInt64) {
        slots.withUnsafeBufferPointer { slots in
            if let base = slots.baseAddress { chokepoint_prefetch(base + (Int(truncatingIfNeeded: hash) & (slots.count - 1))) }
        }
    }

    /// Asks for the entry that slot names, when it names one (its stored hash and where its
    /// elements start), and gives the entry's id: the second step, once the slot is in cache.
    func prefetchEntry(for hash: UInt64) -> Int32? {
        let entry = slots[Int(truncatingIfNeeded: hash) & (slots.count - 1)]
        guard entry > 0 else { return nil }
        let id = Int(entry - 1)
        hashes.withUnsafeBufferPointer { if let base = $0.baseAddress { chokepoint_prefetch(base + id) } }
        starts.withUnsafeBufferPointer { if let base = $0.baseAddress { chokepoint_prefetch(base + id) } }
        return Int32(id)
    }

    /// Asks for sequence `id`'s elements: the third step, once where they start is in cache.
    func prefetchElements(of id: Int32) {
        let start = Int(starts[Int(id)])
        elements.withUnsafeBufferPointer { if let base = $0.baseAddress, start < $0.count { chokepoint_prefetch(base + start) } }
    }

    /// The id of `sequence`, interning it when new (the caller checks `canAdd` first).
    mutating func intern(_ sequence: UnsafeBufferPointer<Element>) -> (id: Int32, inserted: Bool) {
        intern(sequence, hash: Self.hash(sequence))
    }

    /// The id of `sequence`, whose hash is `hash`, interning it when new.
    mutating func intern(_ sequence: UnsafeBufferPointer<Element>, hash: UInt64) -> (id: Int32, inserted: Bool) {
        if let found = find(sequence, hash: hash) { return (found, false) }
        let id = Int32(count)
        elements.append(contentsOf: sequence)
        starts.append(Int32(elements.count))
        hashes.append(UInt32(truncatingIfNeeded: hash >> 32))
        if count * 2 > slots.count { grow() } else { place(id, hash: hash) }
        return (id, true)
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = Array(unsafeUninitializedCapacity: capacity) { buffer, count in
            // Before the first touch: every lookup of a full table starts at a random slot of a
            // table of up to 64 MB, and with 4 kB pages each also missed the TLB.
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: 0)
            count = capacity
        }
        for id in 0..<count {
            let hash = elements.withUnsafeBufferPointer { stored in
                Self.hash(UnsafeBufferPointer(rebasing: stored[Int(starts[id])..<Int(starts[id + 1])]))
            }
            place(Int32(id), hash: hash)
        }
    }

    /// Gives the flat arrays up, leaving the interner empty.
    mutating func takeStorage() -> (elements: [Element], starts: [Int32]) {
        let taken = (elements, starts)
        self = SequenceInterner()
        return taken
    }
}
