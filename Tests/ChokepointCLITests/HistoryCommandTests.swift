import ChokepointTestSupport
import Foundation
import Testing

/// `chokepoint history` on the mirror's data: two cases in turn, and a monthly series of which the
/// archives serve one date.
@Suite("chokepoint history", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct HistoryCommandTests {
    private func tool() throws -> CommandLineTool { try NorthKoreaCaseTests.tool.get() }

    private func rows(_ csv: String) -> [[String: String]] { CommandLineTool.csvRows(csv) }

    @Test("the 2014 case, then the 2017 one: a row per case and country, each saying what it rests on")
    func cases() throws {
        let later = CommandLineTool.northKorea.replacingOccurrences(of: "north-korea-2014", with: "north-korea-2017")
        let result = try tool().run(["history", "--case", CommandLineTool.northKorea, "--to-case", later, "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let table = rows(result.output)
        #expect(table.map { $0["date"] ?? "" } == Array(repeating: "north-korea-2014", count: 4) + Array(repeating: "north-korea-2017", count: 4))
        #expect(table.map { $0["country"] ?? "" } == ["KP", "YE", "AF", "TW", "KP", "YE", "AF", "TW"])
        let kp = table.filter { $0["country"] == "KP" }
        // Dyn Research's four networks behind one upstream in 2014; the same before TransTelecom's link of 2017.
        #expect(kp.map { $0["networks"] } == ["4", "4"] && kp.map { $0["upstreams"] } == ["1", "1"])
        #expect(kp.map { $0["routes"] } == ["observed", "simulated"])
        #expect(kp.first?["dataDate"] == "2014-05-30 22:00 UTC")
        // The 2017 case has no RIB: its routes rest on CAIDA's relationships of November 2016 (its manifest).
        #expect(kp.last?["dataDate"] == "relationships of 2016-11-01")
    }

    @Test("a case of dated data sets: the 2014 RIB, then the relationships of 2015 and 2016; KP behind China Unicom alone throughout")
    func datedCase() throws {
        let history = CommandLineTool.northKorea.replacingOccurrences(of: "north-korea-2014", with: "north-korea-history")
        let result = try tool().run(["history", "--case", history, "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let table = rows(result.output)
        #expect(table.map { $0["date"] ?? "" } == ["2014-05-30", "2015-02-01", "2016-11-01"].flatMap { Array(repeating: $0, count: 4) })
        let kp = table.filter { $0["country"] == "KP" }
        // Dyn Research's four networks and one provider (AS4837) until TransTelecom's link of October 2017.
        #expect(kp.map { $0["networks"] } == ["4", "4", "4"])
        #expect(kp.map { $0["upstreams"] } == ["1", "1", "1"])
        #expect(kp.map { $0["routes"] } == ["observed", "simulated", "simulated"])
        #expect(kp.map { $0["dataDate"] } == ["2014-05-30 22:00 UTC", "relationships of 2015-02-01", "relationships of 2016-11-01"])
        #expect(result.errors.contains("note: 2015-02-01: relationships only"), "\(result.errors)")

        // Points analysed two at a time: the same rows in the same order.
        let parallel = try tool().run(["history", "--case", history, "--format", "csv", "--quiet", "--jobs", "2"])
        #expect(parallel.status == 0 && parallel.output == result.output, "\(parallel.errors)")
    }

    @Test("monthly from 31 January: the months' last days, the dates the archives cannot serve named and left out")
    func monthly() throws {
        let result = try tool().run(["history", "KP", "--date", "2014-01-31", "--to", "2014-05-31", "--every", "1m",
                                     "--collector", "route-views.jinx", "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        for left in ["2014-01-31", "2014-02-28", "2014-03-31", "2014-04-30"] {
            #expect(result.errors.contains("note: \(left) left out:"), "\(left): \(result.errors)")
        }

        let table = rows(result.output)
        #expect(table.map { $0["date"] ?? "" } == ["2014-05-31"])
        #expect(table.first?["dataDate"] == "2014-05-30 22:00 UTC")
        #expect(table.first?["networks"] == "4")
    }

    @Test("a day before the RIB: 1 day 22 hours away is more than the 1 day allowed, said so")
    func dayBefore() throws {
        let result = try tool().run(["history", "KP", "--date", "2014-05-29", "--to", "2014-05-30", "--every", "1d",
                                     "--collector", "route-views.jinx", "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("note: 2014-05-29 left out: RouteViews RIB (route-views.jinx): the nearest file, of "
                                       + "2014-05-30 22:00 UTC, is more than 1 day from 2014-05-29 00:00 UTC, beyond the 1 day allowed"),
                "\(result.errors)")
        #expect(rows(result.output).map { $0["date"] ?? "" } == ["2014-05-30"])
    }

    @Test("a history needs its end: --to with --date, --to-case with --case (or dates in the case)")
    func arguments() throws {
        let noEnd = try tool().run(["history", "KP", "--date", "2014-05-30"])
        #expect(noEnd.status != 0 && noEnd.errors.contains("--to YYYY-MM-DD"))
        let noNext = try tool().run(["history", "--case", CommandLineTool.northKorea])
        #expect(noNext.status != 0 && noNext.errors.contains("--to-case DIR"))
        let badStep = try tool().run(["history", "KP", "--date", "2014-05-30", "--to", "2014-06-30", "--every", "3q"])
        #expect(badStep.status != 0 && badStep.errors.contains("--every must be"))
    }
}

/// `--date ... --relationships-only`: the archives' relationships nearest a date, no RIB.
@Suite("relationships only by date", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct RelationshipsOnlyByDateTests {
    private func tool() throws -> CommandLineTool { try NorthKoreaCaseTests.tool.get() }

    @Test("February 2015 from CAIDA's relationships of that day: North Korea's four networks behind China Unicom alone")
    func february2015() throws {
        let result = try tool().run(["compare", "KP", "--date", "2015-02-01", "--relationships-only", "--date-tolerance", "400",
                                     "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("20150201.as-rel.txt.bz2: within a day of the date"))
        #expect(result.errors.contains("relationships only: no routing data was read"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let kp = try #require((document["countries"] as? [[String: Any]])?.first)
        #expect(kp["networks"] as? Int == 4)
        #expect((kp["upstreams"] as? [[String: Any]])?.compactMap { $0["asn"] as? Int } == [4837])
        #expect(kp["routes"] as? String == "simulated")
    }

    @Test("the flag goes with --date and without --collector")
    func arguments() throws {
        let withCase = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--relationships-only"])
        #expect(withCase.status != 0 && withCase.errors.contains("--relationships-only goes with --date"))
        let withCollector = try tool().run(["compare", "KP", "--date", "2015-02-01", "--relationships-only", "--collector", "route-views2"])
        #expect(withCollector.status != 0 && withCollector.errors.contains("drop --collector"))
    }
}
