import ChokepointTestSupport
import Foundation
import Geography
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
