import ChokepointTestSupport
import Foundation
import Testing

/// What a user meets at the command line: the version, choices refused with the list of allowed
/// values, regions that are not countries, dates too far from a data set's files, the footer that
/// names the inputs, and a report made from a date rather than a case.
@Suite("chokepoint at the command line", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct UsabilityTests {
    private func refused(_ arguments: [String]) throws -> String {
        let result = try CommandLineTool().run(arguments)
        #expect(result.status != 0, "\(arguments) was accepted")
        #expect(!result.errors.contains("Fatal error"))
        return result.errors
    }

    @Test("--version names the version and the commit it was built from")
    func version() throws {
        let result = try CommandLineTool().run(["--version"])
        #expect(result.status == 0)
        let pattern = /chokepoint \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(\+changes)?|unknown)\)\n/
        #expect(result.output.wholeMatch(of: pattern) != nil, "\(result.output)")
    }

    @Test("a value not among the choices is refused with the choices")
    func choices() throws {
        #expect(try refused(["rank", "--case", CommandLineTool.northKorea, "--by", "foo"]).contains("'score', 'kappa', 'effective' or 'networks'"))
        let engine = try refused(["render", "KP", "--case", CommandLineTool.northKorea, "--engine", "foo"])
        #expect(engine.contains("dot") && engine.contains("sfdp"))
        #expect(try refused(["render", "KP", "--case", CommandLineTool.northKorea, "--format", "png"]).contains("'svg' and 'dot'"))
        // The option is --nodes everywhere now.
        #expect(try refused(["render", "KP", "--case", CommandLineTool.northKorea, "--top", "3"]).contains("Unknown option '--top'"))
    }

    @Test("a region code is not a country, and says which region it is")
    func region() throws {
        let errors = try refused(["compare", "EU", "KP", "--case", CommandLineTool.northKorea])
        #expect(errors.contains("EU is a region (the European Union), not a country"), "\(errors)")
        #expect(errors.split(separator: "\n").filter { $0.hasPrefix("Error: ") }.count == 1)
    }

    @Test("a data set's file farther from the date than its tolerance is refused unless --date-tolerance widens it")
    func tolerance() throws {
        // The mirror's nearest AS-relationship file is of 2015-02-01: 247 days from 30 May 2014, and
        // relationships are allowed 92.
        let errors = try refused(["fetch", "as-rel", "--date", "2014-05-30"])
        #expect(errors.contains("is 247 days from 2014-05-30 00:00 UTC, beyond the 92 days allowed for it"), "\(errors)")
        #expect(errors.contains("--date-tolerance"))
        let accepted = try CommandLineTool().run(["fetch", "as-rel", "--date", "2014-05-30", "--date-tolerance", "300"])
        #expect(accepted.status == 0, "\(accepted.errors)")
        #expect(accepted.output.contains("20150201.as-rel.txt.bz2"))
        #expect(accepted.errors.contains("247 days after it (allowed: 300 days)"))
    }

    @Test("registries that did not exist on the date are skipped, and a long search is named in one line")
    func registriesByYear() throws {
        let result = try CommandLineTool().run(["fetch", "delegated", "--date", "2003-01-01", "--date-tolerance", "3000"])
        #expect(result.errors.contains("AFRINIC began in 2005: no file of it is fetched"), "\(result.errors)")
        // The mirror holds no APNIC file of those years: the error names how many directories were searched.
        #expect(result.status != 0)
        let error = try #require(result.errors.split(separator: "\n").first { $0.hasPrefix("Error: ") })
        #expect(error.contains("looked in 19 directories"), "\(error)")
    }

    @Test("a report from a date: output/<date>/index.html, with the caveats and the command that redoes it")
    func reportFromDate() throws {
        let tool = try CommandLineTool()
        let arguments = ["report", "KP", "--date", "2014-05-30", "--collector", "route-views.jinx", "--date-tolerance", "300"]
        let result = try tool.run(arguments)
        #expect(result.status == 0, "\(result.errors)")
        let page = try String(contentsOf: tool.directory.appendingPathComponent("output/2014-05-30/index.html"), encoding: .utf8)
        #expect(page.contains("<title>North Korea on 2014-05-30"))
        #expect(page.contains("What these figures can and cannot say"))
        #expect(page.contains("rests on 1 vantage point in 1 AS (1 witness)"))
        #expect(page.contains("AS relationships 246 days"))
        #expect(page.contains("chokepoint report KP --date 2014-05-30 --collector route-views.jinx --date-tolerance 300"))
        #expect(page.contains("@media print"))
        #expect(page.contains("class=\"table-wrap\""))
        // The table on standard output ends with the line naming its inputs; --quiet leaves it out.
        let footer = try #require(result.output.split(separator: "\n").last)
        #expect(footer.hasPrefix("inputs: MRT RIB dump 2014-05-30 22:00, "), "\(footer)")
        #expect(footer.contains("RIR delegations ×5"))
        #expect(footer.contains("; 1 witness"))
        let quiet = try tool.run(arguments + ["--quiet", "-o", "quiet.html"])
        #expect(quiet.status == 0, "\(quiet.errors)")
        #expect(!quiet.output.contains("inputs: "))
        #expect(FileManager.default.fileExists(atPath: tool.directory.appendingPathComponent("quiet.html").path))
    }
}
