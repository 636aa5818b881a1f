import ChokepointTestSupport
import Foundation
import Testing

/// `--at` on the mirror's 2014 data: the case's RIB and updates replayed to a time, the archive's
/// files found for a time, and a history through an evening. The counts of updates applied are
/// bgpdump's (`bgpdump -m` of each update file, split at the time): the jinx file of 23:45 has 337
/// announcements and 21 withdrawals up to 23:50 and 996 messages after; the rrc06 file of 22:15
/// has 3,761 and 68, and 4 state changes between Active and Connect (none leaves Established).
@Suite("replay to a time (--at)", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct ReplayCommandTests {
    private func tool() throws -> CommandLineTool { try NorthKoreaCaseTests.tool.get() }

    private func rows(_ csv: String) -> [[String: String]] { CommandLineTool.csvRows(csv) }

    @Test("the 2014 case at 23:50: both update files applied up to then, the gap before 23:45 named")
    func caseAtTime() throws {
        let result = try tool().run(["compare", "KP", "--case", CommandLineTool.northKorea, "--at", "2014-05-30T23:50",
                                     "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("replayed to 2014-05-30 23:50:00 UTC:"), "\(result.errors)")
        #expect(result.errors.contains("applied 4098 announcements, 89 withdrawals and 0 session resets (and 4 other changes"),
                "\(result.errors)")
        #expect(result.errors.contains("left out 996 updates after 2014-05-30 23:50:00 UTC"), "\(result.errors)")
        #expect(result.errors.contains("warning: route-views.jinx: no update from 2014-05-30 22:00:00 UTC to 2014-05-30 23:45:11 UTC"),
                "\(result.errors)")
        #expect(result.errors.contains("warning: rrc06: updates but no RIB"), "\(result.errors)")
        let kp = rows(result.output).first
        #expect(kp?["networks"] == "4")
        #expect(kp?["upstreamCount"] == "1")
    }

    @Test("--at alone: the collector's last RIB before the time and its update files up to it, from the archive")
    func archiveAtTime() throws {
        let result = try tool().run(["compare", "KP", "--at", "2014-05-30T23:50", "--collector", "route-views.jinx",
                                     "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("note: route-views.jinx: the update file of 2014-05-30 23:45 UTC, replayed over its RIB of 2014-05-30 22:00 UTC"),
                "\(result.errors)")
        #expect(result.errors.contains("applied 337 announcements, 21 withdrawals and 0 session resets"), "\(result.errors)")
        #expect(rows(result.output).first?["networks"] == "4")

        let early = try tool().run(["compare", "KP", "--at", "2014-05-30T21:50", "--collector", "route-views.jinx", "--quiet"])
        #expect(early.status != 0)
        #expect(early.errors.contains("no file in the 24 hours up to 2014-05-30 21:50 UTC to replay from"), "\(early.errors)")
    }

    @Test("a history through the evening: a row per quarter hour, each the state at its time")
    func evening() throws {
        let result = try tool().run(["history", "KP", "--case", CommandLineTool.northKorea, "--at", "2014-05-30T23:30",
                                     "--to", "2014-05-31T00:00", "--every", "15min", "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let table = rows(result.output)
        #expect(table.map { $0["date"] ?? "" } == ["2014-05-30 23:30", "2014-05-30 23:45", "2014-05-31 00:00"])
        #expect(table.map { $0["dataDate"] ?? "" } == ["2014-05-30 23:30", "2014-05-30 23:45", "2014-05-31 00:00"].map {
            "2014-05-30 22:00 UTC replayed to \($0) UTC"
        })
        #expect(table.allSatisfy { $0["networks"] == "4" })
        // Each point is its own replay: three summaries, the last with the whole jinx file applied.
        #expect(result.errors.components(separatedBy: "replayed to ").count - 1 == 3)
        #expect(result.errors.contains("left out 0 updates after 2014-05-31 00:00:00 UTC"), "\(result.errors)")
    }

    @Test("diff between two times of the case: each side says its time; KP unchanged")
    func diffTimes() throws {
        let result = try tool().run(["diff", "KP", "YE", "--case", CommandLineTool.northKorea, "--at", "2014-05-30T22:00",
                                     "--to-at", "2014-05-31T00:00", "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("north-korea-2014 at 2014-05-30 22:00 UTC → north-korea-2014 at 2014-05-31 00:00 UTC"),
                "\(result.output)")
        #expect(result.output.contains("KP: no change in networks, upstreams"), "\(result.output)")
        #expect(result.errors.components(separatedBy: "replayed to ").count - 1 == 2, "\(result.errors)")
        let both = try tool().run(["diff", "KP", "--case", CommandLineTool.northKorea, "--to-date", "2014-05-30", "--to-at", "2014-05-31T00:00"])
        #expect(both.status != 0 && both.errors.contains("give one later analysis"), "\(both.errors)")
    }

    @Test("argument errors: --at with --date, months that meant minutes, a day's step with --at")
    func errors() throws {
        let both = try tool().run(["compare", "KP", "--date", "2014-05-30", "--at", "2014-05-30T23:50"])
        #expect(both.status != 0 && both.errors.contains("give --at or --date, not both"), "\(both.errors)")
        let months = try tool().run(["history", "KP", "--case", CommandLineTool.northKorea, "--at", "2014-05-30T22:00",
                                     "--to", "2014-05-31T00:00", "--every", "15m"])
        #expect(months.status != 0 && months.errors.contains("for minutes write 15min"), "\(months.errors)")
        let daily = try tool().run(["history", "KP", "--case", CommandLineTool.northKorea, "--at", "2014-05-30T22:00",
                                    "--to", "2014-06-02T00:00", "--every", "1d"])
        #expect(daily.status != 0 && daily.errors.contains("take a step under a day"), "\(daily.errors)")
        let bad = try tool().run(["compare", "KP", "--case", CommandLineTool.northKorea, "--at", "yesterday"])
        #expect(bad.status != 0 && bad.errors.contains("--at must be YYYY-MM-DDTHH:MM"), "\(bad.errors)")
    }
}
