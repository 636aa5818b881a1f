/// The AS relationship graph routing policy works on: each node's providers, customers and peers,
/// in compressed sparse row form. Built from CAIDA's relationships, links inferred from observed
/// paths where CAIDA has none, and any links a what-if adds or removes.
public struct RelationshipGraph: Sendable {
    /// One business relationship between two nodes.
    public struct Link: Hashable, Sendable {
        /// The provider, or the lower-numbered peer.
        public var from: Int32
        /// The customer, or the other peer.
        public var to: Int32
        /// How `from` relates to `to`.
        public var relationship: Relationship

        /// Creates a link; peer links are stored with the lower node first, so each pair has one form.
        public init(from: Int32, to: Int32, relationship: Relationship) {
            if relationship == .peer && to < from {
                self.from = to
                self.to = from
            } else {
                self.from = from
                self.to = to
            }
            self.relationship = relationship
        }

        /// Whether the link joins `a` and `b`, in either direction and of either kind.
        public func joins(_ a: Int32, _ b: Int32) -> Bool {
            (from == a && to == b) || (from == b && to == a)
        }
    }

    /// The number of nodes.
    public let nodeCount: Int
    /// The links, each pair once, as given.
    public let links: [Link]
    private let providerStart: [Int32]
    private let providerList: [Int32]
    private let customerStart: [Int32]
    private let customerList: [Int32]
    private let peerStart: [Int32]
    private let peerList: [Int32]
    /// The same lists, each node's sorted, for `role(of:toward:)`: the walks above keep the given
    /// order (their results must not depend on a sort), lookups want a binary search, as the
    /// largest ASes have thousands of customers and peers.
    private let sortedProviderList: [Int32]
    private let sortedCustomerList: [Int32]
    private let sortedPeerList: [Int32]

    /// The graph of `links` over `nodeCount` nodes. A pair given twice keeps its first link, so a
    /// caller puts the links that should win (a what-if's, then CAIDA's) first.
    public init(nodeCount: Int, links: [Link]) {
        var seen = FlatTable<Void>(empty: (), capacity: links.count)
        let valid = links.filter { link in
            guard link.from != link.to, link.from >= 0, link.to >= 0, Int(link.from) < nodeCount, Int(link.to) < nodeCount else {
                return false
            }
            return seen.insert(UInt64(UInt32(bitPattern: min(link.from, link.to))) << 32
                | UInt64(UInt32(bitPattern: max(link.from, link.to))))
        }
        self.init(nodeCount: nodeCount, distinctLinks: valid)
    }

    /// The graph of links already checked: valid node ids, each pair once.
    private init(nodeCount: Int, distinctLinks links: [Link]) {
        self.nodeCount = nodeCount
        self.links = links
        let (up, down, across) = Self.edges(of: links)
        (providerStart, providerList) = DirectedGraph.group(up, nodeCount: nodeCount, byTarget: false)
        (customerStart, customerList) = DirectedGraph.group(down, nodeCount: nodeCount, byTarget: false)
        (peerStart, peerList) = DirectedGraph.group(across, nodeCount: nodeCount, byTarget: false)
        func sortedRuns(_ list: [Int32], _ starts: [Int32]) -> [Int32] {
            var sorted = list
            for node in 0..<nodeCount where starts[node + 1] - starts[node] > 1 {
                sorted[Int(starts[node])..<Int(starts[node + 1])].sort()
            }
            return sorted
        }
        sortedProviderList = sortedRuns(providerList, providerStart)
        sortedCustomerList = sortedRuns(customerList, customerStart)
        sortedPeerList = sortedRuns(peerList, peerStart)
    }

    private static func contains(_ list: [Int32], from start: Int32, to end: Int32, _ value: Int32) -> Bool {
        var low = Int(start), high = Int(end)
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < Int(end) && list[low] == value
    }

    /// The graph with `extra` links: where one joins a pair the graph already links, `extra` wins
    /// when `overriding` (a what-if's links), the graph's link otherwise (inferred links).
    public func adding(_ extra: [Link], overriding: Bool) -> RelationshipGraph {
        if overriding { return RelationshipGraph(nodeCount: nodeCount, links: extra + links) }
        // The graph's own links are distinct already: only the extra ones need checking.
        var accepted: [Link] = []
        var pairs = Set<UInt64>()
        for link in extra where link.from != link.to && link.from >= 0 && link.to >= 0
            && Int(link.from) < nodeCount && Int(link.to) < nodeCount && role(of: link.from, toward: link.to) == nil
            && pairs.insert(UInt64(UInt32(bitPattern: min(link.from, link.to))) << 32
                | UInt64(UInt32(bitPattern: max(link.from, link.to)))).inserted {
            accepted.append(link)
        }
        return accepted.isEmpty ? self : RelationshipGraph(base: self, accepted: accepted)
    }

