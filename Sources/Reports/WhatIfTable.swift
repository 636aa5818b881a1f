import CountryAnalysis
import Foundation

/// A what-if result, one row per country that loses networks.
public struct WhatIfTable {
    /// The result.
    public let result: WhatIfResult

    /// Creates a table.
    public init(result: WhatIfResult) {
        self.result = result
    }

    /// Countries, networks cut, share of the country's space, and the first origins cut.
    public var table: TextTable {
        TextTable(header: ["country", "networks cut", "share of space", "origins cut"],
                  rows: result.countries.map { impact in
                      [impact.country, "\(impact.networksCut) of \(impact.networks)", String(format: "%.1f%%", impact.shareCut * 100),
                       impact.originsCut.prefix(8).map { "AS\($0)" }.joined(separator: " ")
                           + (impact.originsCut.count > 8 ? " +\(impact.originsCut.count - 8) more" : "")]
                  })
    }

    /// A headline, then the table.
    public var text: String {
        let count = result.countries.count
        return "removing \(result.removed.map { "AS\($0)" }.joined(separator: ", ")): "
            + "\(count) countr\(count == 1 ? "y loses" : "ies lose") networks\n" + table.text
    }

    /// The table as Markdown.
    public var markdown: String { table.markdown }

    /// CSV with every origin cut (space-separated), share as a fraction.
    public var csv: String {
        TextTable(header: ["country", "networksCut", "networks", "shareCut", "originsCut"],
                  rows: result.countries.map { impact in
                      [impact.country, String(impact.networksCut), String(impact.networks), String(format: "%.4f", impact.shareCut),
                       impact.originsCut.map(String.init).joined(separator: " ")]
                  }).csv
    }
}
