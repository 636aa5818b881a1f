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
        let index = Int(id)
        if !nodeTouched[index] {
            nodeTouched[index] = true
            nodes.append(id)
        }
        change(&nodeSums[index])
    }

    /// Changes organisation `id`'s sums.
    @inline(__always)
    mutating func organisation(_ id: Int32, _ change: (inout OrganisationSums) -> Void) {
        let index = Int(id)
        if !organisationTouched[index] {
            organisationTouched[index] = true
            organisations.append(id)
        }
        change(&organisationSums[index])
    }

    /// Hands the sums over to `sums` (in the order first touched) and clears them for the next vantage point.
    mutating func flush(into sums: inout WitnessSums) {
        sums.nodes.reserveCapacity(sums.nodes.count + nodes.count)
        for id in nodes {
            sums.nodes.append((id, nodeSums[Int(id)]))
            nodeSums[Int(id)] = NodeSums()
            nodeTouched[Int(id)] = false
        }
        nodes.removeAll(keepingCapacity: true)
        sums.organisations.reserveCapacity(sums.organisations.count + organisations.count)
        for id in organisations {
            sums.organisations.append((id, organisationSums[Int(id)]))
            organisationSums[Int(id)] = OrganisationSums()
            organisationTouched[Int(id)] = false
        }
        organisations.removeAll(keepingCapacity: true)
    }
}
