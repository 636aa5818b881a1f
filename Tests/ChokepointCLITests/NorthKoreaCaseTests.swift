import ChokepointTestSupport
import Foundation
import Testing

/// The built binary on the North Korea 2014 case: Dyn Research's figures, the JSON shape, the cache,
/// every output format and the report.
@Suite("chokepoint on the 2014 case", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct NorthKoreaCaseTests {
    static let tool = Result { try CommandLineTool() }

    private func tool() throws -> CommandLineTool { try Self.tool.get() }

    private func countries(_ json: String) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(document["countries"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { entry in (entry["country"] as? String).map { ($0, entry) } })
    }

    @Test("compare --format json: the published figures, and the document's keys")
    func compareJSON() throws {
        let result = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "json"])
        #expect(result.status == 0, "\(result.errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["case", "countries", "inputs", "geography", "hygiene", "view", "placement", "core"])
        // The core of the 2015 as-rel file: its 17-AS clique and every AS of a customer cone over 1,000
        // ASes, 139 in all (counted apart by a breadth-first walk over its provider-customer lines);
        // China Unicom's cone holds 223, so it is not core, and can be KP's transit cut.
        let core = try #require(document["core"] as? [String: Any])
        #expect((core["asns"] as? [Int])?.count == 139)
        #expect((core["clique"] as? [Int])?.count == 17)
        #expect((core["asns"] as? [Int])?.contains(4837) == false)
        #expect(core["coneThreshold"] as? Int == 1000 && core["cutLimit"] as? Int == 64)
        #expect(document["case"] as? String == "north-korea-2014")
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        #expect(inputs.count == 17)
        #expect(inputs.first?["location"] as? String
                == "http://archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        #expect(inputs.first?["date"] as? String == "2014-05-30 22:00 UTC")

        let profiles = try countries(result.output)
        #expect(profiles.keys.sorted() == ["AF", "KP", "TW", "YE"])
        let kp = try #require(profiles["KP"])
        for key in ["networks", "addressSpace24", "originASes", "borderASes", "upstreams", "upstreamCount", "hhi",
                    "effectiveUpstreams", "kappa", "kappaInternational", "kappaDomestic", "pointsOfFailure", "score", "tier"] {
            #expect(kp[key] != nil, "KP lacks \(key)")
        }
        // Dyn Research: four networks, one international provider, China Unicom (AS4837).
        #expect(kp["networks"] as? Int == 4)
        let upstreams = try #require(kp["upstreams"] as? [[String: Any]])
        #expect(upstreams.count == 1)
        #expect(upstreams.first?["asn"] as? Int == 4837)
        #expect(upstreams.first?["share"] as? Double == 1.0)
        #expect(kp["kappaInternational"] as? Int == 1)
        #expect(kp["tier"] as? String == "severe")
        let ye = try #require(profiles["YE"])
        #expect(ye["borderASes"] as? [Int] == [12486])
        let scores = try ["KP", "YE", "AF", "TW"].map { try #require(profiles[$0]?["score"] as? Double) }
        // North Korea and Yemen are the fragile two; with one witness Afghanistan's many satellite
        // operators lift it above Taiwan, whose one witness sees most of it behind one upstream.
        #expect(scores[0] < scores[1] && scores[1] < min(scores[2], scores[3]), "\(scores)")
        #expect((profiles["TW"]?["networks"] as? Int ?? 0) > 1000 * (kp["networks"] as? Int ?? 1))
    }

    @Test("a second run reads the snapshot, not the RIB, and prints the same")
    func snapshotReused() throws {
        let first = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "csv"])
        let second = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "csv"])
        #expect(first.status == 0 && second.status == 0)
        #expect(second.errors.contains("path data from the snapshot"))
        // Standard error is a file here, not a terminal: no progress line may be drawn.
        #expect(!first.errors.contains("\r") && !first.errors.contains("\u{1B}["))
        #expect(first.output == second.output)
        let fresh = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "csv", "--no-cache"])
        #expect(!fresh.errors.contains("snapshot"))
        #expect(fresh.output == second.output)
    }

    @Test("CSV and Markdown: a header and one line per country")
    func tabularFormats() throws {
        let csv = try tool().run(["compare", "KP", "TW", "--case", CommandLineTool.northKorea, "--format", "csv"])
        let lines = csv.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("country,family,networks,") == true)
        #expect(lines.dropFirst().first?.hasPrefix("KP,IPv4,4,") == true)
        let markdown = try tool().run(["compare", "--case", CommandLineTool.northKorea, "--format", "markdown"])
        #expect(markdown.output.hasPrefix("| metric | KP | YE | AF | TW |\n|---|---|---|---|---|\n| networks | 4 |"))
    }

    @Test("whatif --remove 4837 cuts off all of North Korea")
    func whatIf() throws {
        let result = try tool().run(["whatif", "--remove", "AS4837", "--case", CommandLineTool.northKorea, "--format", "csv"])
        #expect(result.status == 0, "\(result.errors)")
        let kp = result.output.split(separator: "\n").first { $0.hasPrefix("KP,") }
        // Under policy: networks cut, of the country's networks, own (none: AS4837 originates none of
        // them) and collateral, the share of its space, none unreachable before, restored or of
        // unknown origin, the origins cut off.
        #expect(kp == "KP,4,4,0,4,1.0000,0,0,0,131279")
        let topological = try tool().run(["whatif", "--remove", "AS4837", "--topological", "--case", CommandLineTool.northKorea,
                                          "--format", "csv"])
        #expect(topological.output.split(separator: "\n").first { $0.hasPrefix("KP,") } == "KP,4,4,0,4,1.0000,0,0,0,131279")
        let worst = try tool().run(["whatif", "--worst", "--country", "KP", "--case", CommandLineTool.northKorea, "--format", "csv"])
        #expect(worst.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" } == ["4837", "131279"])
        let unknown = try tool().run(["whatif", "--add-link", "20485>4294967", "--case", CommandLineTool.northKorea])
        #expect(unknown.status != 0 && unknown.errors.contains("AS4294967 appears in no path and no relationship"))
    }

    @Test("fetch --case finds every data set of the case in the mirror")
    func fetchCase() throws {
        let result = try tool().run(["fetch", "--case", CommandLineTool.northKorea])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 17)
        #expect(lines.allSatisfy { $0.count == 3 && FileManager.default.fileExists(atPath: $0[0]) })
        #expect(lines.first?.last == "rib")
        #expect(lines.filter { $0.last == "delegated" }.count == 6)
    }

    @Test("country KP --format json holds one profile")
    func country() throws {
        let tool = try tool()
        // A names file given on the command line is found from where the user stands, not from the case.
        try "asn,name\n4837,\"Unicom as named here\"\n".write(to: tool.directory.appendingPathComponent("names.csv"),
                                                                 atomically: true, encoding: .utf8)
        let result = try tool.run(["country", "KP", "--case", CommandLineTool.northKorea, "--format", "json", "--as-names", "names.csv"])
        #expect(result.status == 0, "\(result.errors)")
        let kp = try countries(result.output)
        #expect(kp.keys.sorted() == ["KP"])
        #expect((kp["KP"]?["upstreams"] as? [[String: Any]])?.first?["name"] as? String == "Unicom as named here")
    }

    @Test("a names file that is not there is said once, and the analysis goes on without names")
    func missingNames() throws {
        let tool = try tool()
        let result = try tool.run(["country", "KP", "--case", CommandLineTool.northKorea, "--format", "json", "--as-names", "absent.csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.components(separatedBy: "absent.csv: no such AS names file").count - 1 == 1, "\(result.errors)")
        #expect(try countries(result.output).keys.sorted() == ["KP"])
    }

    @Test("report writes one self-contained page with the diagrams and the published figures")
    func report() throws {
        let tool = try tool()
        let result = try tool.run(["report", "--case", CommandLineTool.northKorea])
        #expect(result.status == 0, "\(result.errors)")
        let page = try String(contentsOf: tool.directory.appendingPathComponent("output/north-korea-2014/index.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "<svg").count - 1 == 4)
        #expect(page.contains("Someone Disconnects North Korea"))
        #expect(page.contains("What if AS4837"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("<link"))
    }
}

/// The error paths: status not 0 and one line saying what is wrong and what to do.
@Suite("chokepoint errors", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct CommandLineErrorTests {
    private func expectOneLineFailure(_ arguments: [String], mentioning text: String) throws {
        let result = try CommandLineTool().run(arguments)
        #expect(result.status != 0)
        let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
        #expect(lines.count == 1, "\(result.errors)")
        #expect(lines.first?.contains(text) == true, "\(result.errors)")
        #expect(!result.errors.contains("Stack dump") && !result.errors.contains("Fatal error"))
    }

    @Test("an unknown country code")
    func unknownCountry() throws {
        try expectOneLineFailure(["compare", "KP", "ZZ", "--case", CommandLineTool.northKorea], mentioning: "ZZ is not a country code")
    }

    @Test("a missing file")
    func missingFile() throws {
        try expectOneLineFailure(["compare", "KP", "--rib", "/nonexistent/rib.bz2", "--delegated", SharedData.delegations2014[1]],
                                 mentioning: "/nonexistent/rib.bz2: no such file")
    }

    @Test("a corrupt RIB")
    func corruptRIB() throws {
        let rib = SharedData.mirror("archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")
        let handle = try #require(FileHandle(forReadingAtPath: rib))
        let head = handle.readData(ofLength: 100_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-cut-\(UUID().uuidString).bz2").path
        try head.write(to: URL(fileURLWithPath: path))
        try expectOneLineFailure(["compare", "KP", "--rib", path, "--delegated", SharedData.delegations2014[1], "--no-cache"],
                                 mentioning: "no MRT record could be read (compressed stream truncated")
    }

    @Test("a date the archive lacks")
    func missingDate() throws {
        try expectOneLineFailure(["compare", "KP", "--date", "1990-01-01", "--collector", "route-views.jinx"], mentioning: "no file near 1990-01-01")
    }

    @Test("a case directory without a manifest")
    func missingCase() throws {
        try expectOneLineFailure(["compare", "--case", "/nonexistent-case"], mentioning: "no such case directory")
    }
}

/// `chokepoint diff` between analyses: against itself nothing changes; between the 2014 case and
/// the 2017 one (relationships only) North Korea keeps its four networks and its one upstream,
/// China Unicom, as Dyn Research saw it in 2014 and as it stayed until TransTelecom's link of
/// October 2017.
@Suite("chokepoint diff", .serialized, .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct DiffCommandTests {
    private func tool() throws -> CommandLineTool { try NorthKoreaCaseTests.tool.get() }

    private func countries(_ json: String) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(document["countries"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { entry in (entry["country"] as? String).map { ($0, entry) } })
    }

    @Test("a case against itself: every country unchanged")
    func itself() throws {
        let result = try tool().run(["diff", "--case", CommandLineTool.northKorea, "--to-case", CommandLineTool.northKorea, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("north-korea-2014 → north-korea-2014: 4 countries, 0 changed\n"), "\(result.output)")
        for country in ["KP", "YE", "AF", "TW"] {
            #expect(result.output.contains("\(country): no change in networks, upstreams, points of failure, cut, score or tier"))
        }
    }

    @Test("2014 to 2017: North Korea's networks and upstream unchanged; each side says what it rests on")
    func northKorea2014To2017() throws {
        let later = CommandLineTool.northKorea.replacingOccurrences(of: "north-korea-2014", with: "north-korea-2017")
        let result = try tool().run(["diff", "KP", "YE", "--case", CommandLineTool.northKorea, "--to-case", later, "--format", "json",
                                     "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let diffs = try countries(result.output)
        let kp = try #require(diffs["KP"])
        let before = try #require(kp["before"] as? [String: Any]), after = try #require(kp["after"] as? [String: Any])
        #expect(before["upstreams"] as? [Int] == [4837] && after["upstreams"] as? [Int] == [4837])
        #expect(before["networks"] as? Int == 4 && after["networks"] as? Int == 4)
        #expect((kp["networksAdded"] as? [String])?.isEmpty == true && (kp["networksRemoved"] as? [String])?.isEmpty == true)
        #expect((kp["upstreamsGained"] as? [Int])?.isEmpty == true && (kp["upstreamsLost"] as? [Int])?.isEmpty == true)
        #expect(before["routes"] as? String == "observed" && after["routes"] as? String == "simulated")
        #expect(after["confidence"] as? String == "low")
        // Yemen's lists agree with its counts: what came and went is the difference of the two sides.
        let ye = try #require(diffs["YE"])
        let yeBefore = try #require(ye["before"] as? [String: Any]), yeAfter = try #require(ye["after"] as? [String: Any])
        let added = try #require(ye["networksAdded"] as? [String]), removed = try #require(ye["networksRemoved"] as? [String])
        #expect(try #require(yeBefore["networks"] as? Int) + added.count - removed.count == yeAfter["networks"] as? Int)
        #expect(Set(added).isDisjoint(with: removed))
    }

    @Test("two dates resting on the same RIB, no country named: every country the ranking has, none changed")
    func everyCountryByDate() throws {
        let dates = ["--date", "2014-05-30", "--collector", "route-views.jinx", "--quiet"]
        let diff = try tool().run(["diff", "--to-date", "2014-05-31", "--format", "csv"] + dates)
        #expect(diff.status == 0, "\(diff.errors)")
        let rank = try tool().run(["rank", "--format", "csv"] + dates)
        #expect(rank.status == 0, "\(rank.errors)")
        let countries = diff.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        // The ranking's CSV: rank, then country.
        let ranked = rank.output.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
        }
        #expect(countries.count > 200 && Set(countries) == Set(ranked), "\(countries.count) against \(ranked.count)")
        let text = try tool().run(["diff", "--to-date", "2014-05-31"] + dates)
        #expect(text.output.hasPrefix("2014-05-30 → 2014-05-31: \(countries.count) countries, 0 changed\n"), "\(text.output.prefix(200))")
    }

    @Test("the later side is required, once")
    func laterSideRequired() throws {
        let none = try tool().run(["diff", "--case", CommandLineTool.northKorea])
        #expect(none.status != 0 && none.errors.contains("--to-case DIR, --to-date YYYY-MM-DD or --to-at"))
        let both = try tool().run(["diff", "--case", CommandLineTool.northKorea, "--to-case", CommandLineTool.northKorea,
                                   "--to-date", "2014-05-30"])
        #expect(both.status != 0 && both.errors.contains("give one later analysis"))
    }
}
