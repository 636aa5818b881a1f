/// Disjoint, sorted address intervals, each pointing at a value: the flattened form of a set of
/// nested prefixes.
@usableFromInline
struct IntervalSet<Address: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    @usableFromInline let starts: [Address]
    @usableFromInline let ends: [Address]
    @usableFromInline let valueIndices: [Int32]

    struct Entry {
        var first: Address
        var last: Address
        var valueIndex: Int32
    }

    /// Flattens nested entries: each address maps to the smallest entry containing it, and among
    /// equal entries to the one added last.
    init(flattening entries: [Entry]) {
        let sorted = entries.enumerated().sorted { lhs, rhs in
            if lhs.element.first != rhs.element.first { return lhs.element.first < rhs.element.first }
            if lhs.element.last != rhs.element.last { return lhs.element.last > rhs.element.last }
            return lhs.offset < rhs.offset
        }.map(\.element)
        var starts: [Address] = [], ends: [Address] = [], indices: [Int32] = []
        starts.reserveCapacity(sorted.count * 2)
        ends.reserveCapacity(sorted.count * 2)
        indices.reserveCapacity(sorted.count * 2)
        func emit(_ first: Address, _ last: Address, _ index: Int32) {
            if let previousEnd = ends.last, let previousIndex = indices.last,
               previousIndex == index, previousEnd != Address.max, previousEnd + 1 == first {
                ends[ends.count - 1] = last
            } else {
                starts.append(first)
                ends.append(last)
                indices.append(index)
            }
        }
        var stack: [Entry] = []
        // `cursor` is the first address not yet emitted; `exhausted` marks having emitted Address.max.
        var cursor: Address = 0
        var exhausted = false
        func close(upTo limit: Address?) {
            // Emit and pop every open entry that ends before `limit` (all of them when nil).
            while let top = stack.last, limit.map({ top.last < $0 }) ?? true {
                stack.removeLast()
                if !exhausted && cursor <= top.last {
                    emit(cursor, top.last, top.valueIndex)
                    if top.last == Address.max { exhausted = true } else { cursor = top.last + 1 }
                }
            }
        }
        var index = 0
        while index < sorted.count {
            var entry = sorted[index]
            // Equal entries: the one added last wins.
            while index + 1 < sorted.count && sorted[index + 1].first == entry.first && sorted[index + 1].last == entry.last {
                index += 1
                entry = sorted[index]
            }
            index += 1
            close(upTo: entry.first)
            if let top = stack.last, !exhausted, cursor < entry.first {
                emit(cursor, entry.first - 1, top.valueIndex)
            }
            cursor = entry.first
            if let top = stack.last, entry.last > top.last {
                // A partial overlap: clip so the stack stays nested.
                entry.last = top.last
            }
            stack.append(entry)
        }
        close(upTo: nil)
        self.starts = starts
        self.ends = ends
        valueIndices = indices
    }

    /// Intervals as `starts`, `ends` and `valueIndices` hold them; nil unless they are as
    /// flattening makes them: of one length, each nonempty, sorted and disjoint, every value index
    /// below `valueCount`.
    init?(starts: [Address], ends: [Address], valueIndices: [Int32], valueCount: Int) {
        guard starts.count == ends.count, starts.count == valueIndices.count else { return nil }
        for slot in starts.indices {
            guard starts[slot] <= ends[slot], valueIndices[slot] >= 0, Int(valueIndices[slot]) < valueCount else { return nil }
            if slot > 0 { guard ends[slot - 1] < starts[slot] else { return nil } }
        }
        self.starts = starts
        self.ends = ends
        self.valueIndices = valueIndices
    }

    /// The slot of the interval containing `address`, searching slots `lowerBound..<upperBound`.
    @inlinable
    func slot(containing address: Address, lowerBound: Int, upperBound: Int) -> Int? {
        // The last interval starting at or before the address.
        var low = lowerBound, high = upperBound
        while low < high {
            let middle = (low + high) >> 1
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        let candidate = low - 1
        guard candidate >= 0, candidate < starts.count, ends[candidate] >= address else { return nil }
        return candidate
    }

    /// The covered pieces of `first...last`.
    func overlaps(first: Address, last: Address) -> [(first: Address, last: Address, valueIndex: Int)] {
        var result: [(first: Address, last: Address, valueIndex: Int)] = []
        var slot = self.slot(containing: first, lowerBound: 0, upperBound: starts.count)
            ?? { () -> Int in
                var low = 0, high = starts.count
                while low < high {
                    let middle = (low + high) >> 1
                    if starts[middle] < first { low = middle + 1 } else { high = middle }
                }
                return low
            }()
        while slot < starts.count && starts[slot] <= last {
            result.append((max(starts[slot], first), min(ends[slot], last), Int(valueIndices[slot])))
            slot += 1
        }
        return result
    }
}
