import ASTopology
import InternetAddresses
import ReferenceData

/// What the analysis saw the Internet from: every vantage point, whether it counts, and warnings
/// when the view is too thin or too lopsided to trust. The `view` object of the JSON documents.
public struct VantagePointView: Encodable, Sendable, Hashable {
    /// One vantage point.
    public struct Entry: Encodable, Sendable, Hashable {
        /// The collector.
        public var collector: String
        /// The peer's address.
        public var peerAddress: String
        /// The peer's AS.
        public var peerAS: UInt32
        /// The country the peer's AS is registered in, when known.
        public var peerCountry: CountryCode?
        /// Distinct IPv4 prefixes it has paths to.
        public var ipv4Prefixes: Int
        /// Distinct IPv6 prefixes it has paths to.
        public var ipv6Prefixes: Int
        /// Routes read from it.
        public var routes: Int
        /// Whether it is full-feed for IPv4, and for IPv6.
        public var fullFeedIPv4: Bool
        /// Whether it is full-feed for IPv6.
        public var fullFeedIPv6: Bool
        /// Whether its IPv4 routes enter the path metrics.
        public var included: Bool
    }

    /// The collectors read.
    public var collectors: [String]
    /// Every vantage point, by collector, AS and address.
    public var vantagePoints: [Entry]
    /// Full-feed vantage points for IPv4 and for IPv6.
    public var fullFeedIPv4: Int
    /// Full-feed vantage points for IPv6.
    public var fullFeedIPv6: Int
    /// Vantage points whose IPv4 routes count.
    public var included: Int
    /// Distinct ASes among them: the independent witnesses at most.
    public var includedASes: Int
    /// How many of those ASes are registered in each country.
    public var includedASCountries: [String: Int]
    /// The full-feed rule: a share of the largest vantage point's prefixes.
    public var fullFeedShare: Double
    /// Whether partial vantage points count too.
    public var partialPeers: Bool
    /// The share of witnesses the trimmed mean drops at each end.
    public var trimmedFraction: Double
    /// Why the view may mislead, one sentence each; empty when nothing is amiss.
    public var warnings: [String]

    /// Creates a view (the analyzer makes them; tests may too).
    public init(collectors: [String], vantagePoints: [Entry], fullFeedIPv4: Int, fullFeedIPv6: Int, included: Int,
                includedASes: Int, includedASCountries: [String: Int], fullFeedShare: Double, partialPeers: Bool,
                trimmedFraction: Double, warnings: [String]) {
        self.collectors = collectors
        self.vantagePoints = vantagePoints
        self.fullFeedIPv4 = fullFeedIPv4
        self.fullFeedIPv6 = fullFeedIPv6
        self.included = included
        self.includedASes = includedASes
        self.includedASCountries = includedASCountries
        self.fullFeedShare = fullFeedShare
        self.partialPeers = partialPeers
        self.trimmedFraction = trimmedFraction
        self.warnings = warnings
    }

    /// Thresholds for the warnings.
    public static let minimumFullFeed = 3
    /// Fewer distinct vantage-point ASes than this is a thin view.
    public static let minimumASes = 3
    /// A vantage point supplying more than this share of all routes dominates the view.
    public static let dominantShare = 0.5
}

extension CountryAnalyzer {
    /// The view, with warnings about it and about each of `profiles` that rests on one witness.
    public func view(for profiles: [CountryProfile] = []) -> VantagePointView {
        let records = topology.vantagePoints
        let included = selection.included(for: .ipv4)
        var entries: [VantagePointView.Entry] = []
        for (index, record) in records.enumerated() {
            let point = record.vantagePoint
            entries.append(VantagePointView.Entry(
                collector: point.collector, peerAddress: point.peerAddress.description, peerAS: point.peerAS,
                peerCountry: geography.country(of: point.peerAS), ipv4Prefixes: record.ipv4Prefixes, ipv6Prefixes: record.ipv6Prefixes,
                routes: record.routesRead, fullFeedIPv4: selection.fullFeedIPv4[index], fullFeedIPv6: selection.fullFeedIPv6[index],
                included: included[index]))
        }
        entries.sort { ($0.collector, $0.peerAS, $0.peerAddress) < ($1.collector, $1.peerAS, $1.peerAddress) }
        let includedASes = Set(entries.filter(\.included).map(\.peerAS))
        var countries: [String: Int] = [:]
        for asn in includedASes { countries[geography.country(of: asn)?.description ?? "unknown", default: 0] += 1 }
        let fullFeed = selection.fullFeedIPv4.filter { $0 }.count
        var warnings: [String] = []
        if fullFeed < VantagePointView.minimumFullFeed {
            warnings.append("the view is thin: \(fullFeed) full-feed vantage point\(fullFeed == 1 ? "" : "s") (fewer than "
                            + "\(VantagePointView.minimumFullFeed)); every path metric rests on \(fullFeed == 1 ? "it" : "them")")
        }
        if includedASes.count < VantagePointView.minimumASes {
            warnings.append("only \(includedASes.count) distinct vantage-point AS\(includedASes.count == 1 ? "" : "es") "
                            + "(fewer than \(VantagePointView.minimumASes)): the trimmed mean cannot drop an odd witness")
        }
        let totalRoutes = entries.reduce(0) { $0 + $1.routes }
        if let largest = entries.max(by: { $0.routes < $1.routes }), totalRoutes > 0,
           Double(largest.routes) > VantagePointView.dominantShare * Double(totalRoutes) {
            warnings.append("one vantage point (\(largest.collector) AS\(largest.peerAS) \(largest.peerAddress)) supplied "
                            + "\(Int((Double(largest.routes) / Double(totalRoutes) * 100).rounded()))% of all routes read")
        }
        for profile in profiles where profile.witnessASes == 1 {
            warnings.append("\(profile.country)'s upstreams rest on one witness (one vantage-point AS)")
        }
        return VantagePointView(
            collectors: Array(Set(records.map(\.vantagePoint.collector))).sorted(), vantagePoints: entries,
            fullFeedIPv4: fullFeed, fullFeedIPv6: selection.fullFeedIPv6.filter { $0 }.count,
            included: included.filter { $0 }.count, includedASes: includedASes.count, includedASCountries: countries,
            fullFeedShare: options.fullFeedShare, partialPeers: options.includesPartialPeers,
            trimmedFraction: options.trimmedMean.fraction, warnings: warnings)
    }
}
