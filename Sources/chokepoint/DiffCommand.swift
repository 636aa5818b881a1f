import AnalysisPipeline
import ArgumentParser
import CaseStudies
import CountryAnalysis
import Foundation
import PublicArchives
import InternetAddresses
import ReferenceData
import Reports

/// `chokepoint diff`: how countries changed between two dates or two cases.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how countries changed between two dates, two times or two cases: networks, upstreams, points of failure, cut, score.",
        discussion: """
            The earlier analysis is given as any other (--case, --date or files); the later one by \
            --to-case or --to-date, every other option the same. Each side says what it rests on \
            (witnesses, confidence, observed or simulated routes): a change between a well-witnessed date \
            and a one-witness one may be the witnesses', not the country's.

            Examples:
              chokepoint diff --case examples/north-korea-2014 --to-case examples/north-korea-2017
              chokepoint diff KP YE --date 2014-05-30 --to-date 2014-06-30 --collector route-views.jinx --format markdown
              chokepoint diff KP YE --case examples/north-korea-2014 --at 2014-05-30T22:00 --to-at 2014-05-31T00:00
            """
    )

    @Argument(help: "Country codes (default: the earlier case's, else the later case's, else every country of either side).")
    var countries: [String] = []

    @OptionGroup var inputs: AnalysisInputs

    @Option(name: .customLong("to-case"), help: "The later analysis: a case directory.")
    var toCase: String?

    @Option(name: .customLong("to-date"), help: "The later analysis: the archives' files nearest this date (YYYY-MM-DD).")
    var toDate: String?

    @Option(name: .customLong("to-at"),
            help: "The later analysis: the state at this time (YYYY-MM-DDTHH:MM), the same data (or --to-case's) replayed to it, as --at does.")
    var toAt: String?

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Compare IPv6 networks instead of IPv4.")
    var ipv6 = false

    func validate() throws {
        guard toCase != nil || toDate != nil || toAt != nil else {
            throw ValidationError("give the later analysis: --to-case DIR, --to-date YYYY-MM-DD or --to-at YYYY-MM-DDTHH:MM")
        }
        guard toCase == nil || toDate == nil, toDate == nil || toAt == nil else {
            throw ValidationError("give one later analysis: --to-case (with --to-at to replay it), --to-date or --to-at")
        }
        if let toDate, UTCDate(toDate) == nil { throw ValidationError("--to-date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \(toDate)") }
        if let toAt, UTCDate(toAt) == nil { throw ValidationError("--to-at must be YYYY-MM-DDTHH:MM (UTC), not \(toAt)") }
    }

    /// One side, analysed and let go of before the other is loaded: its profiles and networks.
    private struct Side {
        var label: String
        var profiles: [CountryCode: CountryProfile]
        var networks: [CountryCode: [IPPrefix]]
        var countries: [CountryCode]
        var names: [UInt32: String]
    }

    private func analyse(_ side: AnalysisInputs, study: CaseStudy?, codes: [CountryCode]?, adding more: [CountryCode] = []) throws -> Side {
        let (prepared, _) = try side.prepare(study)
        let analyzer = prepared.analyzer
        let family: AddressFamily = ipv6 ? .ipv6 : .ipv4
        let chosen = codes ?? Array(Set(analyzer.countries.filter(\.isCountry)).union(more)).sorted()
        let profiles = analyzer.profiles(of: chosen, family: family)
        var networks: [CountryCode: [IPPrefix]] = [:]
        for code in chosen { networks[code] = analyzer.locatedNetworks(of: code, family: family) }
        let source = study.map { $0.name } ?? side.date ?? (side.caseDirectory == nil && side.at != nil ? nil : "the files given")
        let label = [source, side.at.flatMap(UTCDate.init).map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
        return Side(label: label, profiles: Dictionary(uniqueKeysWithValues: zip(chosen, profiles)), networks: networks,
                    countries: chosen, names: prepared.names)
    }

    func run() throws {
        try CommandFailure.reporting {
            var later = inputs
            if toCase != nil || toDate != nil {
                later.caseDirectory = toCase
                later.date = toDate
                later.at = nil
            }
            // The later state at another time: the same data, or the later case's, replayed to it.
            if let toAt {
                later.at = toAt
                // A date's later state comes from the archive at that time, not from the date's files.
                if toCase == nil { later.date = nil }
            }
            let study = try inputs.caseStudy()
            let laterStudy = try later.caseStudy()
            let named: [CountryCode]? = countries.isEmpty && study == nil && laterStudy == nil
                ? nil : try CountryArguments.parse(countries, orCase: study ?? laterStudy)
            let first = try analyse(inputs, study: study, codes: named)
            // With no country named, every country of either side: the later one analyses the earlier's too.
            let second = try analyse(later, study: laterStudy, codes: named, adding: named == nil ? first.countries : [])
            let codes = named ?? Array(Set(first.countries).union(second.countries)).sorted()
            let diffs = codes.map { code in
                CountryDiff(country: code, before: first.profiles[code].map(CountryDiff.Side.init) ?? .nothingLocated,
                            networksBefore: first.networks[code] ?? [],
                            after: second.profiles[code].map(CountryDiff.Side.init) ?? .nothingLocated,
                            networksAfter: second.networks[code] ?? [])
            }
            let table = DiffTable(before: first.label, after: second.label, diffs: diffs,
                                  names: second.names.merging(first.names) { later, _ in later })
            try format.print(table)
        }
    }

}
