import ASTopology
import CaseStudies
import CountryAnalysis
import Foundation

/// The JSON that `country`, `compare` and `rank` print: the engine's per-country values beside the
/// inputs they were computed from. Keys are stable; new ones may be added, none renamed.
public struct AnalysisDocument: Encodable, Sendable {
    /// One input file.
    public struct Input: Encodable, Sendable {
        /// rib, updates, pfx2as, asRelationships, delegated or asNames.
        public var role: String
        /// The URL or path as named.
        public var location: String
        /// The local file read.
        public var path: String
        /// The date its name carries, `YYYY-MM-DD HH:MM UTC`.
        public var date: String?
    }

    /// The case's name, when the inputs came from a case.
    public var caseName: String?
    /// The countries' profiles (keys as `CountryProfile` encodes them).
    public var countries: [CountryProfile]
    /// The input files.
    public var inputs: [Input]
    /// Where prefixes got their countries: rir, mmdb:PATH or tor:PATH.
    public var geography: String
    /// What path hygiene did.
    public var hygiene: PathHygiene.Report
    /// The vantage points the figures rest on, and warnings about them.
    public var view: VantagePointView
    /// What placed prefixes and ASes, and what stayed unplaced.
    public var placement: PlacementSummary?
    /// The world side the cuts were measured from.
    public var core: CoreSummary?
    /// When no routing data was read: the simulated routes every path metric rests on.
    public var simulation: RouteSimulation.Summary?

    /// Creates a document.
    public init(caseName: String?, countries: [CountryProfile], sources: [DataSource], geography: String, hygiene: PathHygiene.Report,
                view: VantagePointView, placement: PlacementSummary? = nil, core: CoreSummary? = nil,
                simulation: RouteSimulation.Summary? = nil) {
        self.caseName = caseName
        self.countries = countries
        self.inputs = sources.map { Input(role: $0.role.rawValue, location: $0.location, path: $0.path, date: $0.date?.description) }
        self.geography = geography
        self.hygiene = hygiene
        self.view = view
        self.placement = placement
        self.core = core
        self.simulation = simulation
    }

    private enum CodingKeys: String, CodingKey {
        case caseName = "case", countries, inputs, geography, hygiene, view, placement, core, simulation
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func json() throws -> String {
        try PrettyJSON.string(from: self)
    }
}
