import AnalysisPipeline
import CaseStudies
import ChokepointTestSupport
import CountryAnalysis
import Foundation
import Geography
import ReferenceData
import Testing

@Suite("preparing an analysis")
struct PreparedAnalysisTests {
    /// The 2014 case's RIB and reference data, from the shared mirror at their public paths.
    static func sources() throws -> [DataSource] {
        let study = try CaseStudy.load(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/north-korea-2014").standardized.path)
        return study.data.entries.filter { $0.role != .updates }.map { entry in
            let url = URL(string: entry.location)
            let relative = url.map { ($0.host ?? "") + $0.path } ?? entry.location
            return DataSource(role: entry.role, location: entry.location, path: SharedData.mirror(relative))
        }
    }

    /// Reading the reference data beside the topology or after it is a matter of time and memory
    /// only: the analyzer and what the run reports must be the same either way.
    @Test("reference data read beside the topology or after it: the same analysis", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func alongsideOrAfter() throws {
        let sources = try Self.sources()
        let alongside = try PreparedAnalysis.prepare(sources, geography: .rir, cache: nil, readsReferenceAlongside: true)
        let after = try PreparedAnalysis.prepare(sources, geography: .rir, cache: nil, readsReferenceAlongside: false)
        #expect(alongside.notes == after.notes)
        #expect(alongside.dataWarnings == after.dataWarnings)
        #expect(!alongside.dataWarnings.isEmpty, "the case's cut-short ARIN file is reported")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for country: CountryCode in ["KP", "YE"] {
            let one = String(decoding: try encoder.encode(alongside.analyzer.profile(of: country)), as: UTF8.self)
            let other = String(decoding: try encoder.encode(after.analyzer.profile(of: country)), as: UTF8.self)
            let common = zip(one, other).prefix { $0 == $1 }.count
            #expect(one == other, "\(country) differs at \(one.dropFirst(max(0, common - 120)).prefix(240)) vs \(other.dropFirst(max(0, common - 120)).prefix(240))")
        }
        #expect(alongside.analyzer.profile(of: "KP").upstreams.map(\.asn) == [4837])
    }

    @Test("a damaged reference file read beside the topology is reported, naming the file", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func damagedAlongside() throws {
        var sources = try Self.sources()
        let damaged = try temporaryFile("2|apnic|20140805|2|19830613|20140804|+1000\napnic|KP|ipv4|not-an-address|256|20100101|allocated\n")
        defer { try? FileManager.default.removeItem(atPath: damaged) }
        sources.append(DataSource(role: .delegated, location: damaged, path: damaged))
        #expect {
            _ = try PreparedAnalysis.prepare(sources, geography: .rir, cache: nil, readsReferenceAlongside: true)
        } throws: { error in
            "\(error)".contains(damaged)
        }
    }
}
