import CountryAnalysis
import Foundation

/// Countries over time: one row per date and country, with the date of the data each rests on.
public struct HistoryTable {
    /// One point of the history: a date asked for, the data found for it, and its profiles.
    public struct Point: Sendable {
        /// The date asked for, or the case's name.
        public var label: String
        /// When the routing data was taken (the first RIB's date), or why no date is known.
        public var dataDate: String
        /// The countries' profiles.
        public var profiles: [CountryProfile]

        /// Creates a point.
        public init(label: String, dataDate: String, profiles: [CountryProfile]) {
            self.label = label
            self.dataDate = dataDate
            self.profiles = profiles
        }
    }

    /// The points, in time order.
    public let points: [Point]

    /// Creates a table.
    public init(points: [Point]) {
        self.points = points
    }

    private static let header = ["date", "data", "country", "networks", "upstreams", "organisations", "E", "transit cut",
                                 "policy kappa", "points of failure", "score", "tier", "witnesses", "confidence", "routes"]

    private func cells(_ point: Point, _ profile: CountryProfile) -> [String] {
        [point.label, point.dataDate, profile.country.description, String(profile.networks), String(profile.upstreamCount),
         String(profile.upstreamOrganisations.count), String(format: "%.2f", profile.effectiveUpstreams),
         profile.transitCuts.kappa.unbounded ? "none" : (profile.transitCuts.kappa.isLowerBound ? "≥" : "") + String(profile.kappaTransit),
         profile.policy.map { $0.kappaUnbounded ? "none" : String($0.kappa) } ?? "n/a", String(profile.pointsOfFailure.count),
         profile.score.map { String(format: "%.1f", $0) } ?? "n/a", profile.tier.rawValue, String(profile.witnessASes),
         profile.confidence.rawValue, profile.routes.rawValue]
    }

    /// One row per date and country.
    public var table: TextTable {
        TextTable(header: Self.header, rows: points.flatMap { point in point.profiles.map { cells(point, $0) } })
    }

    /// The table as text.
    public var text: String { table.text }

    /// The table as Markdown.
    public var markdown: String { table.markdown }

    /// CSV, one row per date and country, numbers unrounded.
    public var csv: String {
        TextTable(header: ["date", "dataDate", "country", "networks", "upstreams", "upstreamOrganisations", "effectiveUpstreams",
                           "kappaTransit", "kappaTransitIsLowerBound", "policyKappa", "pointsOfFailure", "score", "tier", "witnessASes",
                           "confidence", "routes"],
                  rows: points.flatMap { point in
                      point.profiles.map { profile in
                          [point.label, point.dataDate, profile.country.description, String(profile.networks), String(profile.upstreamCount),
                           String(profile.upstreamOrganisations.count), String(profile.effectiveUpstreams), String(profile.kappaTransit),
                           String(profile.transitCuts.kappa.isLowerBound), profile.policy.map { String($0.kappa) } ?? "",
                           String(profile.pointsOfFailure.count), profile.score.map { String($0) } ?? "", profile.tier.rawValue,
                           String(profile.witnessASes), profile.confidence.rawValue, profile.routes.rawValue]
                      }
                  }).csv
    }

    /// The JSON document: each point with its label, data date and full profiles.
    public func json() throws -> String {
        try PrettyJSON.string(from: points.map { Document(date: $0.label, dataDate: $0.dataDate, countries: $0.profiles) })
    }

    private struct Document: Encodable {
        var date: String
        var dataDate: String
        var countries: [CountryProfile]
    }
}
