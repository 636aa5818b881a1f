import InternetAddresses
import ReferenceData

/// How one country changed between two analyses (two dates, or two cases): its networks, its
/// upstreams seen on paths, its points of failure, its transit cut, score and tier. Each side says
/// what it rests on (witnesses, confidence, observed or simulated routes), as a change between a
/// well-witnessed date and a one-witness one may be the witnesses' and not the country's.
public struct CountryDiff: Sendable, Hashable, Codable {
    /// One side of the comparison.
    public struct Side: Sendable, Hashable, Codable {
        /// Located networks of the address family compared.
        public var networks: Int
        /// The upstreams seen on paths.
        public var upstreams: [UInt32]
        /// ASes whose failure cuts at least the point-of-failure share of the space (origins included).
        public var pointsOfFailure: [UInt32]
        /// The transit cut (origins not removable).
        public var kappaTransit: Int
        /// The score, nil when the country had nothing to measure.
        public var score: Double?
        /// The tier from border organisations.
        public var tier: ResilienceTier
        /// Independent witnesses: the distinct ASes of the vantage points that saw into the country.
        public var witnessASes: Int
        /// How far the path metrics can be trusted.
        public var confidence: Confidence
        /// Whether the paths were observed or simulated.
        public var routes: RouteBasis

        /// The side of `profile`.
        public init(_ profile: CountryProfile) {
            networks = profile.networks
            upstreams = profile.upstreams.map(\.asn).sorted()
            pointsOfFailure = profile.pointsOfFailure.map(\.asn).sorted()
            kappaTransit = profile.kappaTransit
            score = profile.score
            tier = profile.tier
            witnessASes = profile.witnessASes
            confidence = profile.confidence
            routes = profile.routes
        }

        /// A side where the country had nothing located: no network, upstream or witness, no score.
        public static let nothingLocated = Side(networks: 0, upstreams: [], pointsOfFailure: [], kappaTransit: 0, score: nil,
                                                tier: .unconnected, witnessASes: 0, confidence: .none, routes: .observed)

        private init(networks: Int, upstreams: [UInt32], pointsOfFailure: [UInt32], kappaTransit: Int, score: Double?,
                     tier: ResilienceTier, witnessASes: Int, confidence: Confidence, routes: RouteBasis) {
            self.networks = networks
            self.upstreams = upstreams
            self.pointsOfFailure = pointsOfFailure
            self.kappaTransit = kappaTransit
            self.score = score
            self.tier = tier
            self.witnessASes = witnessASes
            self.confidence = confidence
            self.routes = routes
        }
    }

    /// The country.
    public var country: String
    /// The earlier analysis (the first date or case given).
    public var before: Side
    /// The later one.
    public var after: Side
    /// Networks located in the country after and not before (prefixes, in order).
    public var networksAdded: [String]
    /// Networks located in the country before and not after.
    public var networksRemoved: [String]
    /// Upstreams seen after and not before.
    public var upstreamsGained: [UInt32]
    /// Upstreams seen before and not after.
    public var upstreamsLost: [UInt32]
    /// Points of failure after that were none before.
    public var pointsOfFailureAppeared: [UInt32]
    /// Points of failure before that are none after.
    public var pointsOfFailureGone: [UInt32]

    /// The change from `before` to `after`, given each side's located networks.
    public init(country: CountryCode, before: Side, networksBefore: [IPPrefix], after: Side, networksAfter: [IPPrefix]) {
        self.country = country.description
        self.before = before
        self.after = after
        let was = Set(networksBefore), now = Set(networksAfter)
        networksAdded = now.subtracting(was).sorted().map(\.description)
        networksRemoved = was.subtracting(now).sorted().map(\.description)
        upstreamsGained = Set(self.after.upstreams).subtracting(self.before.upstreams).sorted()
        upstreamsLost = Set(self.before.upstreams).subtracting(self.after.upstreams).sorted()
        pointsOfFailureAppeared = Set(self.after.pointsOfFailure).subtracting(self.before.pointsOfFailure).sorted()
        pointsOfFailureGone = Set(self.before.pointsOfFailure).subtracting(self.after.pointsOfFailure).sorted()
    }

    /// The score's change, nil unless both sides have a score.
    public var scoreChange: Double? {
        guard let was = before.score, let now = after.score else { return nil }
        return now - was
    }

    /// Whether nothing compared changed (networks, upstreams, points of failure, cut, score, tier).
    public var isUnchanged: Bool {
        networksAdded.isEmpty && networksRemoved.isEmpty && upstreamsGained.isEmpty && upstreamsLost.isEmpty
            && pointsOfFailureAppeared.isEmpty && pointsOfFailureGone.isEmpty && before.kappaTransit == after.kappaTransit
            && before.score == after.score && before.tier == after.tier
    }
}

extension CountryAnalyzer {
    /// The located networks of `country` of one address family, as prefixes.
    public func locatedNetworks(of country: CountryCode, family: AddressFamily = .ipv4) -> [IPPrefix] {
        topology.prefixes.indices.compactMap { index in
            prefixCountries[index] == country && topology.prefixes[index].family == family ? topology.prefixes[index] : nil
        }
    }
}
