import ASTopology
import InternetAddresses
import ReferenceData

/// The metrics read from observed paths, each computed per witness over the country's address
/// space and then combined across witnesses, so that a vantage point exporting most of the routes
/// has the same say as any other.
///
/// Rules, in the order they apply:
/// 1. Only the selected vantage points' routes count (full-feed ones by default).
/// 2. A vantage point's own AS counts for nothing: it is dropped from the front of its own paths,
///    as in the AS hegemony literature. An AS is then an upstream because of where it sits on
///    other witnesses' paths, never because it is the one exporting them.
/// 3. The border crossing walks each path from the origin toward the vantage point: domestic ASes
///    extend the country's side, ASes placed nowhere are skipped (reported apart, never taken for
///    the frontier), and the first foreign AS is the upstream. A network served from abroad (every
///    origin foreign) has its origin as its upstream.
/// 4. Each vantage point's values are fractions of the address space it saw (for upstream shares,
///    of the space it saw cross the border); vantage points of one AS are averaged into one witness.
/// 5. Witnesses are combined by a trimmed mean (`Options.trimmedMean`), a witness that saw nothing
///    of a value counting as zero.
struct PathMetrics {
    /// Upstreams with their (unscaled) aggregated share, only-share, and how many witnesses saw each.
    var upstreams: [(node: Int32, share: Double, onlyShare: Double, witnesses: Int)] = []
    /// The same by organisation (indices into `CountryAnalyzer.organisationIDs`).
    var upstreamOrganisations: [(organisation: Int32, share: Double, onlyShare: Double, witnesses: Int)] = []
    /// Domestic ASes at which witnesses saw paths cross the border.
    var borders: Set<Int32> = []
    /// Every AS on the paths, with its hegemony and witnesses.
    var hegemony: [(node: Int32, value: Double, witnesses: Int)] = []
    /// ASes on every path of a witness, with the aggregated share of space that holds for.
    var onEveryPath: [(node: Int32, share: Double)] = []
    /// Domestic ASes on the paths (and the origins): candidates for relationship evidence.
    var domesticChain: Set<Int32> = []
    /// ASes placed nowhere that the paths into the country cross.
    var unknown: Set<Int32> = []
    /// The distinct paths the selected vantage points took into the country's networks, sorted.
    var paths: [UInt32] = []
    /// Vantage points that saw a path crossing into the country, and their distinct ASes.
    var witnesses = 0
    var witnessASes = 0
}

/// What one vantage point's paths add up to for one AS, in address-space weight.
struct NodeSums: Sendable {
    var hegemony = 0.0
    var onEvery = 0.0
    var upstream = 0.0
    var only = 0.0
    var border = 0.0
}

/// The same for one organisation.
struct OrganisationSums: Sendable {
    var upstream = 0.0
    var only = 0.0
}

/// One vantage point's sums over a country's networks, by node and by organisation id (each id
/// once), summed in a `WitnessScratch` while its paths were walked.
struct WitnessSums: Sendable {
    var seen = 0.0
    var crossed = 0.0
    var nodes: [(id: Int32, sums: NodeSums)] = []
    var organisations: [(id: Int32, sums: OrganisationSums)] = []
}

/// Where a path's walk into a country crossed its border.
private struct Crossing {
    var upstream: Int32
    var border: Int32?
}

extension CountryAnalyzer {
    func pathMetrics(of country: CountryCode, networks: CountryNetworks, family: AddressFamily) -> PathMetrics {
        pathTallies.withTally { pathMetrics(of: country, networks: networks, family: family, singlePaths: $0) }
    }

