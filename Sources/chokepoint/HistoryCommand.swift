import AnalysisPipeline
import ArgumentParser
import CaseStudies
import CountryAnalysis
import Foundation
import PublicArchives
import ReferenceData
import Reports
import TopologyRendering

/// `chokepoint history`: countries at a series of dates, or across several cases.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Analyse countries at a series of dates (or across cases), one row per date and country.",
        discussion: """
            The history starts at --date and steps by --every up to --to; or it takes --case, then each \
            --to-case in turn. Each date's inputs are resolved as --date resolves them (the files nearest the date, with \
            --collector and --date-tolerance); a date the archives cannot serve is named and left out. \
            Dates that resolve to the same routing data are analysed once and say so. Each row says the \
            date of the data it rests on, its witnesses and whether its routes were observed or simulated.

            Examples:
              chokepoint history KP YE --date 2014-05-01 --to 2014-07-01 --every 1m --collector route-views.jinx
              chokepoint history --case examples/north-korea-2014 --to-case examples/north-korea-2017 --format csv
            """
    )

    @Argument(help: "Country codes (default: the first case's).")
    var countries: [String] = []

    @Option(help: "With --date, the first: the last date (YYYY-MM-DD), included.")
    var to: String?

    @Option(help: "The step: Nd, Nw, Nm or Ny (days, weeks, months, years), such as 1d, 1w, 1m.")
    var every = "1m"

    @Option(name: .customLong("to-case"), help: "With --case, the first: the cases that follow it, in turn (repeatable).")
    var toCases: [String] = []

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Also draw each measure over time as SVG, the countries as lines (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var output: String?

    @OptionGroup var inputs: AnalysisInputs

    /// The largest number of dates one history analyses.
    static let maximumPoints = 400

    func validate() throws {
        if inputs.date != nil {
            guard let to, UTCDate(to) != nil else { throw ValidationError("with --date (the first date), give the last: --to YYYY-MM-DD") }
            guard toCases.isEmpty else { throw ValidationError("--to-case goes with --case, not --date") }
            _ = try Self.step(every)
        } else if inputs.caseDirectory != nil {
            guard !toCases.isEmpty else { throw ValidationError("with --case (the first case), give the ones after it: --to-case DIR") }
            guard to == nil else { throw ValidationError("--to goes with --date, not --case") }
        } else {
            throw ValidationError("give --date FIRST --to LAST [--every 1m], or --case FIRST --to-case NEXT")
        }
    }

    /// The step of `text`: a count and a unit.
    static func step(_ text: String) throws -> (count: Int, unit: Character) {
        guard let unit = text.last, "dwmy".contains(unit), let count = Int(text.dropLast()), (1...1000).contains(count) else {
            throw ValidationError("--every must be a count and a unit, d, w, m or y (such as 1d, 2w, 1m), not \(text)")
        }
        return (count, unit)
    }

    /// The dates from `first` to `last`, `step` apart.
    static func dates(from first: UTCDate, to last: UTCDate, every step: (count: Int, unit: Character)) throws -> [UTCDate] {
        var dates: [UTCDate] = []
        var index = 0
        while true {
            let date: UTCDate?
            switch step.unit {
            case "d", "w":
                date = UTCDate(secondsSinceEpoch: first.secondsSinceEpoch + Int64(index * step.count * (step.unit == "w" ? 7 : 1)) * 86_400)
            default:
                let months = index * step.count * (step.unit == "y" ? 12 : 1)
                let start = first.components
                let total = start.year * 12 + (start.month - 1) + months
                // The same day of the month, or the month's last when it is shorter (31 January, 28 February).
                date = stride(from: start.day, through: 28, by: -1).lazy
                    .compactMap { UTCDate(year: total / 12, month: total % 12 + 1, day: $0) }.first
            }
            guard let date, date <= last else { break }
            dates.append(date)
            index += 1
            guard dates.count <= maximumPoints else {
                throw CommandFailure(description: "more than \(maximumPoints) dates from \(first) to \(last) every \(step.count)\(step.unit); take a longer step")
            }
        }
        return dates
    }

    func run() throws {
        try CommandFailure.reporting {
            var sides: [(label: String, inputs: AnalysisInputs, study: CaseStudy?)] = []
            if let first = inputs.caseDirectory {
                for directory in [first] + toCases {
                    var side = inputs
                    side.caseDirectory = directory
                    side.date = nil
                    let study = try side.caseStudy()
                    sides.append((study?.name ?? directory, side, study))
                }
            } else if let from = inputs.date, let first = UTCDate(from), let to, let last = UTCDate(to) {
                for date in try Self.dates(from: first, to: last, every: Self.step(every)) {
                    var side = inputs
                    side.caseDirectory = nil
                    side.date = String(date.description.prefix(10))
                    sides.append((String(date.description.prefix(10)), side, nil))
                }
            }
            let codes = try CountryArguments.parse(countries, orCase: sides.first?.study)
            var points: [HistoryTable.Point] = []
            var analysed: [String: String] = [:]
            for side in sides {
                let prepared: PreparedAnalysis, sources: [DataSource]
                do {
                    (prepared, sources) = try side.inputs.prepare(side.study)
                } catch {
                    // A date the archives cannot serve is left out, and said so; the others go on.
                    guard side.study == nil else { throw error }
                    printError("note: \(side.label) left out: \(error)")
                    continue
                }
                let ribs = sources.filter { $0.role == .rib }
                let relationships = sources.first { $0.role == .asRelationships }?.date.map { "relationships of " + $0.description.prefix(10) }
                let dataDate = ribs.compactMap(\.date).min().map(\.description)
                    ?? (prepared.analyzer.topology.simulation != nil ? relationships ?? "relationships only" : "no RIB date")
                let key = sources.map(\.path).joined(separator: "\n")
                if let earlier = analysed[key] {
                    printError("note: \(side.label) rests on the same data as \(earlier): analysed once, shown under \(earlier)")
                    continue
                }
                analysed[key] = side.label
                points.append(HistoryTable.Point(label: side.label, dataDate: dataDate, profiles: prepared.analyzer.profiles(of: codes)))
            }
            guard !points.isEmpty else { throw CommandFailure(description: "no date of the history could be served; see the notes above") }
            let table = HistoryTable(points: points)
            try format.print(table)
            guard svg else { return }
            let path = try OutputFiles.write(Self.chart(points, countries: codes).svg(),
                                             name: "history-" + codes.map(\.description).joined(separator: "-") + ".svg",
                                             in: inputs.outputDirectory(for: sides.first?.study), to: self.output)
            printError("wrote \(path)")
        }
    }

    /// The measures over time: score, effective upstreams, the transit cut (none where no cut
    /// exists) and networks, each country a line.
    static func chart(_ points: [HistoryTable.Point], countries: [CountryCode]) -> HistoryChart {
        func series(_ value: @escaping (CountryProfile) -> Double?) -> [(country: String, values: [Double?])] {
            countries.map { code in
                (code.description, points.map { point in point.profiles.first { $0.country == code }.flatMap(value) })
            }
        }
        return HistoryChart(
            title: countries.map(\.description).joined(separator: ", ") + ", "
                + (points.count > 1 ? "\(points[0].label) to \(points[points.count - 1].label)" : points.first?.label ?? ""),
            dates: points.map(\.label),
            // What each date rests on: its data, observed or simulated routes, and the most witnesses any country had.
            bases: points.map { point in
                let simulated = point.profiles.contains { $0.routes == .simulated }
                let witnesses = point.profiles.map(\.witnessASes).max() ?? 0
                return "\(point.dataDate)\n\(simulated ? "simulated" : "observed"), \(witnesses) witness\(witnesses == 1 ? "" : "es")"
            },
            panels: [
                HistoryChart.Panel(title: "Score (0-100, higher is more resilient)", series: series { $0.score }),
                HistoryChart.Panel(title: "Effective upstreams", series: series { $0.effectiveUpstreams }),
                HistoryChart.Panel(title: "Transit cut (ASes; one at the search limit is a lower bound)", series: series { $0.transitCuts.kappa.unbounded ? nil : Double($0.kappaTransit) }),
                HistoryChart.Panel(title: "Networks", series: series { Double($0.networks) }),
            ])
    }
}
