import InternetAddresses
import ReferenceData

/// Everything the engine measures for one country: the value behind `--format json`.
public struct CountryProfile: Encodable, Sendable, Hashable {
    /// An international upstream seen on observed paths: a foreign AS through which the country's
    /// networks are reached.
    public struct Upstream: Codable, Sendable, Hashable {
        /// The upstream AS.
        public var asn: UInt32
        /// Its name, when known.
        public var name: String?
        /// Its organisation's id (`AS<n>` when no source places it in one).
        public var organisation: String?
        /// The share of the country's address space it carries: per witness, each network's weight
        /// split equally over the upstreams that witness saw for it; witnesses' shares combined by
        /// a trimmed mean; the shares of all upstreams then scaled to sum to 1.
        public var share: Double
        /// The share of the address space for which it is the only upstream any witness saw.
        public var onlyShare: Double
        /// `path`, or `both` when AS relationships also make it a provider of a domestic AS.
        public var evidence: UpstreamEvidence
        /// How many witnesses (vantage-point ASes) saw it as an upstream.
        public var witnesses: Int
        /// Its rank by share, from 1; upstreams with equal shares share a rank (a tie is never broken).
        public var rank: Int

        /// Creates an entry.
        public init(asn: UInt32, name: String? = nil, organisation: String? = nil, share: Double, onlyShare: Double,
                    evidence: UpstreamEvidence, witnesses: Int, rank: Int = 1) {
            self.asn = asn
            self.name = name
            self.organisation = organisation
            self.share = share
            self.onlyShare = onlyShare
            self.evidence = evidence
            self.witnesses = witnesses
            self.rank = rank
        }
    }

    /// A foreign provider of a domestic AS by AS relationships that no witness saw on a path: it may
    /// carry traffic the view does not show, and it gets no share.
    public struct PossibleUpstream: Codable, Sendable, Hashable {
        /// The provider.
        public var asn: UInt32
        /// Its name, when known.
        public var name: String?
        /// Its organisation's id.
        public var organisation: String?
        /// The domestic ASes it is a provider of.
        public var customers: [UInt32]

        /// Creates an entry.
        public init(asn: UInt32, name: String? = nil, organisation: String? = nil, customers: [UInt32]) {
            self.asn = asn
            self.name = name
            self.organisation = organisation
            self.customers = customers
        }
    }

    /// An AS whose failure would cut off part of the country.
    public struct PointOfFailure: Codable, Sendable, Hashable {
        /// The AS.
        public var asn: UInt32
        /// Its name, when known.
        public var name: String?
        /// The share of the country's address space whose origins it dominates.
        public var dominatedShare: Double
        /// Whether the AS is placed in the country.
        public var domestic: Bool

        /// Creates an entry.
        public init(asn: UInt32, name: String? = nil, dominatedShare: Double, domestic: Bool) {
            self.asn = asn
            self.name = name
            self.dominatedShare = dominatedShare
            self.domestic = domestic
        }
    }

    /// An AS's hegemony over the country: the trimmed mean, over witnesses, of the share of the
    /// country's address space whose paths cross it.
    public struct Hegemony: Codable, Sendable, Hashable {
        /// The AS.
        public var asn: UInt32
        /// Its name, when known.
        public var name: String?
        /// 0 to 1.
        public var hegemony: Double
        /// How many witnesses saw it on their paths toward the country.
        public var witnesses: Int
        /// Whether the AS is placed in the country.
        public var domestic: Bool

        /// Creates an entry.
        public init(asn: UInt32, name: String? = nil, hegemony: Double, witnesses: Int, domestic: Bool) {
            self.asn = asn
            self.name = name
            self.hegemony = hegemony
            self.witnesses = witnesses
            self.domestic = domestic
        }
    }

    /// A minimum vertex cut between the world side (the core of large transit ASes) and the
    /// country's origins.
    public struct Cut: Encodable, Sendable, Hashable {
        /// How many ASes; when the cut reaches the core, the number of disjoint ways in found.
        public var size: Int
        /// The ASes of one minimum cut (at the limit: those found so far).
        public var asns: [UInt32]
        /// Whether the true value may be larger (the search stopped at its limit).
        public var isLowerBound: Bool
        /// Whether no cut exists short of the core: the country is cut off only if core ASes fail.
        public var reachesCore: Bool
        /// Whether the search stopped at `--cut-limit`.
        public var limitReached: Bool
        /// Whether nothing can cut it (an origin adjoins the world side).
        public var unbounded: Bool