    /// - Parameter singlePaths: Scratch space for the weight of the networks each vantage point
    ///   reaches by one path, summed per path so that each path is walked once.
    private func pathMetrics(of country: CountryCode, networks: CountryNetworks, family: AddressFamily,
                             singlePaths: PathTally) -> PathMetrics {
        let included = selection.included(for: family)
        // Indexed by vantage point and changed in place (a copy would copy its tables).
        var sums = [WitnessSums](repeating: WitnessSums(), count: topology.vantagePoints.count)
        // Every path taken, for the graph's overlay of observed edges.
        var taken: [UInt32] = []
        // A vantage point's several paths to one network (add-path, or a route per session), for its turn below.
        var several: [(start: Int, end: Int, weight: Double, point: Int, abroad: Bool)] = []
        // Per node: 1 when on the domestic chain, 2 when placed nowhere and crossed.
        var marks = [UInt8](repeating: 0, count: topology.nodeCount)
        // Each vantage point's space seen, summed apart from `sums` and moved there after the loop:
        // a change to an element of `sums` checks its buffer's uniqueness at every route.
        var seen = [Double](repeating: 0, count: sums.count)
        let routes = topology.routes

        for (slot, prefix) in networks.prefixes.enumerated() {
            let weight = networks.weights[slot]
            let abroad = networks.servedFromAbroad[slot]
            if !abroad { for origin in networks.origins[slot] { marks[Int(origin)] |= 1 } }
            let range = routes.routes(of: prefix)
            var index = range.lowerBound
            // Routes are sorted by vantage point: take each vantage point's paths to this prefix together.
            while index < range.upperBound {
                // A network has a route from most vantage points: the tally's slots for the paths a
                // few routes on are fetched while this one is added.
                if index + Self.tallyLookahead < range.upperBound {
                    singlePaths.prefetch(path: routes.paths[index + Self.tallyLookahead])
                }
                let point = Int(routes.vantagePoints[index])
                var end = index + 1
                while end < range.upperBound && Int(routes.vantagePoints[end]) == point { end += 1 }
                defer { index = end }
                guard included[point] else { continue }
                seen[point] += weight
                if end - index == 1 {
                    // One path, as nearly always: its weight is summed per path and the path walked
                    // once below, however many of the country's networks it leads to.
                    singlePaths.add(weight, path: routes.paths[index], point: point, abroad: abroad)
                    continue
                }
                several.append((index, end, weight, point, abroad))
            }
        }
        for (point, space) in seen.enumerated() { sums[point].seen = space }
        // Vantage point by vantage point, each one's sums in the scratch arrays: first its networks
        // reached by several paths (in network order), then the paths of the tally.
        several = several.enumerated().sorted { ($0.element.point, $0.offset) < ($1.element.point, $1.offset) }.map(\.element)
        var scratch = singlePaths.scratch
        var current = -1
        var nextSeveral = 0
        /// Ends the current vantage point's turn and starts `point`'s (or, with nil, ends them all),
        /// with the turns of vantage points in between that only reached networks by several paths.
        func turn(to point: Int?) {
            if current >= 0 { scratch.flush(into: &sums[current]) }
            while nextSeveral < several.count && several[nextSeveral].point < point ?? Int.max {
                let first = several[nextSeveral].point
                while nextSeveral < several.count && several[nextSeveral].point == first {
                    let entry = several[nextSeveral]
                    addSeveral(routes.paths[entry.start..<entry.end], weight: entry.weight, point: first, abroad: entry.abroad,
                               country: country, to: &sums, scratch: &scratch, taken: &taken, marks: &marks)
                    nextSeveral += 1
                }
                scratch.flush(into: &sums[first])
            }
            current = point ?? -1
            while let point, nextSeveral < several.count && several[nextSeveral].point == point {
                let entry = several[nextSeveral]
                addSeveral(routes.paths[entry.start..<entry.end], weight: entry.weight, point: point, abroad: entry.abroad,
                           country: country, to: &sums, scratch: &scratch, taken: &taken, marks: &marks)
                nextSeveral += 1
            }
        }
        // Sized once: grown append by append, a large country's list was copied at each doubling
        // into fresh pages (perf: 2% of a full ranking's CPU at P=120).
        taken.reserveCapacity(taken.count + singlePaths.count + several.reduce(0) { $0 + $1.end - $1.start })
        // Paths read as ranges of the store's node array: a path as a slice holds a reference to
        // that array, retained and released per path (perf: 3% of a ranking's CPU at P=120).
        let paths = topology.paths
        let pathNodes = paths.nodeArray
        for (point, pathID, abroad, weight) in singlePaths.drain(prefetching: topology.paths) {
            if point != current { turn(to: point) }
            taken.append(pathID)
            let own = selection.ownNode[point]
            let path = Self.dropping(own, from: paths.range(of: Int32(bitPattern: pathID)), in: pathNodes)
            guard !path.isEmpty else { continue }
            // The network's own origin is left out of its hegemony, unless it serves the country from abroad.
            let origin = abroad ? nil : pathNodes[path.upperBound - 1]
            for index in path {
                let node = pathNodes[index]
                scratch.node(node) { entry in
                    if node != origin { entry.hegemony += weight }
                    entry.onEvery += weight
                }
            }
            guard let found = crossing(path, of: pathNodes, abroad: abroad, country: country, marks: &marks) else { continue }
            sums[point].crossed += weight
            scratch.node(found.upstream) { entry in
                entry.upstream += weight
                entry.only += weight
            }
            scratch.organisation(organisationOfNode[Int(found.upstream)]) { entry in
                entry.upstream += weight
                entry.only += weight
            }
            if let border = found.border { scratch.node(border) { $0.border += weight } }
        }
        turn(to: nil)

        DistinctPathIDs.sortAndDeduplicate(&taken)
        var metrics = PathMetrics()
        metrics.paths = taken
        for (node, mark) in marks.enumerated() where mark != 0 {
            if mark & 1 != 0 { metrics.domesticChain.insert(Int32(node)) }
            if mark & 2 != 0 { metrics.unknown.insert(Int32(node)) }
        }
        metrics.witnesses = sums.filter { $0.crossed > 0 }.count
        let nodeMeasures = combine(sums, \.nodes, measures: [
            (\.crossed, { $0.upstream }), (\.crossed, { $0.only }), (\.crossed, { $0.border }),
            (\.seen, { $0.hegemony }), (\.seen, { $0.onEvery }),
        ], matrix: &singlePaths.matrix)
        let (upstream, only, border, hegemony, onEvery) = (nodeMeasures[0], nodeMeasures[1], nodeMeasures[2], nodeMeasures[3], nodeMeasures[4])
        metrics.witnessASes = upstream.witnessCount
        metrics.upstreams = upstream.values.compactMap { node, value in
            guard value.mean > 1e-12 else { return nil }
            return (node, value.mean, min(value.mean, only.values[node]?.mean ?? 0), value.witnesses)
        }
        let organisationMeasures = combine(sums, \.organisations, measures: [(\.crossed, { $0.upstream }), (\.crossed, { $0.only })],
                                           matrix: &singlePaths.matrix)
        let (upstreamOrganisation, onlyOrganisation) = (organisationMeasures[0], organisationMeasures[1])
        metrics.upstreamOrganisations = upstreamOrganisation.values.compactMap { organisation, value in
            guard value.mean > 1e-12 else { return nil }
            return (organisation, value.mean, min(value.mean, onlyOrganisation.values[organisation]?.mean ?? 0), value.witnesses)
        }
        metrics.borders = Set(border.values.filter { $0.value.mean > 1e-12 }.keys)
        metrics.hegemony = hegemony.values.compactMap { node, value in
            value.mean > 1e-12 ? (node, value.mean, value.witnesses) : nil
        }
        metrics.onEveryPath = onEvery.values.compactMap { node, value in value.mean > 1e-12 ? (node, value.mean) : nil }
        // In id order, not a dictionary's (which differs from one instance to the next): sums over
        // these lists then come out the same to the last bit every run.
        metrics.upstreams.sort { $0.node < $1.node }
        metrics.upstreamOrganisations.sort { $0.organisation < $1.organisation }
        metrics.hegemony.sort { $0.node < $1.node }
        metrics.onEveryPath.sort { $0.node < $1.node }
        return metrics
    }

