import CountryAnalysis
import Foundation

/// The vantage points behind an analysis, one row each, with a summary and the warnings.
public struct ViewTable {
    /// The view.
    public let view: VantagePointView
    /// AS names for labels.
    public let names: [UInt32: String]

    /// Creates the table.
    public init(view: VantagePointView, names: [UInt32: String] = [:]) {
        self.view = view
        self.names = names
    }

    /// One row per vantage point.
    public var table: TextTable {
        TextTable(header: ["collector", "peerAS", "name", "country", "peerAddress", "ipv4Prefixes", "ipv6Prefixes", "routes", "feed", "included"],
                  rows: view.vantagePoints.map { entry in
                      [entry.collector, String(entry.peerAS), names[entry.peerAS] ?? "", entry.peerCountry?.description ?? "",
                       entry.peerAddress, String(entry.ipv4Prefixes), String(entry.ipv6Prefixes), String(entry.routes),
                       entry.fullFeedIPv4 ? "full" : "partial", entry.included ? "yes" : "no"]
                  })
    }

    /// The summary lines under the table.
    public var summary: [String] {
        let countries = view.includedASCountries.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return [
            "\(view.vantagePoints.count) vantage points at \(view.collectors.count) collector\(view.collectors.count == 1 ? "" : "s") "
                + "(\(view.collectors.joined(separator: ", ")))",
            "\(view.fullFeedIPv4) full-feed for IPv4, \(view.fullFeedIPv6) for IPv6 (at least "
                + "\(Int(view.fullFeedShare * 100))% of the largest one's prefixes)",
            "\(view.included) count in the path metrics (\(view.partialPeers ? "partial ones included" : "full-feed only")), "
                + "in \(view.includedASes) distinct AS\(view.includedASes == 1 ? "" : "es")\(countries.isEmpty ? "" : " (\(countries))"); "
                + "trimmed mean drops \(Int(view.trimmedFraction * 100))% at each end",
        ] + view.warnings.map { "warning: \($0)" }
    }

    /// Aligned text: the table, then the summary.
    public var text: String { table.text + "\n" + summary.joined(separator: "\n") + "\n" }

    /// Markdown: the table, then the summary as a list.
    public var markdown: String { table.markdown + "\n" + summary.map { "- \($0)" }.joined(separator: "\n") + "\n" }

    /// CSV, one line per vantage point.
    public var csv: String { table.csv }
}
