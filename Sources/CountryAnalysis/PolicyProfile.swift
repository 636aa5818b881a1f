/// A country under routing policy: what simulated routes (Gao-Rexford propagation of its origins'
/// routes over the relationship graph) say, beside what observed paths say.
///
/// Observed paths show the routes some vantage points chose; the graph of those paths plus the
/// relationships also holds paths no route would take (a valley: down to a customer, then up to
/// another provider). Policy metrics count only routes the export rules allow, and every route an
/// AS might equally prefer, so they can differ from the path metrics either way.
public struct PolicyProfile: Codable, Sendable, Hashable {
    /// An AS every best route from the core crosses to (nearly) all of the country's address space.
    public struct Dominator: Codable, Sendable, Hashable {
        /// The AS.
        public var asn: UInt32
        /// Its name.
        public var name: String?
        /// The share of the country's address space whose every best route from the core crosses it.
        public var dominatedShare: Double
        /// Whether it is placed in the country.
        public var domestic: Bool

        /// Creates an entry.
        public init(asn: UInt32, name: String?, dominatedShare: Double, domestic: Bool) {
            self.asn = asn
            self.name = name
            self.dominatedShare = dominatedShare
            self.domestic = domestic
        }
    }

    /// Foreign ASes whose best routes enter the country: its upstreams under policy.
    public var upstreams: [UInt32]
    /// Points of failure under policy: ASes on every best route from the core (from its ASes that
    /// have a route) to at least the point-of-failure share (0.99) of the country's address space;
    /// an origin counts for its own networks, as with observed paths.
    public var dominators: [Dominator]
    /// Policy kappa: the fewest ASes, short of the core, whose removal leaves the core with no route
    /// to the country's origins (the origins not removable: what its transit depends on); when only
    /// the core separates them, the core's ways in are counted and `kappaReachesCore` is set.
    public var kappa: Int
    /// The members of that cut.
    public var kappaASes: [UInt32]
    /// What was proved about the fewest: equal to `kappa` when it is exact.
    public var kappaLowerBound: Int
    /// Whether the cut had to count core ASes.
    public var kappaReachesCore: Bool
    /// Whether the search stopped at the cut limit: `kappa` is then at least that, and `kappaASes` the members found so far.
    public var kappaLimitReached: Bool
    /// Whether no cut exists at all (an origin is itself in the core): `kappa` is then 0 and means nothing.
    public var kappaUnbounded: Bool
    /// Core ASes with a route to the country, and the core's size.
    public var coreWithRoute: Int
    /// The core's size.
    public var coreSize: Int
    /// ASes of the relationship graph with a route to the country.
    public var reachingASes: Int
    /// How far simulated and observed upstreams agree: shared ASes over ASes in either (Jaccard);
    /// nil without observed upstreams.
    public var agreement: Double?

    /// Creates a profile.
    public init(upstreams: [UInt32], dominators: [Dominator], kappa: Int, kappaASes: [UInt32], kappaLowerBound: Int,
                kappaReachesCore: Bool, kappaLimitReached: Bool = false, kappaUnbounded: Bool = false, coreWithRoute: Int, coreSize: Int, reachingASes: Int, agreement: Double?) {
        self.upstreams = upstreams
        self.dominators = dominators
        self.kappa = kappa
        self.kappaASes = kappaASes
        self.kappaLowerBound = kappaLowerBound
        self.kappaReachesCore = kappaReachesCore
        self.kappaUnbounded = kappaUnbounded
        self.kappaLimitReached = kappaLimitReached
        self.coreWithRoute = coreWithRoute
        self.coreSize = coreSize
        self.reachingASes = reachingASes
        self.agreement = agreement
    }

    /// Whether the fewest ASes is known exactly (not only bounded).
    public var kappaIsExact: Bool { kappaLowerBound == kappa && !kappaUnbounded && !kappaLimitReached }

    /// Foreign ASes among the dominators: a foreign point of failure under policy.
    public var foreignDominators: [Dominator] { dominators.filter { !$0.domestic } }
}