    /// `base` with `accepted` (valid, distinct, joining pairs `base` does not link) after its own
    /// links: what `init(nodeCount:distinctLinks:)` would build from `base.links + accepted`, made
    /// by copying `base`'s lists around the few nodes the new links touch, as a country's graph is
    /// made this way for every country.
    private init(base: RelationshipGraph, accepted: [Link]) {
        nodeCount = base.nodeCount
        links = base.links + accepted
        let (up, down, across) = Self.edges(of: accepted)
        (providerStart, providerList, sortedProviderList) = Self.merge(
            base.providerStart, base.providerList, base.sortedProviderList, adding: up, nodeCount: nodeCount)
        (customerStart, customerList, sortedCustomerList) = Self.merge(
            base.customerStart, base.customerList, base.sortedCustomerList, adding: down, nodeCount: nodeCount)
        (peerStart, peerList, sortedPeerList) = Self.merge(
            base.peerStart, base.peerList, base.sortedPeerList, adding: across, nodeCount: nodeCount)
    }

    /// The directed edges of `links`: customer to provider, provider to customer, and peer to peer both ways.
    private static func edges(of links: [Link]) -> (up: [(from: Int32, to: Int32)], down: [(from: Int32, to: Int32)],
                                                    across: [(from: Int32, to: Int32)]) {
        var up: [(from: Int32, to: Int32)] = []
        var down: [(from: Int32, to: Int32)] = []
        var across: [(from: Int32, to: Int32)] = []
        for link in links {
            switch link.relationship {
            case .providerToCustomer:
                up.append((link.to, link.from))
                down.append((link.from, link.to))
            case .peer:
                across.append((link.from, link.to))
                across.append((link.to, link.from))
            }
        }
        return (up, down, across)
    }

    /// One adjacency (`starts`, `list` in the given order, `sorted` each run sorted) with `edges`
    /// appended to their tails' runs, in the order given.
    private static func merge(_ starts: [Int32], _ list: [Int32], _ sorted: [Int32], adding edges: [(from: Int32, to: Int32)],
                              nodeCount: Int) -> (starts: [Int32], list: [Int32], sorted: [Int32]) {
        guard !edges.isEmpty else { return (starts, list, sorted) }
        let (extraStarts, extraList) = DirectedGraph.group(edges, nodeCount: nodeCount, byTarget: false)
        var newStarts = [Int32](repeating: 0, count: nodeCount + 1)
        for node in 0..<nodeCount { newStarts[node + 1] = starts[node + 1] + extraStarts[node + 1] }
        var newList: [Int32] = []
        var newSorted: [Int32] = []
        newList.reserveCapacity(list.count + extraList.count)
        newSorted.reserveCapacity(list.count + extraList.count)
        // Runs of nodes without new edges are copied whole.
        var copied = 0
        for node in Set(edges.map(\.from)).sorted() {
            let baseEnd = Int(starts[Int(node) + 1])
            newList.append(contentsOf: list[copied..<baseEnd])
            newSorted.append(contentsOf: sorted[copied..<Int(starts[Int(node)])])
            let extra = extraList[Int(extraStarts[Int(node)])..<Int(extraStarts[Int(node) + 1])]
            newList.append(contentsOf: extra)
            newSorted.append(contentsOf: (sorted[Int(starts[Int(node)])..<baseEnd] + extra).sorted())
            copied = baseEnd
        }
        newList.append(contentsOf: list[copied...])
        newSorted.append(contentsOf: sorted[copied...])
        return (newStarts, newList, newSorted)
    }

    /// The graph without the links joining any of `pairs`.
    public func removing(_ pairs: [(Int32, Int32)]) -> RelationshipGraph {
        RelationshipGraph(nodeCount: nodeCount, links: links.filter { link in !pairs.contains { link.joins($0.0, $0.1) } })
    }

    /// The providers of `node`.
    public func providers(of node: Int32) -> ArraySlice<Int32> {
        providerList[Int(providerStart[Int(node)])..<Int(providerStart[Int(node) + 1])]
    }

    /// The customers of `node`.
    public func customers(of node: Int32) -> ArraySlice<Int32> {
        customerList[Int(customerStart[Int(node)])..<Int(customerStart[Int(node) + 1])]
    }

    /// The peers of `node`.
    public func peers(of node: Int32) -> ArraySlice<Int32> {
        peerList[Int(peerStart[Int(node)])..<Int(peerStart[Int(node) + 1])]
    }

