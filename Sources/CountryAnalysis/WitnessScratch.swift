/// One vantage point's sums while its paths are walked, in arrays indexed by node and by
/// organisation (no hashing on the hot path, no table to grow), with the ids touched listed so that
/// handing the sums over and clearing them costs only what was touched. The arrays belong to a
/// `PathTally`, lent with it to one thread at a time.
struct WitnessScratch {
    private let nodeSums: UnsafeMutableBufferPointer<NodeSums>
    private let nodeTouched: UnsafeMutableBufferPointer<Bool>
    private let organisationSums: UnsafeMutableBufferPointer<OrganisationSums>
    private let organisationTouched: UnsafeMutableBufferPointer<Bool>
    private var nodes: [Int32] = []
    private var organisations: [Int32] = []

    /// Scratch over arrays that are zero (and untouched) between vantage points.
    init(nodeSums: UnsafeMutableBufferPointer<NodeSums>, nodeTouched: UnsafeMutableBufferPointer<Bool>,
         organisationSums: UnsafeMutableBufferPointer<OrganisationSums>, organisationTouched: UnsafeMutableBufferPointer<Bool>) {
        self.nodeSums = nodeSums
        self.nodeTouched = nodeTouched
        self.organisationSums = organisationSums
        self.organisationTouched = organisationTouched
    }

    /// Changes node `id`'s sums.
    @inline(__always)
    mutating func node(_ id: Int32, _ change: (inout NodeSums) -> Void) {
        Self.change(id, in: nodeSums, touched: nodeTouched, listing: &nodes, change)
    }

    /// Changes organisation `id`'s sums.
    @inline(__always)
    mutating func organisation(_ id: Int32, _ change: (inout OrganisationSums) -> Void) {
        Self.change(id, in: organisationSums, touched: organisationTouched, listing: &organisations, change)
    }

    @inline(__always)
    private static func change<Sums>(_ id: Int32, in sums: UnsafeMutableBufferPointer<Sums>, touched: UnsafeMutableBufferPointer<Bool>,
                                     listing ids: inout [Int32], _ change: (inout Sums) -> Void) {
        let index = Int(id)
        if !touched[index] {
            touched[index] = true
            ids.append(id)
        }
        change(&sums[index])
    }

    /// Hands the sums over to `sums` (in the order first touched) and clears them for the next vantage point.
    mutating func flush(into sums: inout WitnessSums) {
        Self.move(&nodes, from: nodeSums, touched: nodeTouched, zero: NodeSums(), into: &sums.nodes)
        Self.move(&organisations, from: organisationSums, touched: organisationTouched, zero: OrganisationSums(), into: &sums.organisations)
    }

    private static func move<Sums>(_ ids: inout [Int32], from sums: UnsafeMutableBufferPointer<Sums>, touched: UnsafeMutableBufferPointer<Bool>,
                                   zero: Sums, into list: inout [(id: Int32, sums: Sums)]) {
        list.reserveCapacity(list.count + ids.count)
        for id in ids {
            list.append((id, sums[Int(id)]))
            sums[Int(id)] = zero
            touched[Int(id)] = false
        }
        ids.removeAll(keepingCapacity: true)
    }
}
