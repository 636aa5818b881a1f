#if canImport(Glibc)
import Glibc
#endif
import ASTopology
import CPrefetch
import Synchronization

/// Weights summed by path id in an array as long as the topology has paths, for the path metrics:
/// each of a country's routes adds its network's weight to its path's slot, with no hashing and
/// with the locality of path ids (the paths of one prefix were interned together). One tally serves
/// one country at a time; `PathTally.Pool` lends them to the worker threads.
///
/// A slot belongs to one (vantage point, served-from-abroad) owner per country; a second owner of
/// the same path (two sessions of one AS, or a path to networks of both kinds) goes to `overflow`.
final class PathTally: @unchecked Sendable {
    // From calloc: the pages are zero until written, so a tally costs memory only for the paths
    // its countries reach.
    private let weights: UnsafeMutableBufferPointer<Double>
    /// 0 when unowned, else the owner + 1.
    private let owners: UnsafeMutableBufferPointer<UInt32>
    /// Whether each memory page of `owners` was written yet. A page first read is mapped to the
    /// kernel's shared zero page, and the write after it copies that page and flushes the other
    /// cores' TLBs (perf: 6% of a full ranking's CPU at P=120); a page first written is simply given.
    private let ownerPageWritten: UnsafeMutableBufferPointer<Bool>
    private let ownersFirstPage: Int
    /// Paths with a weight, in the order first met.
    private var touched: [UInt32] = []
    /// Weights of second owners, keyed by vantage point (bits 33 and up), path (bits 1 to 32) and abroad (bit 0).
    private var overflow = FlatTable<Double>()
    // A vantage point's sums by node and by organisation, zero between uses (`WitnessScratch`).
    private let nodeSums: UnsafeMutableBufferPointer<NodeSums>
    private let nodeTouched: UnsafeMutableBufferPointer<Bool>
    private let organisationSums: UnsafeMutableBufferPointer<OrganisationSums>
    private let organisationTouched: UnsafeMutableBufferPointer<Bool>
    /// The matrix the path metrics combine witnesses in, kept from one country to the next.
    var matrix: [Double] = []

    init(pathCount: Int, nodeCount: Int, organisationCount: Int) {
        nodeSums = .allocate(capacity: max(nodeCount, 1))
        nodeSums.initialize(repeating: NodeSums())
        nodeTouched = .allocate(capacity: max(nodeCount, 1))
        nodeTouched.initialize(repeating: false)
        organisationSums = .allocate(capacity: max(organisationCount, 1))
        organisationSums.initialize(repeating: OrganisationSums())
        organisationTouched = .allocate(capacity: max(organisationCount, 1))
        organisationTouched.initialize(repeating: false)
        let count = max(pathCount, 1)
        // calloc fails only when memory is exhausted, as any allocation would.
        weights = UnsafeMutableBufferPointer(start: calloc(count, MemoryLayout<Double>.stride)?.bindMemory(to: Double.self, capacity: count),
                                             count: count)
        owners = UnsafeMutableBufferPointer(start: calloc(count, MemoryLayout<UInt32>.stride)?.bindMemory(to: UInt32.self, capacity: count),
                                            count: count)
        let first = Int(bitPattern: owners.baseAddress) >> Self.pageShift
        let last = (Int(bitPattern: owners.baseAddress) + count * MemoryLayout<UInt32>.stride - 1) >> Self.pageShift
        ownersFirstPage = first
        ownerPageWritten = .allocate(capacity: last - first + 1)
        ownerPageWritten.initialize(repeating: false)
    }

    private static let pageShift = 12

    deinit {
        free(weights.baseAddress)
        free(owners.baseAddress)
        ownerPageWritten.deallocate()
        nodeSums.deallocate()
        nodeTouched.deallocate()
        organisationSums.deallocate()
        organisationTouched.deallocate()
    }

    /// Scratch sums for one vantage point at a time, over this tally's arrays.
    var scratch: WitnessScratch {
        WitnessScratch(nodeSums: nodeSums, nodeTouched: nodeTouched, organisationSums: organisationSums,
                       organisationTouched: organisationTouched)
    }

    /// How many records the next `drain` gives.
    var count: Int { touched.count + overflow.count }

    /// Hints that `path`'s slots will be added to soon. A country's routes lead to paths spread over
    /// the whole store, so each `add` would otherwise wait on memory (perf: a quarter of its
    /// samples on the branch after reading the owner).
    @inline(__always)
    func prefetch(path: UInt32) {
        if let base = owners.baseAddress { chokepoint_prefetch(base + Int(path)) }
        if let base = weights.baseAddress { chokepoint_prefetch(base + Int(path)) }
    }

