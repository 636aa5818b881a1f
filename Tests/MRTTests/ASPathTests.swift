import InternetAddresses
import MRT
import Testing

@Suite("AS paths")
struct ASPathTests {
    @Test("RFC 6793 merge keeps the leading ASes the AS4_PATH does not cover")
    func merge() {
        // A 2-byte speaker saw 1 2 23456 23456 5; AS4_PATH carries the last three as 4-byte ASNs.
        let path = ASPath(sequence: [1, 2, 23456, 23456, 5])
        let as4 = ASPath(sequence: [196_608, 131_072, 5])
        #expect(path.merging(as4Path: as4).flattened == [1, 2, 196_608, 131_072, 5])
    }

    @Test("an AS4_PATH longer than the AS_PATH is ignored")
    func longerAS4PathIgnored() {
        let path = ASPath(sequence: [1, 23456])
        let as4 = ASPath(sequence: [7, 8, 9])
        #expect(path.merging(as4Path: as4) == path)
    }

    @Test("a set counts as one when merging")
    func setCountsOne() {
        let path = ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1, 23456]),
                                     ASPathSegment(kind: .set, asns: [10, 11, 12])])
        let as4 = ASPath(segments: [ASPathSegment(kind: .set, asns: [10, 11, 12])])
        #expect(path.routeCount == 3)
        let merged = path.merging(as4Path: as4)
        #expect(merged.segments == [ASPathSegment(kind: .sequence, asns: [1, 23456]),
                                    ASPathSegment(kind: .set, asns: [10, 11, 12])])
    }

    @Test("origin: last AS of a sequence, the member of a singleton set, else unknown")
    func origin() {
        #expect(ASPath(sequence: [3356, 4837]).origin == 4837)
        #expect(ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1]), ASPathSegment(kind: .set, asns: [9])]).origin == 9)
        #expect(ASPath(segments: [ASPathSegment(kind: .sequence, asns: [1]), ASPathSegment(kind: .set, asns: [8, 9])]).origin == nil)
        #expect(ASPath(segments: []).origin == nil)
    }

    @Test("bgpdump text: sets in braces, confederations in parentheses and brackets")
    func bgpdumpText() {
        let path = ASPath(segments: [ASPathSegment(kind: .confedSequence, asns: [65001, 65002]),
                                     ASPathSegment(kind: .sequence, asns: [3257, 3356]),
                                     ASPathSegment(kind: .set, asns: [100, 200]),
                                     ASPathSegment(kind: .confedSet, asns: [65010])])
        #expect(BGPDumpFormatter.pathText(path) == "(65001 65002) 3257 3356 {100,200} [65010]")
        #expect(BGPDumpFormatter.pathText(ASPath(sequence: [1, 2, 3])) == "1 2 3")
        #expect(BGPDumpFormatter.pathText(nil) == "")
    }
}
