import CaseStudies
import ChokepointTestSupport
import Foundation
import PublicArchives
import Testing

@Suite("case manifests")
struct CaseStudyTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/north-korea-2014").path

    private func directory(with manifest: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-case-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try manifest.write(toFile: directory + "/case.json", atomically: true, encoding: .utf8)
        return directory
    }

    @Test("the North Korea case names the data sets and figures the issue gives")
    func northKorea() throws {
        let study = try CaseStudy.load(Self.example)
        #expect(study.name == "north-korea-2014")
        #expect(study.countries == ["KP", "YE", "AF", "TW"])
        #expect(study.data.rib.count == 1 && study.data.updates.count == 2 && study.data.delegated.count == 6)
        // Five organisation files (the registries' 2018 extended files) and a names file besides.
        #expect(study.data.organisations.count == 5 && study.data.asNames != nil)
        // ARIN's 2014 file stops short of its summary; ARIN's 2018 extended file fills it past the break.
        #expect(study.data.entries.count == 17)
        let dyn = try #require(study.published.first)
        #expect(dyn.networks == ["KP": 4, "YE": 47, "AF": 370, "TW": 5030])
        #expect(dyn.upstreams["KP"] == [4837])
    }

    @Test("data sets resolve through the mirror", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func resolvesThroughMirror() throws {
        let study = try CaseStudy.load(Self.example)
        let sources = try study.data.resolve(catalog: ArchiveCatalog(mirror: SharedData.path("mirror")), relativeTo: Self.example)
        #expect(sources.count == 17)
        #expect(sources.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        #expect(sources[0].path == SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"))
        #expect(sources.map(\.role).filter { $0 == .delegated }.count == 6)
    }

    @Test("--date: the files nearest the date; missing optional data sets are warned about", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func nearestDate() throws {
        let catalog = ArchiveCatalog(mirror: SharedData.path("mirror"))
        let date = try #require(UTCDate("2014-05-30T21:10"))
        let jinx = try #require(Collector("route-views.jinx"))
        let (data, warnings, notes) = try CaseDataSets.nearest(to: date, collectors: [jinx], required: true, catalog: catalog)
        #expect(data.rib == ["http://archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"])
        // Every file found says how far it is from the date and how far its data set may be.
        #expect(notes.contains("rib.20140530.2200.bz2: within a day of the date (allowed: 1 days)"))
        #expect(data.delegated.count == 5)
        // The mirror holds no prefix-to-AS file of May 2014: the analysis goes on without one, and says so.
        #expect(data.pfx2as.isEmpty == warnings.contains { $0.contains("going on without prefix-to-AS") })
        #expect(throws: ArchiveError.self) {
            try CaseDataSets.nearest(to: UTCDate(year: 1990, month: 1, day: 1)!, collectors: [jinx], required: true, catalog: catalog)
        }
        // Of the default collectors, those with a RIB within a day are read and the others named in a
        // warning; a collector named on purpose must have one.
        let rrc00 = try #require(Collector("rrc00"))
        let (some, someWarnings, _) = try CaseDataSets.nearest(to: date, collectors: [jinx, rrc00], required: false, catalog: catalog)
        #expect(some.rib.count == 1)
        #expect(someWarnings.contains { $0.hasPrefix("no RIB within a day of 2014-05-30 21:10 UTC for rrc00") })
        #expect(throws: ArchiveError.self) { try CaseDataSets.nearest(to: date, collectors: [jinx, rrc00], required: true, catalog: catalog) }
    }

    @Test("a data set the mirror lacks names its URL")
    func missingFromMirror() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-empty-\(UUID().uuidString)").path
        let data = CaseDataSets(rib: ["http://archive.routeviews.org/x/rib.20140530.2200.bz2"], delegated: ["local-file"])
        #expect {
            try data.resolve(catalog: ArchiveCatalog(mirror: mirror), relativeTo: "/tmp")
        } throws: { error in
            "\(error)".hasPrefix("http://archive.routeviews.org/x/rib.20140530.2200.bz2: cannot fetch it: ") && "\(error)".contains("not in the mirror")
        }
    }

    @Test("local paths are read relative to the case directory")
    func relativePaths() throws {
        let directory = try directory(with: "{}")
        try "x".write(toFile: directory + "/rib.mrt", atomically: true, encoding: .utf8)
        let sources = try CaseDataSets(rib: ["rib.mrt"]).resolve(catalog: ArchiveCatalog(), relativeTo: directory)
        #expect(sources.first?.path == directory + "/rib.mrt")
        #expect(throws: CaseStudyError.self) { try CaseDataSets(pfx2as: ["absent.gz"]).resolve(catalog: ArchiveCatalog(), relativeTo: directory) }
    }

    @Test("bad manifests name the file and the problem")
    func badManifests() throws {
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            (#"{"name": "x", "countries": ["KP"]}"#, "missing \"data\""),
            (#"{"name": "x", "countries": "KP", "data": {}}"#, "\"countries\""),
            (#"{"name": "x", "countries": ["KP"], "data": {"delegated": ["d"]}}"#, "names no path data"),
            (#"{"name": "x", "countries": ["KP"], "data": {"rib": ["r"]}}"#, "no RIR delegation files"),
            (#"{"name": "x", "countries": [], "data": {"rib": ["r"], "delegated": ["d"]}}"#, "\"countries\" is empty"),
        ]
        for (manifest, message) in cases {
            let directory = try directory(with: manifest)
            #expect {
                try CaseStudy.load(directory)
            } throws: { error in
                "\(error)".hasPrefix(directory + "/case.json: ") && "\(error)".contains(message)
            }
        }
    }

    @Test("a history's manifest: dated data sets in order, the last standing for the case's data")
    func datedDataSets() throws {
        let history = URL(fileURLWithPath: Self.example).deletingLastPathComponent().appendingPathComponent("north-korea-history").path
        let study = try CaseStudy.load(history)
        #expect(study.dates.map(\.date) == ["2014-05-30", "2015-02-01", "2016-11-01"])
        #expect(study.dates.map { $0.data.rib.count } == [1, 0, 0])
        #expect(study.data == study.dates.last?.data)

        let entry = #"{"date": "2015-02-01", "data": {"pfx2as": ["p.gz"], "delegated": ["d"]}}"#
        let outOfOrder = try directory(with: #"{"name": "h", "countries": ["KP"], "dates": [\#(entry), \#(entry)]}"#)
        #expect(throws: CaseStudyError.self) { try CaseStudy.load(outOfOrder) }
        do {
            _ = try CaseStudy.load(outOfOrder)
        } catch {
            #expect(error.description.contains("\"dates[1].date\": 2015-02-01 does not come after the date before it"), "\(error)")
        }
        let noDelegations = try directory(with: #"{"name": "h", "countries": ["KP"], "dates": [{"date": "2015-02-01", "data": {"pfx2as": ["p"]}}]}"#)
        do {
            _ = try CaseStudy.load(noDelegations)
            Issue.record("a dated entry without delegations was taken")
        } catch {
            #expect(error.description.contains("\"dates[0].data.delegated\" names no RIR delegation files"), "\(error)")
        }
        let badDate = try directory(with: #"{"name": "h", "countries": ["KP"], "dates": [{"date": "spring", "data": {"pfx2as": ["p"], "delegated": ["d"]}}]}"#)
        #expect(throws: CaseStudyError.self) { try CaseStudy.load(badDate) }
    }

    @Test("dates from file names")
    func dates() {
        func date(_ location: String) -> String? { DataSource(role: .rib, location: location, path: "").date?.description }
        #expect(date("http://h/rib.20140530.2200.bz2") == "2014-05-30 22:00 UTC")
        #expect(date("https://h/routeviews-rv2-20141202-1200.pfx2as.gz") == "2014-12-02 12:00 UTC")
        #expect(date("https://h/serial-1/20150201.as-rel.txt.bz2") == "2015-02-01 00:00 UTC")
        #expect(date("https://h/delegated-apnic-20140805.gz") == "2014-08-05 00:00 UTC")
        #expect(date("https://h/updates.20140530.2215.gz") == "2014-05-30 22:15 UTC")
        #expect(date("names.csv") == nil)
        #expect(date("x-123456789.gz") == nil)
    }
}
