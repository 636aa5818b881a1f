import AnalysisPipeline
import ArgumentParser
import ASTopology
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
            --to-case in turn; or a case alone whose manifest lists dated data sets ("dates": [{"date": ..., \
            "data": {...}}]), a point per date. Each date's inputs are resolved as --date resolves them (the files nearest the date, with \
            --collector and --date-tolerance); a date the archives cannot serve is named and left out. \
            Dates that resolve to the same routing data are analysed once and say so. Each row says the \
            date of the data it rests on, its witnesses and whether its routes were observed or simulated.

            Within a day, --at starts the history and --every takes minutes or hours: each point is the state \
            at its time, the last RIB with the updates up to then replayed over it (a case's data with --case, \
            else the archives'); stretches without updates are named.

            With --shards DIR (from chokepoint shard), each date the shards hold is a point: its shards merged \
            (update shards with their collector's latest RIB before them), the reference data as --date takes \
            them for that day: the reduce step of a cluster run, the same rows a local history of those dates gives.

            Examples:
              chokepoint history KP YE --date 2014-05-01 --to 2014-07-01 --every 1m --collector route-views.jinx
              chokepoint history --case examples/north-korea-2014 --to-case examples/north-korea-2017 --format csv
              chokepoint history KP YE --case examples/north-korea-2014 --at 2014-05-30T22:00 --to 2014-05-31T00:00 --every 15min
              chokepoint history KP YE --shards shards/
              chokepoint history --case examples/north-korea-history --svg
            """
    )

    @Argument(help: "Country codes (default: the first case's).")
    var countries: [String] = []

    @Option(help: "With --date or --at (the first date or time): the last, included.")
    var to: String?

    @Option(help: "The step: Nmin, Nh, Nd, Nw, Nm or Ny (minutes, hours, days, weeks, months, years), such as 15min, 1d, 1m. Steps under a day replay the updates to each time (--at).")
    var every = "1m"

    @Option(name: .customLong("to-case"), help: "With --case, the first: the cases that follow it, in turn (repeatable).")
    var toCases: [String] = []

    @Option(help: "table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Also draw each measure over time as SVG, the countries as lines (under output/ unless -o is given).")
    var svg = false

    @Option(name: .shortAndLong, help: "Where to write the SVG.")
    var output: String?

    @Option(help: "How many points to analyse at once. Default 1: one analysis already uses every core, and each point at once holds its own topology in memory.")
    var jobs = 1

    @OptionGroup var inputs: AnalysisInputs

    /// The largest number of dates one history analyses.
    static let maximumPoints = 400

    /// The first date: `--date`, or `--at` for a history of replays (with a case's data or the archives').
    private var first: String? { inputs.date ?? inputs.at }

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 64") }
        if let first {
            guard let to, let last = UTCDate(to) else {
                throw ValidationError("with \(inputs.date != nil ? "--date" : "--at") (the first), give the last: --to YYYY-MM-DD[THH:MM]")
            }
            guard toCases.isEmpty else { throw ValidationError("--to-case goes with --case alone, not with --date or --at") }
            let step = try Self.step(every)
            if step.unit == "m", let start = UTCDate(first), last.secondsSinceEpoch - start.secondsSinceEpoch < 86_400,
               first.contains(where: { $0 == "T" || $0 == ":" }) {
                throw ValidationError("--every \(every) is \(step.count) month\(step.count == 1 ? "" : "s"), longer than the history: for minutes write \(step.count)min")
            }
            if inputs.at != nil, !Self.replays(step) {
                throw ValidationError("--at replays the updates to each time: take a step under a day (such as 15min or 1h), or use --date")
            }
            if inputs.date != nil, Self.replays(step) {
                throw ValidationError("a step under a day replays updates to each time: give the first time with --at, not --date")
            }
        } else if !inputs.shards.isEmpty {
            guard toCases.isEmpty, to == nil else { throw ValidationError("--shards makes a point of every date the shards hold: drop --to and --to-case") }
        } else if inputs.caseDirectory != nil {
            // A case alone must list dated data sets: run() says so when it does not.
            guard to == nil else { throw ValidationError("--to goes with --date or --at, not --case alone") }
        } else {
            throw ValidationError("give --date FIRST --to LAST [--every 1m], --at FIRST --to LAST --every 15min [--case DIR], --shards DIR, or --case FIRST --to-case NEXT")
        }
    }

    /// The step of `text`: a count and a unit (`n` for minutes, `h`, `d`, `w`, `m`, `y`).
    static func step(_ text: String) throws -> (count: Int, unit: Character) {
        let minutes = text.hasSuffix("min")
        let number = minutes ? text.dropLast(3) : text.dropLast()
        guard let unit = minutes ? "n" : text.last, "nhdwmy".contains(unit), let count = Int(number), (1...1000).contains(count) else {
            throw ValidationError("--every must be a count and a unit, min, h, d, w, m or y (such as 15min, 1d, 1m), not \(text)")
        }
        return (count, unit)
    }

    /// Whether points `step` apart are replays to a time (a step under a day) rather than dates.
    static func replays(_ step: (count: Int, unit: Character)) -> Bool {
        step.unit == "n" || (step.unit == "h" && step.count < 24)
    }

    /// The dates from `first` to `last`, `step` apart.
    static func dates(from first: UTCDate, to last: UTCDate, every step: (count: Int, unit: Character)) throws -> [UTCDate] {
        var dates: [UTCDate] = []
        var index = 0
        while true {
            let date: UTCDate?
            switch step.unit {
            case "n", "h", "d", "w":
                let seconds = ["n": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400][step.unit] ?? 86_400
                date = UTCDate(secondsSinceEpoch: first.secondsSinceEpoch + Int64(index * step.count * seconds))
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
                let unit = step.unit == "n" ? "min" : String(step.unit)
                throw CommandFailure(description: "more than \(maximumPoints) dates from \(first) to \(last) every \(step.count)\(unit); take a longer step")
            }
        }
        return dates
    }

    func run() throws {
        try CommandFailure.reporting {
            var sides: [(label: String, inputs: AnalysisInputs, study: CaseStudy?)] = []
            if let from = first, let start = UTCDate(from), let to, let last = UTCDate(to) {
                let step = try Self.step(every)
                let study = try inputs.caseStudy()
                for date in try Self.dates(from: start, to: last, every: step) {
                    var side = inputs
                    // Under a day, each point is the state at its time: the data replayed to it.
                    let label = Self.replays(step) ? String(date.description.prefix(16)) : String(date.description.prefix(10))
                    if Self.replays(step) {
                        side.date = nil
                        side.at = label.replacingOccurrences(of: " ", with: "T")
                    } else {
                        side.date = label
                    }
                    sides.append((label, side, study))
                }
            } else if !inputs.shards.isEmpty {
                for (day, files) in try Self.shardDates(inputs.shardPaths()) {
                    var side = inputs
                    side.shards = files
                    // The reference data are those --date takes for the day, as a local history's.
                    side.date = day
                    sides.append((day, side, nil))
                }
            } else if toCases.isEmpty, let study = try inputs.caseStudy() {
                // A case of dated data sets: a point per date, each its own data.
                guard !study.dates.isEmpty else {
                    throw CommandFailure(description: "\(inputs.caseDirectory ?? study.name): the case lists no \"dates\": give the cases "
                                         + "after it with --to-case DIR, or list dated data sets in its manifest")
                }
                for entry in study.dates {
                    if let note = entry.note { printError("note: \(entry.date): \(note)") }
                    var dated = study
                    dated.data = entry.data
                    sides.append((entry.date, inputs, dated))
                }
            } else if let firstCase = inputs.caseDirectory {
                for directory in [firstCase] + toCases {
                    var side = inputs
                    side.caseDirectory = directory
                    side.date = nil
                    let study = try side.caseStudy()
                    sides.append((study?.name ?? directory, side, study))
                }
            }
            // Progress bars of points analysed at once would overwrite each other.
            if jobs > 1 { for index in sides.indices { sides[index].inputs.quiet = true } }
            let codes = try CountryArguments.parse(countries, orCase: sides.first?.study)
            var points: [HistoryTable.Point] = []
            var analysed: [String: String] = [:]
            let results = Self.analyseAll(sides.map { ($0.inputs, $0.study, $0.label) }, codes: codes, jobs: jobs)
            for (side, result) in zip(sides, results) {
                guard let point = try result.get() else { continue }
                if let earlier = analysed[point.key] {
                    printError("note: \(side.label) rests on the same data as \(earlier): analysed once, shown under \(earlier)")
                    continue
                }
                analysed[point.key] = side.label
                points.append(HistoryTable.Point(label: side.label, dataDate: point.dataDate, profiles: point.profiles))
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
