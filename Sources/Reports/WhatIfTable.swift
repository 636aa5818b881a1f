import CountryAnalysis
import Foundation
import ReferenceData

/// A what-if result, one row per country that loses (or regains) networks.
public struct WhatIfTable {
    /// The result.
    public let result: WhatIfResult

    /// Creates a table.
    public init(result: WhatIfResult) {
        self.result = result
    }

    /// Countries, networks cut (the removed ASes' own, and collateral), share of the space, networks
    /// restored, and the first origins cut.
    public var table: TextTable {
        TextTable(header: ["country", "networks cut", "own + collateral", "share of space", "restored", "origins cut"],
                  rows: result.countries.map { impact in
                      let unreachable = impact.unreachableBefore > 0 ? " (\(impact.unreachableBefore) unreachable before)" : ""
                      return [CountryCode.label(impact.country), "\(impact.networksCut) of \(impact.networks)\(unreachable)",
                              "\(impact.ownNetworksCut) + \(impact.collateralNetworksCut)", impact.shareCutText,
                              String(impact.networksRestored),
                              impact.originsCut.prefix(8).map { "AS\($0)" }.joined(separator: " ")
                                  + (impact.originsCut.count > 8 ? " +\(impact.originsCut.count - 8) more" : "")]
                  })
    }

    /// What was changed, in words.
    public var change: String {
        var parts: [String] = []
        if !result.removed.isEmpty { parts.append("removing " + result.removed.map { "AS\($0)" }.joined(separator: ", ")) }
        if !result.removedLinks.isEmpty {
            parts.append("cutting " + result.removedLinks.map { "AS\($0.from)-AS\($0.to)" }.joined(separator: ", "))
        }
        if !result.addedLinks.isEmpty { parts.append("adding " + result.addedLinks.map(\.description).joined(separator: ", ")) }
        return parts.joined(separator: ", ") + (result.routing == .policy ? " (under routing policy)" : " (any path in the graph)")
    }

    /// A headline, then the table, then what the columns count, then the countries a changed link
    /// touches, under policy before and after.
    public var text: String {
        guard !result.countries.isEmpty else {
            // An added link can change how a country is reached without cutting or restoring a network.
            return "\(change): no country loses or regains a network\n" + policyLines.map { $0 + "\n" }.joined()
        }
        return "\(change): " + CountryCode.count(result.countries.map(\.country)) + (result.countries.count == 1 ? " changes" : " change") + "\n" + table.text
            + "networks: IPv4 prefixes with a known origin located in the country; own: every origin removed; "
            + "collateral: other ASes' networks left with no route; share: of the country's address space\n"
            + policyLines.map { $0 + "\n" }.joined()
    }

    /// One line per country a changed link touches and changes under policy: its upstreams (how
    /// many, gained, lost), policy kappa and foreign points of failure, before → after.
    public var policyLines: [String] {
        func list(_ asns: [UInt32]) -> String {
            asns.isEmpty ? "none" : asns.prefix(8).map { "AS\($0)" }.joined(separator: " ") + (asns.count > 8 ? " +\(asns.count - 8) more" : "")
        }
        func kappa(_ profile: PolicyProfile) -> String {
            profile.kappaUnbounded ? "none (an origin is in the core)"
                : (profile.kappaLimitReached ? "at least " : "") + "\(profile.kappa)"
                + (profile.kappaIsExact || profile.kappaLimitReached ? "" : " (at least \(profile.kappaLowerBound))")
                + (profile.kappaReachesCore ? " via the core" : "")
        }
        return result.policyChanges.compactMap { change in
            let before = change.before, after = change.after
            let foreignBefore = before.foreignDominators.map(\.asn), foreignAfter = after.foreignDominators.map(\.asn)
            guard before.upstreams != after.upstreams || kappa(before) != kappa(after) || foreignBefore != foreignAfter else { return nil }
            let gained = after.upstreams.filter { !before.upstreams.contains($0) }
            let lost = before.upstreams.filter { !after.upstreams.contains($0) }
            return "\(change.country) under policy: upstreams \(before.upstreams.count) → \(after.upstreams.count)"
                + (gained.isEmpty ? "" : ", gained \(list(gained))") + (lost.isEmpty ? "" : ", lost \(list(lost))")
                + "; policy kappa \(kappa(before)) → \(kappa(after)); foreign points of failure \(list(foreignBefore)) → \(list(foreignAfter))"
        }
    }

    /// The table as Markdown.
    public var markdown: String { table.markdown }

    /// CSV with every origin cut (space-separated), share as a fraction.
    public var csv: String {
        TextTable(header: ["country", "networksCut", "networks", "ownNetworksCut", "collateralNetworksCut", "shareCut",
                           "unreachableBefore", "networksRestored", "unknownOriginNetworks", "originsCut"],
                  rows: result.countries.map { impact in
                      [impact.country, String(impact.networksCut), String(impact.networks), String(impact.ownNetworksCut),
                       String(impact.collateralNetworksCut), String(format: "%.4f", impact.shareCut), String(impact.unreachableBefore),
                       String(impact.networksRestored), String(impact.unknownOriginNetworks),
                       impact.originsCut.map(String.init).joined(separator: " ")]
                  }).csv
    }
}
