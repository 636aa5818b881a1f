import CountryAnalysis
import InternetAddresses
import ReferenceData
import Testing

@Suite("country diffs")
struct CountryDiffTests {
    private func prefixes(_ texts: [String]) throws -> [IPPrefix] {
        try texts.map { try #require(IPPrefix($0)) }
    }

    @Test("networks that came and went are the two sides' differences, in address order")
    func networks() throws {
        let diff = CountryDiff(country: try #require(CountryCode("KP")), before: .nothingLocated,
                               networksBefore: try prefixes(["10.0.0.0/8", "192.0.2.0/24", "175.45.176.0/24"]),
                               after: .nothingLocated,
                               networksAfter: try prefixes(["198.51.100.0/24", "192.0.2.0/24", "175.45.177.0/24", "175.45.176.0/22"]))
        #expect(diff.networksAdded == ["175.45.176.0/22", "175.45.177.0/24", "198.51.100.0/24"])
        #expect(diff.networksRemoved == ["10.0.0.0/8", "175.45.176.0/24"])
        #expect(!diff.isUnchanged)
        #expect(diff.scoreChange == nil, "no score on a side with nothing located")
    }

    @Test("the same networks on both sides, nothing located: unchanged")
    func unchanged() throws {
        let same = try prefixes(["192.0.2.0/24"])
        let diff = CountryDiff(country: try #require(CountryCode("YE")), before: .nothingLocated, networksBefore: same,
                               after: .nothingLocated, networksAfter: same)
        #expect(diff.isUnchanged)
        #expect(diff.upstreamsGained.isEmpty && diff.pointsOfFailureGone.isEmpty)
    }
}
