import ChokepointTestSupport
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing


let prefixToAS2014 = SharedData.mirror(
    "publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/routeviews-rv2-20141202-1200.pfx2as.gz")

@Suite("geography")
struct GeographyTests {
    private func delegations(_ text: String) throws -> Delegations {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try Delegations.load([path])
    }

    @Test("an AS's country is its registration; a prefix's country holds most of its addresses")
    func handMade() throws {
        let table = try delegations("""
            2|test|1|5|19700101|20140101|+0000
            test|KP|asn|131279|1|20091221|allocated|org-kp
            test|CN|asn|4837|10|20000101|allocated|org-cu
            test|KP|ipv4|10.0.0.0|768|20091221|allocated
            test|CN|ipv4|10.0.3.0|256|20091221|allocated
            test|YE|ipv4|10.0.4.0|256|20091221|reserved
            """)
        let geography = try Geography(delegations: table)
        #expect(geography.country(of: 131279) == "KP")
        #expect(geography.country(of: 4840) == "CN")
        #expect(geography.delegations.registration(of: 4846)?.organisation == "org-cu")
        #expect(geography.country(of: 4847) == nil)
        #expect(geography.country(of: IPPrefix("10.0.0.0/22")!) == "KP")   // 768 KP against 256 CN
        #expect(geography.country(of: IPPrefix("10.0.3.0/24")!) == "CN")
        #expect(geography.country(of: IPPrefix("10.0.4.0/24")!) == nil)    // reserved, not delegated
        #expect(geography.addressShares(of: IPPrefix("10.0.2.0/23")!) == ["KP": 256, "CN": 256])
        #expect(geography.country(of: IPPrefix("10.0.2.0/23")!) == "CN")   // a tie goes to the first code
    }

    @Test("sources parse")
    func sources() {
        #expect(PrefixGeographySource("rir") == .rir)
        #expect(PrefixGeographySource("mmdb:/x.mmdb") == .mmdb(path: "/x.mmdb"))
        #expect(PrefixGeographySource("mmdb:") == nil)
        #expect(PrefixGeographySource("geoip") == nil)
        #expect(PrefixGeographySource("tor:/a.gz,/b.gz") == .tor(paths: ["/a.gz", "/b.gz"]))
    }

    /// An independent count by RIR delegation gave KP 4, YE 35, AF 236, TW 4,255 (Dyn's published
    /// figures, from its own view of December 2014, are 4, 47, 370 and 5,030).
    @Test("routed IPv4 prefixes of 2014-12-02 by RIR geography", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func rirCounts() throws {
        let geography = try Geography(delegations: try Delegations.load(SharedData.delegations2014))
        let prefixes = try PrefixToASFile.read(prefixToAS2014).map(\.prefix)
        let counts = geography.prefixCounts(prefixes)
        #expect(counts["KP"] == 4)
        #expect(counts["YE"] == 35)
        #expect(counts["AF"] == 236)
        #expect(counts["TW"] == 4255)
        #expect(geography.country(of: 131279) == "KP")
        #expect(geography.country(of: 4837) == "CN")
        // The 2014 ARIN file in the mirror is cut short; the reader says so rather than failing.
        #expect(geography.delegations.warnings.count == 2)
    }

    /// With GeoLite2 (2015-03-03) a fifth prefix lands in KP: 210.52.109.0/24, announced by AS9929.
    /// The whole database is walked into the prefix table; these counts match looking each
    /// prefix's addresses up one network at a time with the maxminddb Python reader.
    @Test("the same by MaxMind geography", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func mmdbCounts() throws {
        let geography = try Geography(delegations: try Delegations.load(SharedData.delegations2014),
                                      source: .mmdb(path: SharedData.path("geo/GeoLite2-City-20150303.mmdb")))
        let prefixes = try PrefixToASFile.read(prefixToAS2014).map(\.prefix)
        let counts = geography.prefixCounts(prefixes)
        #expect(counts["KP"] == 5)
        #expect(counts["YE"] == 44)
        #expect(counts["AF"] == 254)
        #expect(counts["TW"] == 4304)
        #expect(geography.country(of: IPPrefix("210.52.109.0/24")!) == "KP")
    }
}
