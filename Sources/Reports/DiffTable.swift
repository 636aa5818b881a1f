import CountryAnalysis
import Foundation

/// Countries' changes between two analyses: one row each, then the networks that came and went.
public struct DiffTable {
    /// What the earlier and the later analysis are (a case's name, a date).
    public let before: String
    public let after: String
    /// The countries' changes, in the order asked.
    public let diffs: [CountryDiff]
    /// AS names, for the lists.
    public let names: [UInt32: String]
    /// How many networks each list shows before folding the rest.
    public let listLimit: Int

    /// Creates a table.
    public init(before: String, after: String, diffs: [CountryDiff], names: [UInt32: String] = [:], listLimit: Int = 10) {
        self.before = before
        self.after = after
        self.diffs = diffs
        self.names = names
        self.listLimit = listLimit
    }

    /// A list for a cell: the first three, then how many more (the lines under the table give them all).
    private func ases(_ list: [UInt32]) -> String {
        guard !list.isEmpty else { return "-" }
        return list.prefix(3).map { "AS\($0)" }.joined(separator: " ") + (list.count > 3 ? " +\(list.count - 3)" : "")
    }

    private func named(_ list: [UInt32]) -> String {
        list.map { asn in "AS\(asn)" + (names[asn].map { " \($0)" } ?? "") }.joined(separator: ", ")
    }

    private func score(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "n/a" }

    private func witnesses(_ side: CountryDiff.Side) -> String {
        "\(side.witnessASes) \(side.routes == .simulated ? "simulated" : "observed") (\(side.confidence.rawValue))"
    }

    /// One row a country: networks, upstreams and points of failure that changed, the transit cut, score, tier and witnesses.
    public var table: TextTable {
        TextTable(header: ["country", "networks", "upstreams gained", "upstreams lost", "PoF appeared", "PoF gone", "transit cut",
                           "score", "tier", "witnesses"],
                  rows: diffs.map { diff in
                      [diff.country,
                       "\(diff.before.networks) → \(diff.after.networks) (+\(diff.networksAdded.count) −\(diff.networksRemoved.count))",
                       ases(diff.upstreamsGained), ases(diff.upstreamsLost), ases(diff.pointsOfFailureAppeared),
                       ases(diff.pointsOfFailureGone), "\(diff.before.kappaTransit) → \(diff.after.kappaTransit)",
                       "\(score(diff.before.score)) → \(score(diff.after.score))",
                       diff.before.tier == diff.after.tier ? diff.before.tier.rawValue : "\(diff.before.tier.rawValue) → \(diff.after.tier.rawValue)",
                       "\(witnesses(diff.before)) → \(witnesses(diff.after))"]
                  })
    }

    /// What changed in words, country by country, for the text under the table.
    private var details: [String] {
        diffs.flatMap { diff -> [String] in
            var lines: [String] = []
            if diff.isUnchanged { lines.append("\(diff.country): no change in networks, upstreams, points of failure, cut, score or tier") }
            if diff.upstreamsGained.isEmpty && diff.upstreamsLost.isEmpty && !diff.after.upstreams.isEmpty {
                lines.append("\(diff.country): upstreams unchanged: \(named(diff.after.upstreams))")
            }
            for (label, list) in [("upstreams gained", diff.upstreamsGained), ("upstreams lost", diff.upstreamsLost),
                                  ("points of failure appeared", diff.pointsOfFailureAppeared),
                                  ("points of failure gone", diff.pointsOfFailureGone)] where !list.isEmpty {
                lines.append("\(diff.country) \(label): \(named(list))")
            }
            for (label, list) in [("networks added", diff.networksAdded), ("networks removed", diff.networksRemoved)] where !list.isEmpty {
                let shown = list.prefix(listLimit).joined(separator: " ")
                lines.append("\(diff.country) \(label): \(shown)" + (list.count > listLimit ? " and \(list.count - listLimit) more" : ""))
            }
            return lines
        }
    }

    /// A headline, the table, and what changed in words.
    public var text: String {
        "\(before) → \(after): \(diffs.count) countr\(diffs.count == 1 ? "y" : "ies"), "
            + "\(diffs.filter { !$0.isUnchanged }.count) changed\n" + table.text + details.map { $0 + "\n" }.joined()
    }

    /// The same as a Markdown table with the words under it.
    public var markdown: String {
        "**\(before) → \(after)**\n\n" + table.markdown + "\n" + details.map { "- \($0)\n" }.joined()
    }

    /// CSV, one row a country, lists space-separated.
    public var csv: String {
        TextTable(header: ["country", "networksBefore", "networksAfter", "networksAdded", "networksRemoved", "upstreamsBefore",
                           "upstreamsAfter", "upstreamsGained", "upstreamsLost", "pointsOfFailureAppeared", "pointsOfFailureGone",
                           "kappaTransitBefore", "kappaTransitAfter", "scoreBefore", "scoreAfter", "tierBefore", "tierAfter",
                           "witnessASesBefore", "witnessASesAfter", "confidenceBefore", "confidenceAfter", "routesBefore", "routesAfter"],
                  rows: diffs.map { diff in
                      func list(_ values: [UInt32]) -> String { values.map(String.init).joined(separator: " ") }
                      return [diff.country, String(diff.before.networks), String(diff.after.networks), String(diff.networksAdded.count),
                              String(diff.networksRemoved.count), list(diff.before.upstreams), list(diff.after.upstreams),
                              list(diff.upstreamsGained), list(diff.upstreamsLost), list(diff.pointsOfFailureAppeared),
                              list(diff.pointsOfFailureGone), String(diff.before.kappaTransit), String(diff.after.kappaTransit),
                              diff.before.score.map { String(format: "%.2f", $0) } ?? "", diff.after.score.map { String(format: "%.2f", $0) } ?? "",
                              diff.before.tier.rawValue, diff.after.tier.rawValue, String(diff.before.witnessASes),
                              String(diff.after.witnessASes), diff.before.confidence.rawValue, diff.after.confidence.rawValue,
                              diff.before.routes.rawValue, diff.after.routes.rawValue]
                  }).csv
    }

    /// The JSON document: both labels and every country's change, networks listed in full.
    public func json() throws -> String {
        try PrettyJSON.string(from: Document(before: before, after: after, countries: diffs))
    }

    private struct Document: Encodable {
        var before: String
        var after: String
        var countries: [CountryDiff]
    }
}