        /// What `size` means, for tables that carry it as a plain number.
        public enum Bound: String, Codable, Sendable {
            /// The size of a minimum cut.
            case exact
            /// At least this many: the search stopped at its limit.
            case atLeast
            /// No cut short of the core; the size is the number of disjoint ways in.
            case core
            /// No cut short of the core, and at least this many ways in (the search stopped at its limit).
            case coreAtLeast
            /// Nothing can cut it; the size means nothing.
            case none

            /// The bound of a cut that nothing can make (`unbounded`), that only the core makes
            /// (`reachesCore`), and whose search stopped at its limit (`atLeast`).
            init(unbounded: Bool, reachesCore: Bool, atLeast: Bool) {
                if unbounded {
                    self = .none
                } else if reachesCore {
                    self = atLeast ? .coreAtLeast : .core
                } else {
                    self = atLeast ? .atLeast : .exact
                }
            }
        }

        /// What `size` means.
        public var bound: Bound {
            Bound(unbounded: unbounded, reachesCore: reachesCore, atLeast: reachesCore ? limitReached : isLowerBound)
        }

        private enum CodingKeys: String, CodingKey {
            case size, asns, isLowerBound, reachesCore, limitReached, unbounded, bound
        }

        /// Encodes the cut with `bound`, the word CSV carries for it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(size, forKey: .size)
            try container.encode(asns, forKey: .asns)
            try container.encode(isLowerBound, forKey: .isLowerBound)
            try container.encode(reachesCore, forKey: .reachesCore)
            try container.encode(limitReached, forKey: .limitReached)
            try container.encode(unbounded, forKey: .unbounded)
            try container.encode(bound, forKey: .bound)
        }

