/// Sorting a list of path ids (or any `UInt32`s) and dropping repeats, in place.
///
/// A large country's list of the paths taken into it holds millions of ids, and a comparison sort
/// spent 1.7% of a full ranking's CPU at 120 peers on them. Least significant digit first radix
/// sort takes a few passes over the list, each counting digits of up to 12 bits (a table of 32 kB,
/// which stays in the first-level cache). Short lists keep the comparison sort.
public enum DistinctPathIDs {
    /// Below this, the comparison sort is as fast and needs no second buffer.
    public static let radixThreshold = 4_096

    /// Sorts `ids` in increasing order and removes repeats.
    public static func sortAndDeduplicate(_ ids: inout [UInt32]) {
        if ids.count < radixThreshold {
            ids.sort()
        } else {
            radixSort(&ids)
        }
        guard ids.count > 1 else { return }
        var kept = 1
        for index in 1..<ids.count where ids[index] != ids[kept - 1] {
            ids[kept] = ids[index]
            kept += 1
        }
        ids.removeLast(ids.count - kept)
    }

    /// Least significant digit first: as many passes as the largest id's bits need, at 12 bits or
    /// fewer a pass; each pass is stable, so the order of the passes before it holds within a digit.
    public static func radixSort(_ ids: inout [UInt32]) {
        let largest = ids.max() ?? 0
        let bits = UInt32.bitWidth - largest.leadingZeroBitCount
        guard bits > 0 else { return }
        let passes = (bits + 11) / 12
        let width = (bits + passes - 1) / passes
        let mask = UInt32(1) << width - 1
        var other = [UInt32](repeating: 0, count: ids.count)
        var counts = [Int](repeating: 0, count: 1 << width)
        for pass in 0..<passes {
            let shift = UInt32(pass * width)
            ids.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { counts in
                        counts.update(repeating: 0)
                        for id in from { counts[Int(id >> shift & mask)] += 1 }
                        var start = 0
                        for digit in counts.indices {
                            let count = counts[digit]
                            counts[digit] = start
                            start += count
                        }
                        for id in from {
                            let digit = Int(id >> shift & mask)
                            to[counts[digit]] = id
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&ids, &other)
        }
    }
}
