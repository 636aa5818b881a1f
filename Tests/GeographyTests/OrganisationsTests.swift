import ChokepointTestSupport
import Foundation
import Geography
import InternetAddresses
import ReferenceData
import Testing

/// Organisations from CAIDA's data and from the registries' holder ids.
@Suite("organisations")
struct OrganisationsTests {
    @Test("siblings share an organisation, named by CAIDA; AS handles become names")
    func organisations() throws {
        let file = try ASOrganizationsFile.read(temporaryFile(CAIDASamples.text))
        let organisations = Organisations(caida: [file])
        #expect(organisations.organisation(of: 4837)?.id == "CU-ARIN")
        #expect(organisations.organisation(of: 4837)?.asns == [4837, 9929])
        #expect(organisations.organisation(of: 4837)?.name == "China Unicom")
        #expect(organisations.id(of: 174) == "AS174")
        #expect(organisations.asNames[3356] == "LEVEL3")
        let escaped = try ASOrganizationsFile.read(temporaryFile(CAIDASamples.jsonLines))
        #expect(escaped.systems[9929]?.name == #"CNCNET-CN "old""#)
    }

    /// Worked out by hand: an opaque id names a holder within its registry only; a holder's country
    /// is the one most of its records name; holders come in the order first met; and two pairs that
    /// make the same id (a registry field with a colon) are one holder, as the id is.
    @Test("holders by registry and opaque id, their countries, their order")
    func holdersByHand() throws {
        let apnic = try DelegationFile.read(temporaryFile("""
            2|apnic|20181014|5|19830613|20181013|+1000
            apnic|CN|asn|4837|1|20000101|allocated|A1
            apnic|TW|asn|3462|1|20000101|allocated|B2
            apnic|CN|asn|9929|1|20000101|allocated|A1
            apnic|CN|ipv4|1.0.0.0|256|20000101|allocated|B2
            apnic|TW|ipv4|2.0.0.0|256|20000101|assigned|B2
            apnic|JP|asn|2500|1|20000101|reserved|C3
            """))
        let ripe = try DelegationFile.read(temporaryFile("""
            2|ripencc|20181013|1|19830705|20181012|+0100
            ripencc|DE|asn|3320|1|20000101|allocated|A1
            """))
        let colons = try DelegationFile.read(temporaryFile("""
            2|a|20181013|2|19830705|20181012|+0100
            a:b|US|asn|100|1|20000101|allocated|c
            a|US|asn|200|1|20000101|allocated|b:c
            """))
        let organisations = Organisations(delegations: [apnic, ripe, colons])
        #expect(organisations.all.map(\.id) == ["apnic:A1", "apnic:B2", "ripencc:A1", "a:b:c"])
        #expect(organisations.organisation(of: 4837)?.asns == [4837, 9929])
        #expect(organisations.organisation(of: 3462)?.country == "TW")
        #expect(organisations.id(of: 3320) == "ripencc:A1")
        #expect(organisations.organisation(of: 100)?.asns == [100, 200])
        // Not delegated: no holder.
        #expect(organisations.id(of: 2500) == "AS2500")
    }

    @Test("extended delegation files group a holder's ASes by opaque id", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func registryHolders() throws {
        let apnic = try DelegationFile.read(SharedData.mirror("ftp.apnic.net/stats/apnic/2018/delegated-apnic-extended-20181014.gz"))
        let ripe = try DelegationFile.read(SharedData.mirror("ftp.ripe.net/pub/stats/ripencc/2018/delegated-ripencc-extended-20181013.bz2"))
        let organisations = Organisations(delegations: [apnic, ripe])
        // China Unicom, Chunghwa Telecom and Etihad Etisalat: siblings by the registries' own holder ids.
        #expect(organisations.id(of: 4837) == organisations.id(of: 9929))
        #expect(organisations.id(of: 3462) == organisations.id(of: 9505))
        #expect(organisations.id(of: 35819) == organisations.id(of: 48237))
        #expect(organisations.id(of: 4837) != organisations.id(of: 3462))
        #expect(organisations.organisation(of: 4837)?.country == "CN")
        #expect(organisations.id(of: 4837).hasPrefix("apnic:"))
    }
}

/// A registry file cut short, filled from a later file of the same registry past its break.
@Suite("delegation fill")
struct DelegationFillTests {
    @Test("the mirror's ARIN 2014 file is filled from 2018 past its break, and what the fill places is counted apart",
          .enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func arin() throws {
        let short = try DelegationFile.read(SharedData.mirror("ftp.arin.net/pub/stats/arin/delegated-arin-extended-20140804"))
        let later = try DelegationFile.read(SharedData.mirror("ftp.arin.net/pub/stats/arin/delegated-arin-extended-20181013"))
        #expect(DelegationFile.isTruncated(short) && !DelegationFile.isTruncated(later))
        let delegations = Delegations(files: [short, later])
        #expect(delegations.filledRecords["ipv4"] ?? 0 > 20_000)
        #expect(delegations.filledRecords["ipv6"] ?? 0 > 5_000)
        #expect(delegations.filledRecords["asn"] == nil)
        #expect(delegations.warnings.last?.contains("records past its break filled in from") == true)
        let geography = try Geography(delegations: delegations)
        #expect(geography.tables.map(\.source.kind) == ["rir", "rir-fill"])
        // The 2014 file stops inside 192.219.208.0; 200.0.216.0/21 lies past the break: only the fill places it.
        #expect(geography.placement(of: IPPrefix("200.0.216.0/21")!)?.country == "US")
        #expect(geography.placement(of: IPPrefix("200.0.216.0/21")!)?.source == 1)
        #expect(geography.placement(of: IPPrefix("8.8.8.0/24")!)?.source == 0)
        // A whole first file is not filled from a second.
        let whole = Delegations(files: [later, short])
        #expect(whole.filledRecords.isEmpty)
        #expect(whole.warnings.contains { $0.contains("a second arin file, not used") })
    }
}