    /// How many routes ahead the path metrics fetch a route's tally slots.
    private static var tallyLookahead: Int { 8 }

    /// Where `path` (a range of `nodes`) crosses into the country, walked from its origin toward the
    /// vantage point, marking in `marks` the nodes met inside the country (1) and those placed
    /// nowhere (2).
    ///
    /// A method given the marks, not a local function capturing them, so that the walk over the
    /// drained tally shares no captured variable with it: variables captured by a closure that
    /// escapes analysis are checked for exclusive access at run time, at every use.
    @inline(__always)
    private func crossing(_ path: Range<Int>, of nodes: [Int32], abroad: Bool, country: CountryCode, marks: inout [UInt8]) -> Crossing? {
        guard !path.isEmpty else { return nil }
        let last = nodes[path.upperBound - 1]
        if abroad { return nodeCountries[Int(last)] == country ? nil : Crossing(upstream: last, border: nil) }
        guard nodeCountries[Int(last)] == country || nodeCountries[Int(last)] == nil else { return nil }
        var inside = last
        var position = path.upperBound - 1
        while position > path.lowerBound {
            let previous = nodes[position - 1]
            switch nodeCountries[Int(previous)] {
            case country:
                inside = previous
                marks[Int(previous)] |= 1
            case nil:
                marks[Int(previous)] |= 2
            default:
                return Crossing(upstream: previous, border: inside)
            }
            position -= 1
        }
        return nil
    }

