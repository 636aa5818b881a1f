/// Small CAIDA AS Organizations files, written from the format the data set's README describes
/// (no such file is in ../shared), in its text and JSON-lines variants.
public enum CAIDASamples {
    public static let text = """
        # name: AS Org
        # exclude: ASN, REG
        # format:org_id|changed|org_name|country|source
        CU-ARIN|20140101|China Unicom|CN|APNIC
        LVLT-ARIN|20120130|Level 3 Communications, Inc.|US|ARIN
        # format:aut|changed|aut_name|org_id|opaque_id|source
        4837|20140101|CHINA169-BACKBONE|CU-ARIN|A9143CB3|APNIC
        9929|20140101|CNCNET-CN|CU-ARIN|A9143CB3|APNIC
        3356|20120224|LEVEL3|LVLT-ARIN|e5e3b9c13678dfc483fb1f819d70883c_ARIN|ARIN
        """

    public static let jsonLines = #"""
        {"changed":"20231201","country":"CN","name":"China Unicom","organizationId":"CU-ARIN","source":"APNIC","type":"Organization"}
        {"asn":"4837","changed":"20231201","name":"CHINA169-BACKBONE","opaqueId":"A9143CB3","organizationId":"CU-ARIN","source":"APNIC","type":"ASN"}
        {"asn":"9929","changed":null,"name":"CNCNET-CN \"old\"","organizationId":"CU-ARIN","source":"APNIC","type":"ASN"}
        """#

}