    /// How `a` relates to `b`: `.provider` when `a` sells transit to `b`, nil when they have no link.
    public func role(of a: Int32, toward b: Int32) -> Role? {
        guard a >= 0, Int(a) < nodeCount else { return nil }
        let node = Int(a)
        if Self.contains(sortedCustomerList, from: customerStart[node], to: customerStart[node + 1], b) { return .provider }
        if Self.contains(sortedProviderList, from: providerStart[node], to: providerStart[node + 1], b) { return .customer }
        if Self.contains(sortedPeerList, from: peerStart[node], to: peerStart[node + 1], b) { return .peer }
        return nil
    }

    /// What one AS is to another.
    public enum Role: Sendable {
        case provider, customer, peer
    }

    /// Whether a path (vantage point first, origin last) could carry a route under the usual
    /// export rules: read from the origin, customer-to-provider links, at most one peer link, then
    /// provider-to-customer links only.
    public func valleyFreedom(of path: some BidirectionalCollection<Int32>) -> ValleyFreedom {
        Self.valleyFreedom(of: path) { role(of: $0, toward: $1) }
    }

    /// `valleyFreedom(of:)` with `role` telling what one AS is to the next.
    static func valleyFreedom(of path: some BidirectionalCollection<Int32>, role: (Int32, Int32) -> Role?) -> ValleyFreedom {
        // From the origin up: `descending` once a peer or provider-to-customer link was crossed.
        var descending = false
        var previous: Int32?
        for node in path.reversed() {
            defer { previous = node }
            guard let from = previous else { continue }
            // The route moves from `from` to `node`.
            switch role(from, node) {
            case nil: return .unknownLink
            case .customer?:
                if descending { return .valley }
            case .peer?:
                if descending { return .valley }
                descending = true
            case .provider?:
                descending = true
            }
        }
        return .valleyFree
    }

    /// Every link's role both ways (`role(of:toward:)`), hashed by the pair (`roleKey`): for the
    /// millions of links of a census, where the sorted lists take up to three binary searches each.
    func roleTable() -> FlatTable<Role?> {
        var table = FlatTable<Role?>(empty: nil, capacity: 2 * links.count)
        for link in links {
            let peer = link.relationship == .peer
            table.update(Self.roleKey(link.from, link.to)) { $0 = peer ? .peer : .provider }
            table.update(Self.roleKey(link.to, link.from)) { $0 = peer ? .peer : .customer }
        }
        return table
    }

    /// The key of what `a` is toward `b` in a `roleTable()`.
    static func roleKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// What a path is under the relationships.
    public enum ValleyFreedom: Sendable {
        /// Every link known and the path valley-free.
        case valleyFree
        /// Every link known, and the path goes down (or across) and then up or across again.
        case valley
        /// A link the relationships do not know.
        case unknownLink
    }

    /// Every node a valley-free path from `sources` reaches (up through providers, across at most
    /// one peer link, then down through customers), avoiding `removed`. Routes follow the same shape
    /// in the other direction, so this is also every node whose routes reach some source, and every
    /// node that would hear a route announced by some source.
    public func valleyFreeReach(from sources: [Int32], removed: [Bool]? = nil) -> [Bool] {
        // 1: reached climbing (may still go up, across or down); 2: reached descending (down only).
        var state = [UInt8](repeating: 0, count: nodeCount)
        func isRemoved(_ node: Int32) -> Bool { removed?[Int(node)] ?? false }
        var climbing: [Int32] = []
        for source in sources where !isRemoved(source) && state[Int(source)] != 1 {
            state[Int(source)] = 1
            climbing.append(source)
        }
        var head = 0
        var descending: [Int32] = []
        while head < climbing.count {
            let node = climbing[head]
            head += 1
            for provider in providers(of: node) where !isRemoved(provider) && state[Int(provider)] != 1 {
                // A node first reached descending can still climb when reached climbing: upgrade it.
                state[Int(provider)] = 1
                climbing.append(provider)
            }
            for next in peers(of: node) where !isRemoved(next) && state[Int(next)] == 0 {
                state[Int(next)] = 2
                descending.append(next)
            }
            for next in customers(of: node) where !isRemoved(next) && state[Int(next)] == 0 {
                state[Int(next)] = 2
                descending.append(next)
            }
        }
        // Descending nodes go down only; a climbing node's customers are already queued.
        head = 0
        var all = descending + climbing.filter { !customers(of: $0).isEmpty }
        while head < all.count {
            let node = all[head]
            head += 1
            for next in customers(of: node) where !isRemoved(next) && state[Int(next)] == 0 {
                state[Int(next)] = 2
                all.append(next)
            }
        }
        return state.map { $0 != 0 }
    }
}