    /// `path` (a range of `nodes`) without the vantage point's own AS at its front.
    @inline(__always)
    private static func dropping(_ own: Int32?, from path: Range<Int>, in nodes: [Int32]) -> Range<Int> {
        var start = path.lowerBound
        while start < path.upperBound && nodes[start] == own { start += 1 }
        return start..<path.upperBound
    }

    /// Adds one vantage point's several paths to one network (add-path, or a route per session):
    /// each AS's hegemony is the share of the paths crossing it, the upstreams share the weight.
    private func addSeveral(_ pathIDs: ArraySlice<UInt32>, weight: Double, point: Int, abroad: Bool, country: CountryCode,
                            to sums: inout [WitnessSums], scratch: inout WitnessScratch, taken: inout [UInt32], marks: inout [UInt8]) {
        let own = selection.ownNode[point]
        // The network's own origin is left out of its hegemony, unless it serves the country from abroad.
        let counted = abroad ? 0 : 1
        var upstreams = Set<Int32>()
        var borders = Set<Int32>()
        var counts: [Int32: Int] = [:]
        var common: Set<Int32>?
        let pathNodes = topology.paths.nodeArray
        for pathID in pathIDs {
            taken.append(pathID)
            let range = Self.dropping(own, from: topology.paths.range(of: Int32(bitPattern: pathID)), in: pathNodes)
            guard !range.isEmpty else { continue }
            let path = pathNodes[range]
            for node in path.dropLast(counted) { counts[node, default: 0] += 1 }
            let members = Set(path)
            common = common.map { $0.intersection(members) } ?? members
            guard let found = crossing(range, of: pathNodes, abroad: abroad, country: country, marks: &marks) else { continue }
            upstreams.insert(found.upstream)
            if let border = found.border { borders.insert(border) }
        }
        let pathCount = Double(pathIDs.count)
        for (node, count) in counts { scratch.node(node) { $0.hegemony += weight * Double(count) / pathCount } }
        for node in common ?? [] { scratch.node(node) { $0.onEvery += weight } }
        guard !upstreams.isEmpty else { return }
        sums[point].crossed += weight
        let organisations = Set(upstreams.map { organisationOfNode[Int($0)] })
        for upstream in upstreams { scratch.node(upstream) { $0.upstream += weight / Double(upstreams.count) } }
        for organisation in organisations {
            scratch.organisation(organisation) { $0.upstream += weight / Double(organisations.count) }
        }
        if upstreams.count == 1, let only = upstreams.first { scratch.node(only) { $0.only += weight } }
        if organisations.count == 1, let only = organisations.first {
            scratch.organisation(only) { $0.only += weight }
        }
        for border in borders { scratch.node(border) { $0.border += weight / Double(borders.count) } }
    }

