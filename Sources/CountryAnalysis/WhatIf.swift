import Foundation
import Dispatch
import ASTopology
import ReferenceData

/// The impact of a what-if: for each country, the networks that lose every route (or gain one).
public struct WhatIfResult: Encodable, Sendable, Hashable {
    /// One country's change.
    public struct CountryImpact: Codable, Sendable, Hashable {
        /// The country.
        public var country: String
        /// Networks (IPv4 prefixes with a known origin) reachable before and not after: the removed
        /// ASes' own networks and the collateral loss together.
        public var networksCut: Int
        /// The share of the country's address space (of its networks with a known origin) cut off.
        public var shareCut: Double
        /// The country's origin ASes reachable before and not after.
        public var originsCut: [UInt32]
        /// The country's networks with a known origin: what `networksCut` and `shareCut` count from.
        public var networks: Int
        /// Of the networks cut, those every origin of which was removed: they disappear with it.
        public var ownNetworksCut: Int
        /// Of the networks cut, those of other ASes that lost every route.
        public var collateralNetworksCut: Int
        /// Networks already unreachable before the change (not counted as cut).
        public var unreachableBefore: Int
        /// Networks unreachable before and reachable after (an added link can do that).
        public var networksRestored: Int
        /// Networks located in the country with no known origin, outside every count above.
        public var unknownOriginNetworks: Int

        /// Creates an impact.
        public init(country: String, networksCut: Int, shareCut: Double, originsCut: [UInt32], networks: Int,
                    ownNetworksCut: Int = 0, collateralNetworksCut: Int? = nil, unreachableBefore: Int = 0,
                    networksRestored: Int = 0, unknownOriginNetworks: Int = 0) {
            self.country = country
            self.networksCut = networksCut
            self.shareCut = shareCut
            self.originsCut = originsCut
            self.networks = networks
            self.ownNetworksCut = ownNetworksCut
            self.collateralNetworksCut = collateralNetworksCut ?? networksCut - ownNetworksCut
            self.unreachableBefore = unreachableBefore
            self.networksRestored = networksRestored
            self.unknownOriginNetworks = unknownOriginNetworks
        }
    }

    /// The ASes removed.
    public var removed: [UInt32]
    /// The organisations removed (with all their ASes), when organisations were named.
    public var organisations: [String]?
    /// Links cut.
    public var removedLinks: [WhatIfScenario.Link] = []
    /// Links added.
    public var addedLinks: [WhatIfScenario.Link] = []
    /// How reachability was decided.
    public var routing: WhatIfScenario.Routing = .topological
    /// Countries that lose or regain anything, largest share lost first.
    public var countries: [CountryImpact]
    /// The vantage points the graph's observed edges come from.
    public var view: VantagePointView?
    /// Countries a cut or added link touches (an end placed there, or an origin of its networks),
    /// under policy before and after the change.
    public var policyChanges: [PolicyChange] = []

    /// One country under policy before and after a change of links.
    public struct PolicyChange: Codable, Sendable, Hashable {
        /// The country.
        public var country: String
        /// Before.
        public var before: PolicyProfile
        /// After.
        public var after: PolicyProfile
    }

    /// Creates a result.
    public init(removed: [UInt32], organisations: [String]? = nil, removedLinks: [WhatIfScenario.Link] = [],
                addedLinks: [WhatIfScenario.Link] = [], routing: WhatIfScenario.Routing = .topological,
                countries: [CountryImpact], view: VantagePointView? = nil) {
        self.removed = removed
        self.organisations = organisations
        self.removedLinks = removedLinks
        self.addedLinks = addedLinks
        self.routing = routing
        self.countries = countries
        self.view = view
    }
}

extension CountryAnalyzer {
    /// Removes `asns` and reports, for every country, what is left with no path from the world
    /// (by any path of the graph, as this analysis first did; `whatIf(_:)` also asks under policy).
    public func whatIf(removing asns: [UInt32]) -> WhatIfResult {
        whatIf(WhatIfScenario(removedASes: asns, routing: .topological))
    }

    /// The impact of `scenario` on every country with located networks.
    public func whatIf(_ scenario: WhatIfScenario) -> WhatIfResult {
        let countries = self.countries
        let world = WhatIfWorld(analyzer: self, scenario: scenario)
        // Countries are independent: each is read from its own graph, on every core.
        let slots = ResultSlots<WhatIfResult.CountryImpact?>(count: countries.count)
        DispatchQueue.concurrentPerform(iterations: countries.count) { index in
            slots.store(world.impact(on: countries[index]), at: index)
        }
        var impacts = slots.values.compactMap { $0 }
        impacts.sort {
            ($0.shareCut, $0.networksCut, $0.networksRestored) != ($1.shareCut, $1.networksCut, $1.networksRestored)
                ? ($0.shareCut, $0.networksCut, $0.networksRestored) > ($1.shareCut, $1.networksCut, $1.networksRestored)
                : $0.country < $1.country
        }
        var result = WhatIfResult(removed: scenario.removedASes.sorted(), removedLinks: scenario.removedLinks,
                                  addedLinks: scenario.addedLinks, routing: world.routing, countries: impacts)
        result.policyChanges = world.policyChanges()
        return result
    }

    /// Every single AS failure ranked by the damage it does to `country` (largest share cut first,
    /// then most networks), at most `limit` of them. Only ASes on the country's best routes from
    /// the core (under policy) or on its graph (topologically) can do damage, so only those are tried.
    public func worstFailures(of country: CountryCode, routing: WhatIfScenario.Routing = .policy, limit: Int = 10) -> [WorstFailure] {
        let world = WhatIfWorld(analyzer: self, scenario: WhatIfScenario(routing: routing))
        let candidates = world.candidates(for: country)
        let slots = ResultSlots<WorstFailure?>(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
            let asn = topology.asns[Int(candidates[index])]
            let single = WhatIfWorld(analyzer: self, scenario: WhatIfScenario(removedASes: [asn], routing: routing))
            guard let impact = single.impact(on: country), impact.networksCut > 0 else { return }
            slots.store(WorstFailure(asn: asn, name: names[asn], domestic: nodeCountries[Int(candidates[index])] == country,
                                     impact: impact), at: index)
        }
        return Array(slots.values.compactMap { $0 }.sorted {
            ($0.impact.shareCut, $0.impact.networksCut) != ($1.impact.shareCut, $1.impact.networksCut)
                ? ($0.impact.shareCut, $0.impact.networksCut) > ($1.impact.shareCut, $1.impact.networksCut) : $0.asn < $1.asn
        }.prefix(limit))
    }
}

extension WhatIfResult.CountryImpact {
    /// The share of space cut as a percentage with one decimal, never rounded up to 100% when
    /// something is left nor down to 0% when something is cut: one rule for tables, the report and
    /// the chart.
    public var shareCutText: String {
        let tenths = (shareCut * 1000).rounded(.down) / 10
        return String(format: "%.1f%%", shareCut > 0 && tenths == 0 ? 0.1 : tenths)
    }
}

/// One AS's failure and what it does to a country.
public struct WorstFailure: Codable, Sendable, Hashable {
    /// The AS.
    public var asn: UInt32
    /// Its name.
    public var name: String?
    /// Whether it is placed in the country.
    public var domestic: Bool
    /// What its failure cuts.
    public var impact: WhatIfResult.CountryImpact
}
