import ASTopology
import ChokepointTestSupport
import Testing

/// Sorting path ids and dropping repeats, against a set sorted by the standard library.
@Suite("Distinct path ids: radix sort and deduplication")
struct DistinctPathIDsTests {
    @Test("random lists on both sides of the radix threshold, small and full-width ids", arguments: 1...12)
    func againstSet(seed: UInt64) {
        var random = SplitMix(seed: seed)
        // Lengths around the threshold and well past it; id ranges that need one, two and three
        // digit passes, and ids using all 32 bits.
        let lengths = [0, 1, 2, 100, DistinctPathIDs.radixThreshold - 1, DistinctPathIDs.radixThreshold,
                       DistinctPathIDs.radixThreshold + 1, 50_000]
        let ranges: [UInt64] = [1, 7, 4_096, 1 << 20, 1 << 24, 1 << 32]
        for length in lengths {
            let range = ranges[Int(random.next() % UInt64(ranges.count))]
            var ids = (0..<length).map { _ in UInt32(truncatingIfNeeded: random.next() % range) }
            let expected = Array(Set(ids)).sorted()
            var radix = ids
            DistinctPathIDs.radixSort(&radix)
            // Compared first, so that a failure names the case rather than printing 50,000 ids.
            let sorted = radix == ids.sorted()
            #expect(sorted, "radix sort, \(length) ids below \(range)")
            DistinctPathIDs.sortAndDeduplicate(&ids)
            let distinct = ids == expected
            #expect(distinct, "\(length) ids below \(range)")
        }
    }
}
