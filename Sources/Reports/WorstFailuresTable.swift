import CountryAnalysis
import Foundation

/// A country's worst single AS failures, one row each, largest loss first.
public struct WorstFailuresTable {
    /// The country.
    public let country: String
    /// The failures.
    public let failures: [WorstFailure]
    /// How reachability was decided.
    public let routing: WhatIfScenario.Routing

    /// Creates a table.
    public init(country: String, failures: [WorstFailure], routing: WhatIfScenario.Routing) {
        self.country = country
        self.failures = failures
        self.routing = routing
    }

    /// AS, name, where, networks cut (own + collateral) and the share of the space.
    public var table: TextTable {
        TextTable(header: ["AS", "name", "where", "networks cut", "own + collateral", "share of space"],
                  rows: failures.map { failure in
                      ["AS\(failure.asn)", failure.name.map { String($0.prefix(32)) } ?? "", failure.domestic ? "domestic" : "foreign",
                       "\(failure.impact.networksCut) of \(failure.impact.networks)",
                       "\(failure.impact.ownNetworksCut) + \(failure.impact.collateralNetworksCut)", failure.impact.shareCutText]
                  })
    }

    /// A headline, then the table.
    public var text: String {
        let how = routing == .policy ? "under routing policy" : "any path in the graph"
        guard !failures.isEmpty else { return "\(country): no single AS failure cuts any network (\(how))\n" }
        return "\(country): the \(failures.count) single AS failure\(failures.count == 1 ? "" : "s") that cut the most (\(how))\n" + table.text
    }

    /// CSV, share as a fraction.
    public var csv: String {
        TextTable(header: ["asn", "name", "domestic", "networksCut", "networks", "ownNetworksCut", "collateralNetworksCut", "shareCut"],
                  rows: failures.map { failure in
                      [String(failure.asn), failure.name ?? "", String(failure.domestic), String(failure.impact.networksCut),
                       String(failure.impact.networks), String(failure.impact.ownNetworksCut), String(failure.impact.collateralNetworksCut),
                       String(format: "%.4f", failure.impact.shareCut)]
                  }).csv
    }
}