    /// Adds `weight` for `path` as seen by vantage point `point`.
    func add(_ weight: Double, path: UInt32, point: Int, abroad: Bool) {
        let owner = (UInt32(point) << 1 | (abroad ? 1 : 0)) + 1
        let slot = Int(path)
        let page = (Int(bitPattern: owners.baseAddress) + slot * MemoryLayout<UInt32>.stride) >> Self.pageShift - ownersFirstPage
        if !ownerPageWritten[page] {
            // Never written, so still zero from calloc: a store keeps it so and maps the page for writing.
            ownerPageWritten[page] = true
            owners[slot] = 0
        }
        if owners[slot] == 0 {
            owners[slot] = owner
            touched.append(path)
            // A store, not an addition: the slot is zero, and its page may not be mapped yet.
            weights[slot] = weight
        } else if owners[slot] == owner {
            weights[slot] += weight
        } else {
            overflow.add(weight, to: UInt64(point) << 33 | UInt64(path) << 1 | (abroad ? 1 : 0))
        }
    }

    /// Each (vantage point, path, abroad) and its summed weight, vantage point by vantage point (so
    /// each one's sums stay in cache; a vantage point's second-owner sums after its others); the
    /// tally is empty again once this returns.
    ///
    /// A sequence for a plain loop, not a callback: variables a callback's local functions share
    /// with the caller are checked for exclusive access at run time, at every use.
    ///
    /// - Parameter store: The paths the loop will read, prefetched a few records ahead (where each
    ///   starts 16 records ahead, its nodes 8 ahead): the paths of one vantage point lie far apart in
    ///   the store, and each read would otherwise wait on memory.
    func drain(prefetching store: PathStore? = nil) -> Drained {
        // Read in the order met (paths interned together sit together), then partitioned by vantage
        // point: each one's sums stay in cache while its paths are walked.
        // Counted by vantage point first, then placed: one array of records, not a copy too.
        var largest: UInt32 = 0
        for path in touched { largest = max(largest, (owners[Int(path)] - 1) >> 1) }
        var starts = [Int](repeating: 0, count: Int(largest) + 2)
        for path in touched { starts[Int((owners[Int(path)] - 1) >> 1) + 1] += 1 }
        for point in 0...Int(largest) { starts[point + 1] += starts[point] }
        let ordered = [(path: UInt32, owner: UInt32, weight: Double)](unsafeUninitializedCapacity: touched.count) { records, initialized in
            for path in touched {
                let slot = Int(path)
                let owner = owners[slot] - 1
                let point = Int(owner >> 1)
                records.initializeElement(at: starts[point], to: (path, owner, weights[slot]))
                starts[point] += 1
                weights[slot] = 0
                owners[slot] = 0
            }
            initialized = touched.count
        }
        // Second owners, few as a rule, in slot order within each vantage point.
        var extra: [Drained.Element] = []
        overflow.forEach { key, weight in extra.append((Int(key >> 33), UInt32(truncatingIfNeeded: key >> 1), key & 1 == 1, weight)) }
        extra = extra.enumerated().sorted { ($0.element.point, $0.offset) < ($1.element.point, $1.offset) }.map(\.element)
        touched.removeAll(keepingCapacity: true)
        overflow = FlatTable<Double>()
        return Drained(ordered: ordered, extra: extra, store: store)
    }

    /// What `drain` hands over, in order.
    struct Drained: Sequence, IteratorProtocol {
        typealias Element = (point: Int, path: UInt32, abroad: Bool, weight: Double)
        fileprivate let ordered: [(path: UInt32, owner: UInt32, weight: Double)]
        fileprivate let extra: [Element]
        fileprivate let store: PathStore?
        private var index = 0
        private var nextExtra = 0

        fileprivate init(ordered: [(path: UInt32, owner: UInt32, weight: Double)], extra: [Element], store: PathStore?) {
            self.ordered = ordered
            self.extra = extra
            self.store = store
        }

        mutating func next() -> Element? {
            guard index < ordered.count else {
                guard nextExtra < extra.count else { return nil }
                defer { nextExtra += 1 }
                return extra[nextExtra]
            }
            let record = ordered[index]
            let point = Int(record.owner >> 1)
            // Extras of earlier vantage points, after all their records.
            if nextExtra < extra.count && extra[nextExtra].point < point {
                defer { nextExtra += 1 }
                return extra[nextExtra]
            }
            if let store {
                if index + 16 < ordered.count { store.prefetchStart(of: Int32(bitPattern: ordered[index + 16].path)) }
                if index + 8 < ordered.count { store.prefetchNodes(of: Int32(bitPattern: ordered[index + 8].path)) }
            }
            index += 1
            return (point, record.path, record.owner & 1 == 1, record.weight)
        }
    }

    /// Tallies lent to threads, kept for reuse: at most one per thread working at once.
    final class Pool: Sendable {
        private let pathCount: Int
        private let nodeCount: Int
        private let organisationCount: Int
        private let idle = Mutex<[PathTally]>([])

        init(pathCount: Int, nodeCount: Int, organisationCount: Int) {
            self.pathCount = pathCount
            self.nodeCount = nodeCount
            self.organisationCount = organisationCount
        }

        /// Runs `body` with a tally no other thread is using.
        func withTally<Result>(_ body: (PathTally) -> Result) -> Result {
            let tally = idle.withLock { $0.popLast() } ?? PathTally(pathCount: pathCount, nodeCount: nodeCount, organisationCount: organisationCount)
            defer { idle.withLock { $0.append(tally) } }
            return body(tally)
        }
    }
}
