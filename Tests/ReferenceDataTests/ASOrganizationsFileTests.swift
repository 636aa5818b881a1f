import ChokepointTestSupport
import Foundation
import ReferenceData
import Testing

/// CAIDA's AS Organizations files, written from the format the data set's README describes: no such
/// file is in ../shared.
@Suite("CAIDA AS organizations")
struct ASOrganizationsFileTests {
    @Test("the text format: organisations, then ASes", arguments: [CAIDASamples.text, CAIDASamples.jsonLines])
    func read(contents: String) throws {
        let file = try ASOrganizationsFile.read(temporaryFile(contents))
        #expect(file.organizations["CU-ARIN"]?.name == "China Unicom")
        #expect(file.organizations["CU-ARIN"]?.country == "CN")
        #expect(file.systems[4837]?.organizationID == "CU-ARIN")
        #expect(file.systems[4837]?.name == "CHINA169-BACKBONE")
        #expect(file.systems[9929]?.organizationID == "CU-ARIN")
    }

    @Test("bad lines name the file, the line and what is wrong")
    func badLines() throws {
        for (contents, message) in [
            ("4837|x|y|z|w|v\n", "a data line before any \"# format:\" line"),
            ("# format:aut|changed|aut_name|org_id|opaque_id|source\n18446744073709551616|a|b|c|d|e\n", "field 1 (aut)"),
            ("{\"type\":\"ASN\",\"asn\":\"x\",\"organizationId\":\"A\"}\n", "asn is not an AS number"),
            ("{\"type\":\"ASN\",\"asn\":\"1\"\n", "not a JSON object"),
            ("{\"type\":\"Other\"}\n", "\"type\" is neither"),
        ] {
            let error = #expect(throws: ReferenceDataError.self) { try ASOrganizationsFile.read(temporaryFile(contents)) }
            #expect(error?.line != nil)
            #expect(error?.message.contains(message) == true, "\(contents): \(error?.message ?? "")")
        }
    }
}
