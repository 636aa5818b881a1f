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
    /// Vantage points that saw a path crossing into the country, and their distinct ASes.
    var witnesses = 0
    var witnessASes = 0
}

/// One vantage point's sums over the country's networks, in address-space weight.
private struct WitnessSums {
    var seen = 0.0
    var crossed = 0.0
    var upstream: [Int32: Double] = [:]
    var only: [Int32: Double] = [:]
    var upstreamOrganisation: [Int32: Double] = [:]
    var onlyOrganisation: [Int32: Double] = [:]
    var border: [Int32: Double] = [:]
    var hegemony: [Int32: Double] = [:]
    var onEvery: [Int32: Double] = [:]
}

/// Where a path's walk into a country crossed its border.
private struct Crossing {
    var upstream: Int32
    var border: Int32?
}

extension CountryAnalyzer {
    func pathMetrics(of country: CountryCode, networks: CountryNetworks, family: AddressFamily) -> PathMetrics {
        let included = selection.included(for: family)
        // Indexed by vantage point and changed in place: a copy of a tally would copy its dictionaries.
        var sums = [WitnessSums](repeating: WitnessSums(), count: topology.vantagePoints.count)
        // Per vantage point, the weight of the networks it reaches by one path, by path (and whether
        // the network is served from abroad, in the lowest bit).
        var singlePaths = [[UInt64: Double]](repeating: [:], count: topology.vantagePoints.count)
        var chain = Set<Int32>()
        var unknown = Set<Int32>()
        let routes = topology.routes

        /// Walks `path` from its origin toward the vantage point.
        func crossing(_ path: ArraySlice<Int32>, abroad: Bool) -> Crossing? {
            guard let last = path.last else { return nil }
            if abroad { return nodeCountries[Int(last)] == country ? nil : Crossing(upstream: last, border: nil) }
            guard nodeCountries[Int(last)] == country || nodeCountries[Int(last)] == nil else { return nil }
            var inside = last
            var position = path.endIndex - 1
            while position > path.startIndex {
                let previous = path[position - 1]
                switch nodeCountries[Int(previous)] {
                case country:
                    inside = previous
                    chain.insert(previous)
                case nil:
                    unknown.insert(previous)
                default:
                    return Crossing(upstream: previous, border: inside)
                }
                position -= 1
            }
            return nil
        }

        for (slot, prefix) in networks.prefixes.enumerated() {
            let weight = networks.weights[slot]
            let abroad = networks.servedFromAbroad[slot]
            if !abroad { chain.formUnion(networks.origins[slot]) }
            let range = routes.routes(of: prefix)
            var index = range.lowerBound
            // Routes are sorted by vantage point: take each vantage point's paths to this prefix together.
            while index < range.upperBound {
                let point = Int(routes.vantagePoints[index])
                var end = index + 1
                while end < range.upperBound && Int(routes.vantagePoints[end]) == point { end += 1 }
                defer { index = end }
                guard included[point] else { continue }
                let own = selection.ownNode[point]
                // The network's own origin is left out of its hegemony, unless it serves the country from abroad.
                let counted = abroad ? 0 : 1
                if end - index == 1 {
                    // One path, as nearly always: its weight is summed per path and the path walked
                    // once below, however many of the country's networks it leads to.
                    sums[point].seen += weight
                    singlePaths[point][UInt64(routes.paths[index]) << 1 | (abroad ? 1 : 0), default: 0] += weight
                    continue
                }
                var upstreams = Set<Int32>()
                var borders = Set<Int32>()
                var counts: [Int32: Int] = [:]
                var common: Set<Int32>?
                for route in index..<end {
                    let path = topology.paths[Int32(routes.paths[route])].drop { $0 == own }
                    guard !path.isEmpty else { continue }
                    for node in path.dropLast(counted) { counts[node, default: 0] += 1 }
                    let members = Set(path)
                    common = common.map { $0.intersection(members) } ?? members
                    guard let found = crossing(path, abroad: abroad) else { continue }
                    upstreams.insert(found.upstream)
                    if let border = found.border { borders.insert(border) }
                }
                let pathCount = Double(end - index)
                sums[point].seen += weight
                for (node, count) in counts { sums[point].hegemony[node, default: 0] += weight * Double(count) / pathCount }
                for node in common ?? [] { sums[point].onEvery[node, default: 0] += weight }
                guard !upstreams.isEmpty else { continue }
                sums[point].crossed += weight
                let organisations = Set(upstreams.map { organisationOfNode[Int($0)] })
                for upstream in upstreams { sums[point].upstream[upstream, default: 0] += weight / Double(upstreams.count) }
                for organisation in organisations {
                    sums[point].upstreamOrganisation[organisation, default: 0] += weight / Double(organisations.count)
                }
                if upstreams.count == 1, let only = upstreams.first { sums[point].only[only, default: 0] += weight }
                if organisations.count == 1, let only = organisations.first { sums[point].onlyOrganisation[only, default: 0] += weight }
                for border in borders { sums[point].border[border, default: 0] += weight / Double(borders.count) }
            }
        }
        for (point, weights) in singlePaths.enumerated() where !weights.isEmpty {
            let own = selection.ownNode[point]
            for (key, weight) in weights {
                let abroad = key & 1 == 1
                let path = topology.paths[Int32(truncatingIfNeeded: key >> 1)].drop { $0 == own }
                guard !path.isEmpty else { continue }
                for node in path.dropLast(abroad ? 0 : 1) { sums[point].hegemony[node, default: 0] += weight }
                for node in path { sums[point].onEvery[node, default: 0] += weight }
                guard let found = crossing(path, abroad: abroad) else { continue }
                let organisation = organisationOfNode[Int(found.upstream)]
                sums[point].crossed += weight
                sums[point].upstream[found.upstream, default: 0] += weight
                sums[point].only[found.upstream, default: 0] += weight
                sums[point].upstreamOrganisation[organisation, default: 0] += weight
                sums[point].onlyOrganisation[organisation, default: 0] += weight
                if let border = found.border { sums[point].border[border, default: 0] += weight }
            }
        }
        var metrics = PathMetrics()
        metrics.domesticChain = chain
        metrics.unknown = unknown
        let crossing = sums.enumerated().filter { $0.element.crossed > 0 }.map { ($0.offset, $0.element) }
        metrics.witnesses = crossing.count
        let upstream = combine(crossing) { tally in tally.upstream.mapValues { $0 / tally.crossed } }
        let only = combine(crossing) { tally in tally.only.mapValues { $0 / tally.crossed } }
        metrics.witnessASes = upstream.witnessCount
        metrics.upstreams = upstream.values.compactMap { node, value in
            guard value.mean > 1e-12 else { return nil }
            return (node, value.mean, min(value.mean, only.values[node]?.mean ?? 0), value.witnesses)
        }
        let upstreamOrganisation = combine(crossing) { tally in tally.upstreamOrganisation.mapValues { $0 / tally.crossed } }
        let onlyOrganisation = combine(crossing) { tally in tally.onlyOrganisation.mapValues { $0 / tally.crossed } }
        metrics.upstreamOrganisations = upstreamOrganisation.values.compactMap { organisation, value in
            guard value.mean > 1e-12 else { return nil }
            return (organisation, value.mean, min(value.mean, onlyOrganisation.values[organisation]?.mean ?? 0), value.witnesses)
        }
        let border = combine(crossing) { tally in tally.border.mapValues { $0 / tally.crossed } }
        metrics.borders = Set(border.values.filter { $0.value.mean > 1e-12 }.keys)
        let seeing = sums.enumerated().filter { $0.element.seen > 0 }.map { ($0.offset, $0.element) }
        let hegemony = combine(seeing) { tally in tally.hegemony.mapValues { $0 / tally.seen } }
        metrics.hegemony = hegemony.values.compactMap { node, value in
            value.mean > 1e-12 ? (node, value.mean, value.witnesses) : nil
        }
        let onEvery = combine(seeing) { tally in tally.onEvery.mapValues { $0 / tally.seen } }
        metrics.onEveryPath = onEvery.values.compactMap { node, value in value.mean > 1e-12 ? (node, value.mean) : nil }
        return metrics
    }

    /// Averages each witness's vantage points, then takes the trimmed mean across witnesses.
    private func combine(_ sums: [(Int, WitnessSums)], _ values: (WitnessSums) -> [Int32: Double])
        -> (values: [Int32: (mean: Double, witnesses: Int)], witnessCount: Int) {
        var byWitness: [Int: (count: Int, values: [Int32: Double])] = [:]
        for (point, tally) in sums {
            let group = selection.witness[point]
            var entry = byWitness[group] ?? (0, [:])
            entry.count += 1
            for (node, value) in values(tally) { entry.values[node, default: 0] += value }
            byWitness[group] = entry
        }
        var perNode: [Int32: [Double]] = [:]
        for (_, entry) in byWitness {
            for (node, value) in entry.values { perNode[node, default: []].append(value / Double(entry.count)) }
        }
        let witnessCount = byWitness.count
        var result: [Int32: (mean: Double, witnesses: Int)] = [:]
        for (node, list) in perNode {
            result[node] = (options.trimmedMean.mean(of: list, count: witnessCount), list.filter { $0 > 0 }.count)
        }
        return (result, witnessCount)
    }
}