        /// Creates a cut.
        public init(size: Int, asns: [UInt32], isLowerBound: Bool, reachesCore: Bool = false, limitReached: Bool = false,
                    unbounded: Bool = false) {
            self.size = size
            self.asns = asns
            self.isLowerBound = isLowerBound
            self.reachesCore = reachesCore
            self.limitReached = limitReached
            self.unbounded = unbounded
        }
    }

    /// The three minimum cuts.
    public struct Cuts: Encodable, Sendable, Hashable {
        /// Any AS removable.
        public var kappa: Cut
        /// Only foreign ASes removable.
        public var kappaInternational: Cut
        /// Only domestic ASes removable.
        public var kappaDomestic: Cut

        /// Creates the cuts.
        public init(kappa: Cut, kappaInternational: Cut, kappaDomestic: Cut) {
            self.kappa = kappa
            self.kappaInternational = kappaInternational
            self.kappaDomestic = kappaDomestic
        }

        /// Each cut with its JSON key, in a fixed order.
        public var named: [(name: String, cut: Cut)] {
            [("kappa", kappa), ("kappaInternational", kappaInternational), ("kappaDomestic", kappaDomestic)]
        }
    }

    /// An organisation (a company, as Renesys counted them): its id, its name when known, and its
    /// ASes that play the part in question.
    public struct Organisation: Codable, Sendable, Hashable {
        /// CAIDA's org id, `<registry>:<opaque id>` from an extended delegation file, or `AS<n>` for
        /// an AS no source places in an organisation.
        public var organisation: String
        /// Its name, when known.
        public var name: String?
        /// Its ASes concerned.
        public var asns: [UInt32]
        /// How many ASes it holds in all.
        public var members: Int

        /// Creates an entry.
        public init(organisation: String, name: String?, asns: [UInt32], members: Int? = nil) {
            self.organisation = organisation
            self.name = name
            self.asns = asns
            self.members = members ?? asns.count
        }
    }

    /// An upstream organisation: its upstream ASes' shares taken together (per witness, then combined).
    public struct OrganisationShare: Codable, Sendable, Hashable {
        /// The organisation.
        public var organisation: String
        /// Its name, when known.
        public var name: String?
        /// Its ASes seen as upstreams.
        public var asns: [UInt32]
        /// How many ASes it holds in all.
        public var members: Int
        /// The share of the country's space it carries, scaled with the others to sum to 1.
        public var share: Double
        /// The share for which it is the only upstream organisation any witness saw.
        public var onlyShare: Double
        /// How many witnesses saw it as an upstream.
        public var witnesses: Int

        /// Creates an entry.
        public init(organisation: String, name: String?, asns: [UInt32], members: Int? = nil, share: Double, onlyShare: Double,
                    witnesses: Int) {
            self.organisation = organisation
            self.name = name
            self.asns = asns
            self.members = members ?? asns.count
            self.share = share
            self.onlyShare = onlyShare
            self.witnesses = witnesses
        }
    }

    /// A minimum AS cut counted in organisations: removing these organisations (all their ASes)
    /// cuts the country off. Another cut may need fewer organisations (the minimum by organisation is
    /// NP-hard in general), so the size is exact when it is 1 and otherwise the fewest shown.
    public struct OrganisationCut: Encodable, Sendable, Hashable {
        /// How many organisations.
        public var size: Int
        /// The organisations of one minimum cut.
        public var organisations: [String]
        /// Their ASes in the graph into the country.
        public var asns: [UInt32]
        /// Whether the true value may be larger (as for `Cut`).
        public var isLowerBound: Bool
        /// Whether the cut reaches the core (as for `Cut`).
        public var reachesCore: Bool
        /// Whether nothing can cut it (as for `Cut`).
        public var unbounded: Bool

        /// Creates a cut.
        public init(size: Int, organisations: [String], asns: [UInt32], isLowerBound: Bool, reachesCore: Bool = false,
                    unbounded: Bool = false) {
            self.size = size
            self.organisations = organisations
            self.asns = asns
            self.isLowerBound = isLowerBound
            self.reachesCore = reachesCore
            self.unbounded = unbounded
        }

        /// What `size` means (as for `Cut`).
        public var bound: Cut.Bound {
            Cut.Bound(unbounded: unbounded, reachesCore: reachesCore, atLeast: isLowerBound)
        }

        private enum CodingKeys: String, CodingKey {
            case size, organisations, asns, isLowerBound, reachesCore, unbounded, bound
        }

        /// Encodes the cut with `bound`, the word CSV carries for it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(size, forKey: .size)
            try container.encode(organisations, forKey: .organisations)
            try container.encode(asns, forKey: .asns)
            try container.encode(isLowerBound, forKey: .isLowerBound)
            try container.encode(reachesCore, forKey: .reachesCore)
            try container.encode(unbounded, forKey: .unbounded)
            try container.encode(bound, forKey: .bound)
        }
    }

    /// The three minimum transit cuts counted in organisations.
    public struct OrganisationCuts: Encodable, Sendable, Hashable {
        /// Any organisation removable.
        public var kappa: OrganisationCut
        /// Only foreign organisations (all of whose ASes are foreign) removable.
        public var kappaInternational: OrganisationCut
        /// Only domestic organisations removable.
        public var kappaDomestic: OrganisationCut

        /// Creates the cuts.
        public init(kappa: OrganisationCut, kappaInternational: OrganisationCut, kappaDomestic: OrganisationCut) {
            self.kappa = kappa
            self.kappaInternational = kappaInternational
            self.kappaDomestic = kappaDomestic
        }
    }

    /// The ISO country code.
    public var country: CountryCode
    /// The networks every metric below is computed on.
    public var family: AddressFamily
    /// Distinct routed prefixes of `family` located in the country (Dyn's "networks", for IPv4).
    public var networks: Int
    /// Distinct routed IPv6 prefixes located in the country.
    public var networksIPv6: Int
    /// Address space in /24 equivalents for IPv4 (/48 equivalents for IPv6), covered more-specifics
    /// counted once.
    public var addressSpace24: Double
    /// Origin ASes registered in the country.
    public var originASes: [UInt32]
    /// Origin ASes registered elsewhere that originate prefixes located in the country.
    public var foreignOriginASes: [UInt32]
    /// Prefixes located in the country whose origins are all foreign-registered (left out of what follows).
    public var foreignOriginatedNetworks: Int
    /// Prefixes located in the country with no known origin (left out of what follows).
    public var unknownOriginNetworks: Int
    /// The share of the address space whose origins are all foreign: served from abroad, the
    /// foreign origin being its upstream.
    public var servedFromAbroad: Double
    /// Origin ASes by what placed them (`originatedSpace`, `organisation`, `registration`, `unknown`).
    public var originBasis: [String: Int]
    /// ASes placed nowhere that the witnesses' paths into the country cross (skipped by the border walk).
    public var unknownASes: [UInt32]
    /// Domestic ASes with a foreign upstream by path (as the witnesses agree) or relationship evidence.
    public var borderASes: [UInt32]
    /// The companies at the country's frontier: the organisations of the border ASes, and of the
    /// foreign ASes that serve networks from abroad.
    public var borderOrganisations: [Organisation]
    /// The Renesys tier from the number of border organisations, as Renesys counted.
    public var tier: ResilienceTier
    /// The tier from the number of border ASes.
    public var tierByASes: ResilienceTier
    /// The international upstreams seen on paths, largest share first; equal shares share a rank.
    public var upstreams: [Upstream]
    /// Foreign providers by AS relationships that no witness saw on a path.
    public var possibleUpstreams: [PossibleUpstream]
    /// How many international upstreams were seen on paths.
    public var upstreamCount: Int
    /// The upstreams grouped by organisation, largest share first.
    public var upstreamOrganisations: [OrganisationShare]
    /// The effective number of upstream organisations, 1 / Σ share².
    public var effectiveUpstreamOrganisations: Double
    /// The Herfindahl-Hirschman index of the upstream shares.
    public var hhi: Double
    /// The effective number of upstreams, 1 / HHI.
    public var effectiveUpstreams: Double
    /// The fewest ASes whose removal leaves none of the country's origins reachable.
    public var kappa: Int
    /// The same with only foreign ASes removable.
    public var kappaInternational: Int
    /// The same with only domestic ASes removable.
    public var kappaDomestic: Int
    /// The cuts behind the three kappas (the origins removable).
    public var cuts: Cuts
    /// The fewest ASes, short of the core, whose removal leaves none of the country's origins
    /// reachable, the origins themselves not removable: what its transit depends on.
    public var kappaTransit: Int
    /// The same with only foreign ASes removable.
    public var kappaTransitInternational: Int
    /// The same with only domestic ASes removable.
    public var kappaTransitDomestic: Int
    /// The cuts behind the three transit kappas.
    public var transitCuts: Cuts
    /// The same cuts by organisation.
    public var organisationCuts: OrganisationCuts
    /// ASes dominating at least the point-of-failure threshold (0.99) of the address space.
    public var pointsOfFailure: [PointOfFailure]
    /// The points of failure other than the country's own origins: what its transit hangs on.
    public var transitPointsOfFailure: [PointOfFailure]
    /// Whether one domestic origin AS originates all of the country's space it originates.
    public var singleOrigin: Bool
    /// ASes dominating at least the critical threshold (0.5), points of failure included.
    public var criticalASes: [PointOfFailure]
    /// The observed-path view: ASes on every path a witness saw to networks holding at least the
    /// critical share of the address space (trimmed mean over witnesses), with that share.
    public var observedPathChokepoints: [PointOfFailure]
    /// Every AS with a hegemony over the country, largest first.
    public var hegemony: [Hegemony]
    /// The share of the address space held by the largest origin AS.
    public var originConcentration: Double
    /// Vantage points that saw a path crossing into the country.
    public var witnesses: Int
    /// Distinct ASes of those vantage points: the number of independent witnesses.
    public var witnessASes: Int
    /// How far the path metrics can be trusted, from the number of independent witnesses; `low`
    /// whatever their number when the routes are simulated, as they all rest on one data set.
    public var confidence: Confidence
    /// What the path metrics rest on: routes observed at collectors, or simulated over AS relationships.
    public var routes: RouteBasis = .observed {
        didSet { if routes == .simulated { confidence = min(confidence, .low) } }
    }
    /// 0-100, higher is more resilient; nil when the country has nothing to measure.
    public var score: Double?
    /// Why there is no score, when there is none.
    public var scoreReason: String?
    /// The score's three parts (zero when there is no score).
    public var scoreParts: ResilienceScore.Parts
    /// The country under routing policy (simulated routes), beside the observed-path metrics above;
    /// nil without AS relationships.
    public var policy: PolicyProfile?

    /// Creates a profile (the analyzer makes them; tests and tools may too).
    public init(country: CountryCode, family: AddressFamily, networks: Int, networksIPv6: Int, addressSpace24: Double,
                originASes: [UInt32], foreignOriginASes: [UInt32], foreignOriginatedNetworks: Int, unknownOriginNetworks: Int,
                servedFromAbroad: Double = 0, originBasis: [String: Int] = [:], unknownASes: [UInt32] = [],
                borderASes: [UInt32], borderOrganisations: [Organisation]? = nil, upstreams: [Upstream],
                upstreamOrganisations: [OrganisationShare]? = nil, possibleUpstreams: [PossibleUpstream],
                hhi: Double, effectiveUpstreams: Double, cuts: Cuts, transitCuts: Cuts? = nil,
                organisationCuts: OrganisationCuts? = nil, pointsOfFailure: [PointOfFailure],
                criticalASes: [PointOfFailure], observedPathChokepoints: [PointOfFailure], hegemony: [Hegemony],
                originConcentration: Double, witnesses: Int, witnessASes: Int, score: Double?, scoreReason: String?,
                scoreParts: ResilienceScore.Parts) {
        self.country = country
        self.family = family
        self.networks = networks
        self.networksIPv6 = networksIPv6
        self.addressSpace24 = addressSpace24
        self.originASes = originASes
        self.foreignOriginASes = foreignOriginASes
        self.foreignOriginatedNetworks = foreignOriginatedNetworks
        self.unknownOriginNetworks = unknownOriginNetworks
        self.servedFromAbroad = servedFromAbroad
        self.originBasis = originBasis
        self.unknownASes = unknownASes
        self.borderASes = borderASes
        // Without organisation data every AS stands for itself.
        let borderOrganisations = borderOrganisations ?? borderASes.map { Organisation(organisation: "AS\($0)", name: nil, asns: [$0]) }
        self.borderOrganisations = borderOrganisations
        self.tier = ResilienceTier(borderCount: borderOrganisations.count)
        self.tierByASes = ResilienceTier(borderCount: borderASes.count)
        self.upstreams = upstreams
        self.possibleUpstreams = possibleUpstreams
        self.upstreamCount = upstreams.count
        let organisations = upstreamOrganisations ?? upstreams.map {
            OrganisationShare(organisation: "AS\($0.asn)", name: $0.name, asns: [$0.asn], share: $0.share, onlyShare: $0.onlyShare,
                              witnesses: $0.witnesses)
        }
        self.upstreamOrganisations = organisations
        let organisationHHI = organisations.reduce(0) { $0 + $1.share * $1.share }
        self.effectiveUpstreamOrganisations = organisationHHI > 0 ? 1 / organisationHHI : 0
        self.hhi = hhi
        self.effectiveUpstreams = effectiveUpstreams
        self.kappa = cuts.kappa.size
        self.kappaInternational = cuts.kappaInternational.size
        self.kappaDomestic = cuts.kappaDomestic.size
        self.cuts = cuts
        let transitCuts = transitCuts ?? cuts
        self.transitCuts = transitCuts
        self.kappaTransit = transitCuts.kappa.size
        self.kappaTransitInternational = transitCuts.kappaInternational.size
        self.kappaTransitDomestic = transitCuts.kappaDomestic.size
        func byAS(_ cut: Cut) -> OrganisationCut {
            OrganisationCut(size: cut.size, organisations: cut.asns.map { "AS\($0)" }, asns: cut.asns, isLowerBound: cut.isLowerBound,
                            reachesCore: cut.reachesCore, unbounded: cut.unbounded)
        }
        self.organisationCuts = organisationCuts ?? OrganisationCuts(
            kappa: byAS(transitCuts.kappa), kappaInternational: byAS(transitCuts.kappaInternational),
            kappaDomestic: byAS(transitCuts.kappaDomestic))
        self.pointsOfFailure = pointsOfFailure
        self.transitPointsOfFailure = pointsOfFailure.filter { !originASes.contains($0.asn) }
        self.singleOrigin = originASes.count == 1
        self.criticalASes = criticalASes
        self.observedPathChokepoints = observedPathChokepoints
        self.hegemony = hegemony
        self.originConcentration = originConcentration
        self.witnesses = witnesses
        self.witnessASes = witnessASes
        self.confidence = Confidence(witnessASes: witnessASes)
        self.score = score
        self.scoreReason = scoreReason
        self.scoreParts = scoreParts
    }

    private enum CodingKeys: String, CodingKey {
        case country, family, networks, networksIPv6, addressSpace24, originASes, foreignOriginASes, foreignOriginatedNetworks
        case unknownOriginNetworks, servedFromAbroad, originBasis, unknownASes, borderASes, borderOrganisations, tier, tierByASes
        case upstreams, upstreamOrganisations, effectiveUpstreamOrganisations, possibleUpstreams, upstreamCount, hhi, effectiveUpstreams
        case kappa, kappaInternational, kappaDomestic, cuts, kappaTransit, kappaTransitInternational, kappaTransitDomestic, transitCuts
        case organisationCuts, pointsOfFailure, transitPointsOfFailure, singleOrigin, criticalASes, observedPathChokepoints, hegemony
        case originConcentration, witnesses, witnessASes, confidence, routes, score, scoreReason, scoreParts, policy
    }

    /// Encodes every key, with `null` for a missing score (and its reason), so that readers see the key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(country, forKey: .country)
        try container.encode(family.description, forKey: .family)
        try container.encode(networks, forKey: .networks)
        try container.encode(networksIPv6, forKey: .networksIPv6)
        try container.encode(addressSpace24, forKey: .addressSpace24)
        try container.encode(originASes, forKey: .originASes)
        try container.encode(foreignOriginASes, forKey: .foreignOriginASes)
        try container.encode(foreignOriginatedNetworks, forKey: .foreignOriginatedNetworks)
        try container.encode(unknownOriginNetworks, forKey: .unknownOriginNetworks)
        try container.encode(servedFromAbroad, forKey: .servedFromAbroad)
        try container.encode(originBasis, forKey: .originBasis)
        try container.encode(unknownASes, forKey: .unknownASes)
        try container.encode(borderASes, forKey: .borderASes)
        try container.encode(borderOrganisations, forKey: .borderOrganisations)
        try container.encode(tier, forKey: .tier)
        try container.encode(tierByASes, forKey: .tierByASes)
        try container.encode(upstreams, forKey: .upstreams)
        try container.encode(upstreamOrganisations, forKey: .upstreamOrganisations)
        try container.encode(effectiveUpstreamOrganisations, forKey: .effectiveUpstreamOrganisations)
        try container.encode(possibleUpstreams, forKey: .possibleUpstreams)
        try container.encode(upstreamCount, forKey: .upstreamCount)
        try container.encode(hhi, forKey: .hhi)
        try container.encode(effectiveUpstreams, forKey: .effectiveUpstreams)
        try container.encode(kappa, forKey: .kappa)
        try container.encode(kappaInternational, forKey: .kappaInternational)
        try container.encode(kappaDomestic, forKey: .kappaDomestic)
        try container.encode(cuts, forKey: .cuts)
        try container.encode(kappaTransit, forKey: .kappaTransit)
        try container.encode(kappaTransitInternational, forKey: .kappaTransitInternational)
        try container.encode(kappaTransitDomestic, forKey: .kappaTransitDomestic)
        try container.encode(transitCuts, forKey: .transitCuts)
        try container.encode(organisationCuts, forKey: .organisationCuts)
        try container.encode(pointsOfFailure, forKey: .pointsOfFailure)
        try container.encode(transitPointsOfFailure, forKey: .transitPointsOfFailure)
        try container.encode(singleOrigin, forKey: .singleOrigin)
        try container.encode(criticalASes, forKey: .criticalASes)
        try container.encode(observedPathChokepoints, forKey: .observedPathChokepoints)
        try container.encode(hegemony, forKey: .hegemony)
        try container.encode(originConcentration, forKey: .originConcentration)
        try container.encode(witnesses, forKey: .witnesses)
        try container.encode(witnessASes, forKey: .witnessASes)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(routes, forKey: .routes)
        try container.encode(score, forKey: .score)
        try container.encode(scoreReason, forKey: .scoreReason)
        try container.encode(scoreParts, forKey: .scoreParts)
        try container.encode(policy, forKey: .policy)
    }
}

/// How an upstream was seen.
public enum UpstreamEvidence: String, Codable, Sendable, Hashable {
    /// On observed paths only.
    case path
    /// On observed paths, and a provider of a domestic AS by AS relationships.
    case both
}