    /// Values of every vantage point's sums (`measures`: each with the total it is a fraction of),
    /// in one pass over the tables: as fractions of that vantage point's total (those with a zero
    /// total take no part), averaged over each witness's vantage points, then the trimmed mean
    /// across witnesses, a witness without the value counting as zero.
    private func combine<Sums>(_ sums: [WitnessSums], _ table: KeyPath<WitnessSums, [(id: Int32, sums: Sums)]>,
                               measures: [(total: KeyPath<WitnessSums, Double>, value: (Sums) -> Double)], matrix: inout [Double])
        -> [(values: [Int32: (mean: Double, witnesses: Int)], witnessCount: Int)] {
        // Per measure, witnesses numbered densely; one row per node with a column per witness.
        var columns: [[Int]] = []
        var members: [[Int]] = []
        for measure in measures {
            var column = [Int](repeating: -1, count: sums.count)
            var witnessIndex: [Int: Int] = [:]
            var counts: [Int] = []
            for (point, tally) in sums.enumerated() where tally[keyPath: measure.total] > 0 {
                let group = selection.witness[point]
                if witnessIndex[group] == nil {
                    witnessIndex[group] = counts.count
                    counts.append(0)
                }
                column[point] = witnessIndex[group] ?? 0
                counts[column[point]] += 1
            }
            columns.append(column)
            members.append(counts)
        }
        // Rows: every node of a vantage point with some total, numbered as first met, and each
        // entry's row in the order the entries are read below.
        var rowOfNode = FlatTable<Int32>(empty: -1)
        var nodes: [Int32] = []
        var entryRows: [Int32] = []
        var counted = [Bool](repeating: false, count: sums.count)
        for (point, tally) in sums.enumerated() where measures.indices.contains(where: { columns[$0][point] >= 0 && tally[keyPath: measures[$0].total] > 0 }) {
            counted[point] = true
            for (id, _) in tally[keyPath: table] {
                entryRows.append(rowOfNode.value(of: UInt64(UInt32(bitPattern: id))) {
                    nodes.append(id)
                    return Int32(nodes.count - 1)
                })
            }
        }
        // One measure at a time in one matrix (a row per node, a column per witness), reused from
        // measure to measure and, through `matrix`, from country to country: a large country's
        // matrices are tens of megabytes, and fresh ones cost as much in page faults as in sums.
        return measures.indices.map { index in
            let width = members[index].count
            matrix.removeAll(keepingCapacity: true)
            matrix.append(contentsOf: repeatElement(0, count: nodes.count * width))
            var present = [Bool](repeating: false, count: nodes.count)
            var entry = 0
            for (point, tally) in sums.enumerated() where counted[point] {
                let entries = tally[keyPath: table]
                defer { entry += entries.count }
                // Divided as each vantage point's fraction first, then by the witness's members at the
                // end, so that a witness's duplicated vantage points give exactly its single one's value.
                let column = columns[index][point]
                let total = column < 0 ? 0 : tally[keyPath: measures[index].total]
                guard total > 0 else { continue }
                for (offset, item) in entries.enumerated() {
                    let amount = measures[index].value(item.sums)
                    guard amount != 0 else { continue }
                    let row = Int(entryRows[entry + offset])
                    matrix[row * width + column] += amount / total
                    present[row] = true
                }
            }
            var result: [Int32: (mean: Double, witnesses: Int)] = [:]
            let counts = members[index]
            for (row, node) in nodes.enumerated() where present[row] {
                // Each row finished and sorted where it lies (the matrix is refilled for the next
                // measure): a copy of it, and a filtered copy to count, were two allocations a row.
                let line = (row * width)..<((row + 1) * width)
                var witnesses = 0
                for column in 0..<width {
                    // Most cells are zero and most witnesses one vantage point: dividing those would
                    // change nothing, and the divisions were a tenth of this function's time.
                    let cell = line.lowerBound + column
                    guard matrix[cell] != 0 else { continue }
                    if counts[column] != 1 { matrix[cell] /= Double(counts[column]) }
                    if matrix[cell] > 0 { witnesses += 1 }
                }
                result[node] = (options.trimmedMean.mean(sorting: &matrix[line]), witnesses)
            }
            return (result, width)
        }
    }
}
