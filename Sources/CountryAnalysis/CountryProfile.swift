import InternetAddresses
import ReferenceData

/// Everything the engine measures for one country: the value behind `--format json`.
public struct CountryProfile: Encodable, Sendable, Hashable {
    /// An international upstream seen on observed paths: a foreign AS through which the country's
    /// networks are reached.
    public struct Upstream: Codable, Sendable, Hashable {
        /// The upstream AS.
        public var asn: UInt32
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

        /// Creates an entry.
        public init(asn: UInt32, share: Double, onlyShare: Double, evidence: UpstreamEvidence, witnesses: Int) {
            self.asn = asn
            self.share = share
            self.onlyShare = onlyShare
            self.evidence = evidence
            self.witnesses = witnesses
        }
    }

    /// A foreign provider of a domestic AS by AS relationships that no witness saw on a path: it may
    /// carry traffic the view does not show, and it gets no share.
    public struct PossibleUpstream: Codable, Sendable, Hashable {
        /// The provider.
        public var asn: UInt32
        /// The domestic ASes it is a provider of.
        public var customers: [UInt32]

        /// Creates an entry.
        public init(asn: UInt32, customers: [UInt32]) {
            self.asn = asn
            self.customers = customers
        }
    }

    /// An AS whose failure would cut off part of the country.
    public struct PointOfFailure: Codable, Sendable, Hashable {
        /// The AS.
        public var asn: UInt32
        /// The share of the country's address space whose origins it dominates.
        public var dominatedShare: Double
        /// Whether the AS is registered in the country.
        public var domestic: Bool

        /// Creates an entry.
        public init(asn: UInt32, dominatedShare: Double, domestic: Bool) {
            self.asn = asn
            self.dominatedShare = dominatedShare
            self.domestic = domestic
        }
    }

    /// An AS's hegemony over the country: the trimmed mean, over witnesses, of the share of the
    /// country's address space whose paths cross it.
    public struct Hegemony: Codable, Sendable, Hashable {
        /// The AS.
        public var asn: UInt32
        /// 0 to 1.
        public var hegemony: Double
        /// How many witnesses saw it on their paths toward the country.
        public var witnesses: Int
        /// Whether the AS is registered in the country.
        public var domestic: Bool

        /// Creates an entry.
        public init(asn: UInt32, hegemony: Double, witnesses: Int, domestic: Bool) {
            self.asn = asn
            self.hegemony = hegemony
            self.witnesses = witnesses
            self.domestic = domestic
        }
    }

    /// A minimum vertex cut.
    public struct Cut: Codable, Sendable, Hashable {
        /// How many ASes.
        public var size: Int
        /// The ASes of one minimum cut.
        public var asns: [UInt32]
        /// Whether the true value may be larger: the cut runs through the vantage points or the
        /// clique (beyond which nothing is seen), or no cut was found within the search limit.
        public var isLowerBound: Bool

        /// Creates a cut.
        public init(size: Int, asns: [UInt32], isLowerBound: Bool) {
            self.size = size
            self.asns = asns
            self.isLowerBound = isLowerBound
        }
    }

    /// The three minimum cuts.
    public struct Cuts: Codable, Sendable, Hashable {
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
    /// Domestic ASes with a foreign upstream by path (as the witnesses agree) or relationship evidence.
    public var borderASes: [UInt32]
    /// The Renesys tier from the number of border ASes.
    public var tier: ResilienceTier
    /// The international upstreams seen on paths, largest share first; equal shares share a rank.
    public var upstreams: [Upstream]
    /// Foreign providers by AS relationships that no witness saw on a path.
    public var possibleUpstreams: [PossibleUpstream]
    /// How many international upstreams were seen on paths.
    public var upstreamCount: Int
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
    /// The cuts behind the three kappas.
    public var cuts: Cuts
    /// ASes dominating at least the point-of-failure threshold (0.99) of the address space.
    public var pointsOfFailure: [PointOfFailure]
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
    /// How far the path metrics can be trusted, from the number of independent witnesses.
    public var confidence: Confidence
    /// 0-100, higher is more resilient; nil when the country has nothing to measure.
    public var score: Double?
    /// Why there is no score, when there is none.
    public var scoreReason: String?
    /// The score's three parts (zero when there is no score).
    public var scoreParts: ResilienceScore.Parts

    /// Creates a profile (the analyzer makes them; tests and tools may too).
    public init(country: CountryCode, family: AddressFamily, networks: Int, networksIPv6: Int, addressSpace24: Double,
                originASes: [UInt32], foreignOriginASes: [UInt32], foreignOriginatedNetworks: Int, unknownOriginNetworks: Int,
                borderASes: [UInt32], tier: ResilienceTier, upstreams: [Upstream], possibleUpstreams: [PossibleUpstream],
                hhi: Double, effectiveUpstreams: Double, cuts: Cuts, pointsOfFailure: [PointOfFailure],
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
        self.borderASes = borderASes
        self.tier = tier
        self.upstreams = upstreams
        self.possibleUpstreams = possibleUpstreams
        self.upstreamCount = upstreams.count
        self.hhi = hhi
        self.effectiveUpstreams = effectiveUpstreams
        self.kappa = cuts.kappa.size
        self.kappaInternational = cuts.kappaInternational.size
        self.kappaDomestic = cuts.kappaDomestic.size
        self.cuts = cuts
        self.pointsOfFailure = pointsOfFailure
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
        case unknownOriginNetworks, borderASes, tier, upstreams, possibleUpstreams, upstreamCount, hhi, effectiveUpstreams
        case kappa, kappaInternational, kappaDomestic, cuts, pointsOfFailure, criticalASes, observedPathChokepoints, hegemony
        case originConcentration, witnesses, witnessASes, confidence, score, scoreReason, scoreParts
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
        try container.encode(borderASes, forKey: .borderASes)
        try container.encode(tier, forKey: .tier)
        try container.encode(upstreams, forKey: .upstreams)
        try container.encode(possibleUpstreams, forKey: .possibleUpstreams)
        try container.encode(upstreamCount, forKey: .upstreamCount)
        try container.encode(hhi, forKey: .hhi)
        try container.encode(effectiveUpstreams, forKey: .effectiveUpstreams)
        try container.encode(kappa, forKey: .kappa)
        try container.encode(kappaInternational, forKey: .kappaInternational)
        try container.encode(kappaDomestic, forKey: .kappaDomestic)
        try container.encode(cuts, forKey: .cuts)
        try container.encode(pointsOfFailure, forKey: .pointsOfFailure)
        try container.encode(criticalASes, forKey: .criticalASes)
        try container.encode(observedPathChokepoints, forKey: .observedPathChokepoints)
        try container.encode(hegemony, forKey: .hegemony)
        try container.encode(originConcentration, forKey: .originConcentration)
        try container.encode(witnesses, forKey: .witnesses)
        try container.encode(witnessASes, forKey: .witnessASes)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(score, forKey: .score)
        try container.encode(scoreReason, forKey: .scoreReason)
        try container.encode(scoreParts, forKey: .scoreParts)
    }
}

/// How an upstream was seen.
public enum UpstreamEvidence: String, Codable, Sendable, Hashable {
    /// On observed paths only.
    case path
    /// On observed paths, and a provider of a domestic AS by AS relationships.
    case both
}
