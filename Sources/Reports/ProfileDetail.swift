import CountryAnalysis
import Foundation

/// One country's lists beyond the comparison's single values: upstreams with their shares, critical
/// ASes with the share each dominates, and the minimum cuts with their members.
public struct ProfileDetail {
    /// The country.
    public let profile: CountryProfile
    /// AS names for labels.
    public let names: [UInt32: String]

    /// Creates the detail of `profile`.
    public init(profile: CountryProfile, names: [UInt32: String] = [:]) {
        self.profile = profile
        self.names = names
    }

    private func label(_ asn: UInt32) -> String {
        guard let name = names[asn], name != "AS\(asn)" else { return "AS\(asn)" }
        return "AS\(asn) \(name)"
    }

    /// International upstreams seen on paths: share of the country's space whose paths cross each, the
    /// share only it carries, the evidence, how many witnesses saw it, and its hegemony.
    public var upstreams: TextTable {
        let hegemony = Dictionary(profile.hegemony.map { ($0.asn, $0.hegemony) }, uniquingKeysWith: { first, _ in first })
        return TextTable(header: ["rank", "upstream", "share", "only via it", "evidence", "witnesses", "hegemony"],
                         rows: profile.upstreams.map { upstream in
                             [String(upstream.rank), label(upstream.asn), String(format: "%.3f", upstream.share),
                              String(format: "%.3f", upstream.onlyShare),
                              upstream.evidence.rawValue, "\(upstream.witnesses) of \(profile.witnessASes)",
                              String(format: "%.3f", hegemony[upstream.asn] ?? 0)]
                         })
    }

    /// The upstreams grouped by organisation: siblings are one company.
    public var upstreamOrganisations: TextTable {
        TextTable(header: ["organisation", "name", "upstream ASes", "share", "only via it", "witnesses"],
                  rows: profile.upstreamOrganisations.map { organisation in
                      [organisation.organisation, organisation.name ?? "", organisation.asns.map { "AS\($0)" }.joined(separator: " "),
                       String(format: "%.3f", organisation.share), String(format: "%.3f", organisation.onlyShare),
                       "\(organisation.witnesses) of \(profile.witnessASes)"]
                  })
    }

    /// The companies at the frontier: border organisations and their ASes.
    public var borderOrganisations: TextTable {
        TextTable(header: ["border organisation", "name", "ASes"],
                  rows: profile.borderOrganisations.map { organisation in
                      [organisation.organisation, organisation.name ?? "", organisation.asns.map { "AS\($0)" }.joined(separator: " ")]
                  })
    }

    /// Foreign providers by AS relationships that no witness saw on a path.
    public var possibleUpstreams: TextTable {
        TextTable(header: ["possible upstream", "organisation", "provider of"],
                  rows: profile.possibleUpstreams.map {
                      [label($0.asn), $0.organisation ?? "", $0.customers.map { "AS\($0)" }.joined(separator: " ")]
                  })
    }

    /// The ASes with the highest hegemony over the country (the first `limit`).
    public func hegemony(limit: Int = 10) -> TextTable {
        TextTable(header: ["AS", "hegemony", "witnesses", "where"],
                  rows: profile.hegemony.prefix(limit).map {
                      [label($0.asn), String(format: "%.3f", $0.hegemony), "\($0.witnesses) of \(profile.witnessASes)",
                       $0.domestic ? "domestic" : "foreign"]
                  })
    }

    /// ASes whose loss would cut off at least half the country (points of failure first).
    public var criticalASes: TextTable {
        TextTable(header: ["AS", "share cut off", "where"],
                  rows: profile.criticalASes.map { failure in
                      [label(failure.asn), String(format: "%.3f", failure.dominatedShare), failure.domestic ? "domestic" : "foreign"]
                  })
    }

    /// The minimum cuts: how many ASes must fail to disconnect the country (its transit, and with
    /// the origins too), and which; a cut at its limit lists the ASes found so far.
    public var cuts: TextTable {
        let transit = profile.transitCuts.named.map { ("transit " + $0.name, $0.cut) }
        return TextTable(header: ["cut", "size", "ASes"],
                         rows: (transit + profile.cuts.named.map { ($0.name + " (origins too)", $0.cut) }).map { name, cut in
                             [name, ComparisonTable.format(cut) + (cut.limitReached ? " (limit)" : ""),
                              cut.asns.map { "AS\($0)" }.joined(separator: " ")]
                         })
    }

    /// The comparison column, then the three lists, as aligned text.
    public var text: String {
        ComparisonTable(profiles: [profile]).text + "\nupstreams seen on paths\n" + upstreams.text
            + "\nupstream organisations\n" + upstreamOrganisations.text + "\nborder organisations\n" + borderOrganisations.text
            + (profile.unknownASes.isEmpty ? "" : "\nASes placed nowhere on the paths (skipped by the border walk): "
                + profile.unknownASes.map { "AS\($0)" }.joined(separator: " ") + "\n")
            + (profile.possibleUpstreams.isEmpty ? "" : "\npossible upstreams not seen on paths (AS relationships)\n" + possibleUpstreams.text)
            + "\nhegemony (top 10)\n" + hegemony().text + "\ncritical ASes\n" + criticalASes.text + "\ncuts\n" + cuts.text
            + (profile.scoreReason.map { "\nno score: \($0)\n" } ?? "")
    }

    /// The same as Markdown, with a heading per list.
    public var markdown: String {
        "## \(profile.country)\n\n" + ComparisonTable(profiles: [profile]).markdown + "\n### Upstreams seen on paths\n\n"
            + upstreams.markdown + "\n### Upstream organisations\n\n" + upstreamOrganisations.markdown
            + "\n### Border organisations\n\n" + borderOrganisations.markdown
            + (profile.possibleUpstreams.isEmpty ? "" : "\n### Possible upstreams not seen on paths\n\n" + possibleUpstreams.markdown)
            + "\n### Hegemony\n\n" + hegemony().markdown
            + "\n### Critical ASes\n\n" + criticalASes.markdown + "\n### Cuts\n\n" + cuts.markdown
    }
}
