/// Everything the engine measures for one country: the value behind `--format json`.
public struct CountryProfile: Codable, Sendable, Hashable {
    /// An international upstream: a foreign AS through which the country's networks are reached.
    public struct Upstream: Codable, Sendable, Hashable {
        /// The upstream AS.
        public var asn: UInt32
        /// The share of the country's address space it carries (each network's weight split equally
        /// over that network's distinct upstreams).
        public var share: Double
        /// The share of the address space for which it is the only upstream.
        public var onlyShare: Double
        /// `path`, `relationship` or `both`: how the upstream was seen.
        public var evidence: String
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

    /// The three parts of the score.
    public struct ScoreParts: Codable, Sendable, Hashable {
        /// 40 × min(1, log2(1 + kappa) / log2(41)).
        public var cut: Double
        /// 30 × min(1, log2(1 + E) / log2(21)).
        public var diversity: Double
        /// 30 × (1 − the largest dominated share of any AS).
        public var dominance: Double

        /// Creates the parts.
        public init(cut: Double, diversity: Double, dominance: Double) {
            self.cut = cut
            self.diversity = diversity
            self.dominance = dominance
        }
    }

    /// The ISO country code.
    public var country: String
    /// `IPv4` or `IPv6`: the networks every metric below is computed on.
    public var family: String
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
    /// Domestic ASes with a foreign upstream by path or relationship evidence.
    public var borderASes: [UInt32]
    /// The Renesys tier from the number of border ASes: severe, significant, low or resistant.
    public var tier: String
    /// The international upstreams, largest share first.
    public var upstreams: [Upstream]
    /// How many international upstreams.
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
    public var cuts: [String: Cut]
    /// ASes dominating at least the point-of-failure threshold (0.99) of the address space.
    public var pointsOfFailure: [PointOfFailure]
    /// ASes dominating at least the critical threshold (0.5), points of failure included.
    public var criticalASes: [PointOfFailure]
    /// The observed-path view: ASes on every observed path to networks holding at least the critical
    /// share of the address space, with that share.
    public var observedPathChokepoints: [PointOfFailure]
    /// The share of the address space held by the largest origin AS.
    public var originConcentration: Double
    /// 0-100; higher is more resilient.
    public var score: Double
    /// The score's three parts.
    public var scoreParts: ScoreParts

    /// Creates a profile (the analyzer makes them; tests and tools may too).
    public init(country: String, family: String, networks: Int, networksIPv6: Int, addressSpace24: Double, originASes: [UInt32], foreignOriginASes: [UInt32], foreignOriginatedNetworks: Int, unknownOriginNetworks: Int, borderASes: [UInt32], tier: String, upstreams: [Upstream], upstreamCount: Int, hhi: Double, effectiveUpstreams: Double, kappa: Int, kappaInternational: Int, kappaDomestic: Int, cuts: [String: Cut], pointsOfFailure: [PointOfFailure], criticalASes: [PointOfFailure], observedPathChokepoints: [PointOfFailure], originConcentration: Double, score: Double, scoreParts: ScoreParts) {
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
        self.upstreamCount = upstreamCount
        self.hhi = hhi
        self.effectiveUpstreams = effectiveUpstreams
        self.kappa = kappa
        self.kappaInternational = kappaInternational
        self.kappaDomestic = kappaDomestic
        self.cuts = cuts
        self.pointsOfFailure = pointsOfFailure
        self.criticalASes = criticalASes
        self.observedPathChokepoints = observedPathChokepoints
        self.originConcentration = originConcentration
        self.score = score
        self.scoreParts = scoreParts
    }
}

/// The Renesys tiers, from the number of border ASes.
public enum ResilienceTier: String, Codable, Sendable {
    /// 1-2 border ASes.
    case severe
    /// 3-9.
    case significant
    /// 10-40.
    case low
    /// More than 40.
    case resistant
    /// No border AS seen.
    case unconnected

    /// The tier for `borderCount` border ASes.
    public init(borderCount: Int) {
        switch borderCount {
        case 0: self = .unconnected
        case 1...2: self = .severe
        case 3...9: self = .significant
        case 10...40: self = .low
        default: self = .resistant
        }
    }
}
