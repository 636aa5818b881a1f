import ChokepointTestSupport
import InternetAddresses
import ReferenceData
import Testing

@Suite("prefix-to-AS, AS relationships, Tor ranges")
struct OtherReferenceFilesTests {
    @Test("CAIDA prefix-to-AS 2014-12-02", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func prefixToAS() throws {
        let entries = try PrefixToASFile.read(SharedData.path(
            "mirror/publicdata.caida.org/datasets/routing/routeviews-prefix2as/2014/12/routeviews-rv2-20141202-1200.pfx2as.gz"))
        #expect(entries.count == 541_262)
        // Counted with awk: 4,265 lines with "_" (multi-origin), 44 with "," (AS sets).
        #expect(entries.filter { $0.origins.count > 1 }.count == 4265)
        #expect(entries.filter { $0.origins.contains { if case .set = $0 { true } else { false } } }.count == 44)
        #expect(entries[0] == PrefixToASEntry(prefix: IPPrefix("1.0.0.0/24")!, origins: [.asn(15169)]))
        let mixed = entries.first { $0.prefix == IPPrefix("5.128.0.0/14")! }
        #expect(mixed?.origins == [.asn(31200), .set([50923, 65500]), .asn(50923)])
    }

    @Test("the mixed origin field a_b,c_d")
    func mixedOrigins() throws {
        let path = try temporaryFile("5.128.0.0\t14\t31200_50923,65500_50923\n2001:db8::\t32\t64496\n")
        let entries = try PrefixToASFile.read(path)
        #expect(entries.count == 2)
        #expect(entries[0].origins == [.asn(31200), .set([50923, 65500]), .asn(50923)])
        #expect(entries[1].prefix == IPPrefix("2001:db8::/32"))
    }

    /// Usual lines are read in place, others field by field: at the edges of the usual shape both
    /// must give what the format says, worked out by hand.
    @Test("prefix-to-AS lines at the edges of the usual shape")
    func prefixToASEdges() throws {
        let good = try PrefixToASFile.read(temporaryFile(
            "1.2.3.0\t24\t00000000000015169\n1.2.4.0\t24\t4294967295\n2001:db8::\t32\t64496_64497\n0.0.0.0\t0\t7_8,9\n"))
        #expect(good == [
            PrefixToASEntry(prefix: IPPrefix("1.2.3.0/24")!, origins: [.asn(15169)]),
            PrefixToASEntry(prefix: IPPrefix("1.2.4.0/24")!, origins: [.asn(4_294_967_295)]),
            PrefixToASEntry(prefix: IPPrefix("2001:db8::/32")!, origins: [.asn(64496), .asn(64497)]),
            PrefixToASEntry(prefix: IPPrefix("0.0.0.0/0")!, origins: [.asn(7), .set([8, 9])]),
        ])
        for bad in ["1.2.3.0\t24\t4294967296", "1.2.3.0\t24\t1__2", "1.2.3.0\t24\t1_", "1.2.3.0\t24\t_1", "1.2.3.0\t33\t1",
                    "1.2.3.0\t24\t1\t2", "1.2.3\t24\t1", "1.2.3.0\t\t1", "1.2.3.0\t24\t", "1.2.3.0\t24\t1 "] {
            let path = try temporaryFile("1.0.0.0\t24\t15169\n\(bad)\n")
            let error = #expect(throws: ReferenceDataError.self, "\(bad)") { try PrefixToASFile.read(path) }
            #expect(error?.line == 2, "\(bad)")
        }
    }

    @Test("a bad prefix-to-AS line names its line")
    func badPrefixLine() throws {
        let path = try temporaryFile("1.0.0.0\t24\t15169\n1.0.4.0\t40\t56203\n")
        let error = #expect(throws: ReferenceDataError.self) { try PrefixToASFile.read(path) }
        #expect(error?.line == 2)
    }

    @Test("CAIDA AS relationships 2015-02-01", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func relationships() throws {
        let relationships = try ASRelationships.read(SharedData.path(
            "mirror/publicdata.caida.org/datasets/as-relationships/serial-1/20150201.as-rel.txt.bz2"))
        #expect(relationships.links.count == 189_837)
        #expect(relationships.links.filter { $0.kind == .providerToCustomer }.count == 97_864)
        #expect(relationships.links.filter { $0.kind == .peerToPeer }.count == 91_973)
        #expect(relationships.clique == [174, 209, 286, 701, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 5511, 6453, 6461, 6762, 7018, 12956])
        #expect(relationships.ixpASes.count == 25)
        #expect(relationships.links.contains { $0.first == 4837 && $0.second == 131279 && $0.kind == .providerToCustomer })
    }

    /// The 2016-11-01 file names its clique `# input clique:`, not `# inferred clique:`.
    @Test("CAIDA AS relationships 2016-11-01: the clique of an `input clique` header", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func relationships2016() throws {
        let relationships = try ASRelationships.read(SharedData.path(
            "mirror/publicdata.caida.org/datasets/as-relationships/serial-1/20161101.as-rel.txt.bz2"))
        #expect(relationships.links.count == 239_064)
        #expect(relationships.clique == [174, 209, 286, 701, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 5511, 6453, 6461, 6762, 7018, 12956])
        #expect(relationships.ixpASes.count == 28)
    }

    @Test("serial-2 lines carry a source")
    func serial2() throws {
        let path = try temporaryFile("# inferred clique: 1 2\n1|2|0|bgp\n3|4|-1|mlp\n")
        let relationships = try ASRelationships.read(path)
        #expect(relationships.links.map(\.source) == ["bgp", "mlp"])
        #expect(relationships.clique == [1, 2])
        let bad = try temporaryFile("1|2|1\n")
        #expect(throws: ReferenceDataError.self) { try ASRelationships.read(bad) }
    }

    /// Quoting as the IPFire export writes it, worked out by hand: quotes around a name are not
    /// part of it, a doubled quote inside is one quote, and a lone quote is kept as it is.
    @Test("AS names: quoted, doubled quotes, unquoted")
    func asNames() throws {
        let path = try temporaryFile("""
            asn,name
            13335,"Cloudflare, Inc."
            1,"a ""b"" c"
            2,plain "x"
            3,""
            4,"
            5,\"\"\"\"\"
            6,Société
            """)
        let names = try ASNamesFile.read(path)
        #expect(names[13335] == "Cloudflare, Inc.")
        #expect(names[1] == "a \"b\" c")
        #expect(names[2] == "plain \"x\"")
        #expect(names[3] == "")
        #expect(names[4] == "\"")
        #expect(names[5] == "\"\"")
        #expect(names[6] == "Société")
    }

    @Test("Tor's IPv4 and IPv6 range files", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func torRanges() throws {
        let v4 = try TorGeoIPFile.read(SharedData.path("geo/tor-geoip-20260625.gz"))
        #expect(v4.ranges.count + v4.skipped.count == 385_602)
        #expect(v4.skipped.count == 230)
        let v6 = try TorGeoIPFile.read(SharedData.path("geo/tor-geoip6-20260625.gz"))
        #expect(v6.ranges.count + v6.skipped.count == 276_626)
        #expect(v6.skipped.count == 237)
        #expect(v4.ranges.contains { $0.country == "KP" && $0.range.first <= IPAddress("175.45.176.1")! && IPAddress("175.45.176.1")! <= $0.range.last })
    }
}

@Suite("MaxMind DB")
struct MaxMindDatabaseTests {
    static let path = "geo/GeoLite2-City-20150303.mmdb"

    /// Expected values from the independent `maxminddb` Python reader (PyPI) on the same file.
    @Test("lookups agree with the maxminddb reference reader", .enabled(if: SharedData.isAvailable, SharedData.skipReason),
          arguments: [
            ("175.45.176.1", 22, "KP"), ("8.8.8.8", 24, "US"), ("1.0.0.1", 24, "AU"), ("134.35.0.1", 16, "US"),
            ("180.94.64.1", 22, "AF"), ("1.160.0.1", 20, "TW"), ("2001:4860:4860::8888", 32, "US"),
            ("2a00:1450:4001::1", 29, "IE"), ("10.0.0.1", 8, nil), ("::1", 104, nil), ("82.230.180.56", 24, "FR"),
            ("242.167.77.228", 3, nil), ("38.158.13.55", 13, "US"), ("101.19.39.14", 13, "CN"),
            ("166.163.164.80", 15, "US"), ("12.92.127.208", 15, "US"),
          ] as [(String, Int, String?)])
    func lookups(address: String, length: Int, country: String?) throws {
        let database = try MaxMindDatabase(path: SharedData.path(Self.path))
        let found = try database.country(for: IPAddress(address)!)
        #expect(Int(found.network.length) == length)
        #expect(found.country?.description == country)
    }

    @Test("metadata", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func metadata() throws {
        let database = try MaxMindDatabase(path: SharedData.path(Self.path))
        #expect(database.metadata.nodeCount == 3_350_009)
        #expect(database.metadata.recordSize == 28)
        #expect(database.metadata.ipVersion == 6)
        #expect(database.metadata.databaseType == "GeoLite2-City")
        let record = try database.lookup(IPAddress("175.45.176.1")!).record
        #expect(record?["country"]?["iso_code"]?.stringValue == "KP")
    }

    @Test("a file that is not a MaxMind DB")
    func notADatabase() throws {
        let path = try temporaryFile(String(repeating: "not a database\n", count: 100))
        let error = #expect(throws: ReferenceDataError.self) { try MaxMindDatabase(path: path) }
        #expect(error?.message == "no MaxMind DB metadata marker: not a .mmdb file")
    }
}

@Suite("MaxMind DB walk")
struct MaxMindWalkTests {
    /// Every network the tree walk reports answers the same country as a lookup of its first and
    /// last address (sampled: every 997th network).
    @Test("walked networks agree with lookups", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func walkAgreesWithLookups() throws {
        let database = try MaxMindDatabase(path: SharedData.path(MaxMindDatabaseTests.path))
        let networks = try database.countryNetworks()
        #expect(networks.count > 1_000_000)
        #expect(networks.contains { $0.prefix == IPPrefix("175.45.176.0/22")! && $0.country == "KP" })
        for network in networks.enumerated().filter({ $0.offset % 997 == 0 }).map(\.element) {
            let range = IPAddressRange(network.prefix)
            let first = try database.country(for: range.first)
            let last = try database.country(for: range.last)
            #expect(first.network == network.prefix)
            #expect(first.country == network.country)
            #expect(last.country == network.country)
        }
    }
}
