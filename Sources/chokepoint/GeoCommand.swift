import ArgumentParser
import Geography
import InternetAddresses
import ReferenceData

/// `chokepoint geo`: where networks are.
struct GeoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geo",
        abstract: "Locate ASes and prefixes with RIR delegation files or a MaxMind database.",
        subcommands: [GeoNetworksCommand.self]
    )
}

/// `chokepoint geo networks`: routed prefixes per country.
struct GeoNetworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "networks",
        abstract: "Count the routed prefixes of a prefix-to-AS file located in each country.",
        discussion: """
            Example: chokepoint geo networks --pfx2as routeviews-rv2-20141202-1200.pfx2as.gz \
            --delegated delegated-apnic-20140805.gz --delegated delegated-ripencc-20140803.bz2 KP YE AF TW
            """
    )

    @Option(help: "A CAIDA prefix-to-AS file (the routed prefixes).")
    var pfx2as: String

    @Option(help: "An RIR delegation file; repeat for each registry. Needed when --geo uses rir.")
    var delegated: [String] = []

    @Option(help: "Where prefix countries come from: rir, mmdb:PATH, tor:PATH[,PATH6], or several joined by + (rir+mmdb:PATH).")
    var geo = "rir"

    @Flag(help: "Count IPv6 prefixes instead of IPv4.")
    var ipv6 = false

    @Argument(help: "Country codes to report (all countries when none are given).")
    var countries: [String] = []

    func validate() throws {
        guard PrefixGeographySource(geo) != nil else {
            throw ValidationError("--geo must be rir, mmdb:PATH, tor:PATH[,PATH6], or several joined by + (rir+mmdb:PATH), not \(geo)")
        }
        for code in countries where CountryCode(code) == nil {
            throw ValidationError("\(code) is not a two-letter country code")
        }
        // A geolocation database places prefixes on its own; the registries' files are needed only for rir.
        if let source = PrefixGeographySource(geo), source.members.contains(where: { $0 == .rir }), delegated.isEmpty {
            throw ValidationError("--geo \(geo) places prefixes by the registries: give their files with --delegated")
        }
    }

    func run() throws {
        let source = PrefixGeographySource(geo) ?? .rir
        let delegations = try Delegations.load(delegated)
        for warning in delegations.warnings { printError("warning: \(warning)") }
        let geography = try Geography(delegations: delegations, source: source)
        let family: AddressFamily = ipv6 ? .ipv6 : .ipv4
        let prefixes = try PrefixToASFile.read(pfx2as).map(\.prefix).filter { $0.family == family }
        var counts: [CountryCode: Int] = [:]
        var bySource: [String: Int] = [:]
        for placement in geography.placements(of: prefixes[...]) {
            if let placed = placement {
                counts[placed.country, default: 0] += 1
                bySource[geography.tables[placed.source].source.kind, default: 0] += 1
            } else {
                bySource["unplaced", default: 0] += 1
            }
        }
        let selected = countries.isEmpty ? counts.keys.sorted() : countries.compactMap { CountryCode($0) }
        var output = StandardOutput()
        try output.write("routed \(family) prefixes by country (geography: \(source)); \(prefixes.count) prefixes in all\n")
        let placed = bySource.filter { $0.key != "unplaced" }.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
        try output.write("placed: " + (placed.isEmpty ? "none" : placed.joined(separator: ", "))
                         + "; \(bySource["unplaced", default: 0]) could not be placed\n")
        for country in selected {
            try output.write("\(country)\t\(counts[country, default: 0])\n")
        }
        try output.flush()
    }
}
