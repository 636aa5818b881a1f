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
        names[asn].map { "AS\(asn) \($0)" } ?? "AS\(asn)"
    }

    /// International upstreams: share of the country's space whose paths cross each, and the share only it carries.
    public var upstreams: TextTable {
        TextTable(header: ["upstream", "share", "only via it", "evidence"],
                  rows: profile.upstreams.map { [label($0.asn), String(format: "%.3f", $0.share), String(format: "%.3f", $0.onlyShare), $0.evidence] })
    }

    /// ASes whose loss would cut off at least half the country (points of failure first).
    public var criticalASes: TextTable {
        TextTable(header: ["AS", "share cut off", "where"],
                  rows: profile.criticalASes.map { [label($0.asn), String(format: "%.3f", $0.dominatedShare), $0.domestic ? "domestic" : "foreign"] })
    }

    /// The minimum cuts: how many ASes must fail to disconnect the country, and which.
    public var cuts: TextTable {
        TextTable(header: ["cut", "size", "ASes"],
                  rows: profile.cuts.sorted { $0.key < $1.key }.map { name, cut in
                      [name, (cut.isLowerBound ? "≥" : "") + String(cut.size), cut.asns.map { "AS\($0)" }.joined(separator: " ")]
                  })
    }

    /// The comparison column, then the three lists, as aligned text.
    public var text: String {
        ComparisonTable(profiles: [profile]).text + "\nupstreams\n" + upstreams.text + "\ncritical ASes\n" + criticalASes.text
            + "\ncuts\n" + cuts.text
    }

    /// The same as Markdown, with a heading per list.
    public var markdown: String {
        "## \(profile.country)\n\n" + ComparisonTable(profiles: [profile]).markdown + "\n### Upstreams\n\n" + upstreams.markdown
            + "\n### Critical ASes\n\n" + criticalASes.markdown + "\n### Cuts\n\n" + cuts.markdown
    }
}
