import ASTopology
import ChokepointTestSupport
import Testing

/// The cleaning rules by hand, and both cleaners (the general one and the allocation-free one for
/// plain paths) against the rules written plainly here, on random paths: each must keep the same
/// paths, clean them alike and count the same.
@Suite("path hygiene")
struct PathHygieneTests {
    private func clean(_ segments: [(Bool, [UInt32])], _ report: inout PathHygiene.Report) -> PathHygiene.Cleaned? {
        PathHygiene.clean(segments: segments.map { ($0.0, $0.1[...]) }, report: &report)
    }

    @Test("each rule, by hand")
    func rules() {
        var report = PathHygiene.Report()
        #expect(clean([(false, [30844, 3356, 3356, 3356, 1239, 4837, 131279, 131279])], &report)?.asns == [30844, 3356, 1239, 4837, 131279])
        #expect(report.prependingCollapsed == 1)
        #expect(clean([(false, [1, 2, 3, 2, 4])], &report) == nil)
        #expect(report.loopsDropped == 1)
        #expect(clean([(false, [1, 64512, 3])], &report) == nil)
        #expect(clean([(false, [1, 23456])], &report) == nil)
        #expect(clean([(false, [1, 4_200_000_001])], &report) == nil)
        #expect(report.reservedDropped == 3)
        let single = clean([(false, [1, 2]), (true, [9])], &report)
        #expect(single == PathHygiene.Cleaned(asns: [1, 2, 9], originKnown: true))
        let several = clean([(false, [1, 2]), (true, [9, 8])], &report)
        #expect(several == PathHygiene.Cleaned(asns: [1, 2], originKnown: false))
        #expect(report.setsTruncated == 2)
        #expect(report.originUnknown == 1)
        #expect(report.paths == 7)
        #expect(report.kept == 3)
        #expect(!PathHygiene.isReserved(131_072))
        #expect(PathHygiene.isReserved(131_071))
        #expect(PathHygiene.isReserved(64496))
        #expect(!PathHygiene.isReserved(64495))
    }

    /// Rules 2 to 4 as the documentation states them, independently of the library's code.
    private static func reference(_ path: [UInt32]) -> (cleaned: [UInt32]?, report: PathHygiene.Report) {
        var report = PathHygiene.Report()
        report.paths = 1
        if path.contains(where: PathHygiene.isReserved) {
            report.reservedDropped = 1
            return (nil, report)
        }
        var collapsed: [UInt32] = []
        for asn in path where collapsed.last != asn { collapsed.append(asn) }
        if collapsed.count != path.count { report.prependingCollapsed = 1 }
        if Set(collapsed).count != collapsed.count {
            report.loopsDropped = 1
            return (nil, report)
        }
        if collapsed.isEmpty {
            report.emptyDropped = 1
            return (nil, report)
        }
        report.kept = 1
        return (collapsed, report)
    }

    @Test("a plain path is cleaned and counted as the rules say, by both cleaners")
    func plainMatchesGeneral() {
        // Few distinct AS numbers, so that prepending and loops are common, and reserved ones.
        let alphabet: [UInt32] = [1, 2, 3, 4, 5, 174, 4837, 0, 23456, 64512, 4_200_000_000, 4_100_000_001]
        var random = SplitMix(seed: 15)
        var cleaned: [UInt32] = [99]
        var plainReport = PathHygiene.Report(), generalReport = PathHygiene.Report()
        var kept = 0, loops = 0, collapsed = 0, long = 0
        for round in 0..<20_000 {
            // Lengths 0 to 40: the pairwise search for repeats stops at 32, a set takes over beyond.
            let length = Int(random.next() % 41)
            var path: [UInt32] = []
            for _ in 0..<length {
                let pick = random.next()
                if pick % 3 == 0, let last = path.last {
                    path.append(last)
                } else {
                    // Mostly the six public ASes first in the alphabet; in odd rounds each moved by
                    // up to 63, so that longer paths are kept too.
                    let index = pick % 100 < 95 ? Int(pick / 100 % 6) : Int(pick / 100 % UInt64(alphabet.count))
                    path.append(round % 2 == 0 ? alphabet[index] : alphabet[index] &+ UInt32(pick / 1000 % 64))
                }
            }
            if length > 32 { long += 1 }
            var plain = PathHygiene.Report(), general = PathHygiene.Report()
            let keptPlain = path.withUnsafeBufferPointer { PathHygiene.clean(plain: $0, into: &cleaned, report: &plain) }
            let generalCleaned = PathHygiene.clean(segments: [(false, path[...])], report: &general)
            let expected = Self.reference(path)
            #expect(keptPlain == (expected.cleaned != nil), "\(path)")
            #expect(generalCleaned?.asns == expected.cleaned, "\(path)")
            #expect(plain == expected.report && general == expected.report, "\(path)")
            if let reference = expected.cleaned {
                #expect(cleaned == reference, "\(path)")
                kept += 1
            }
            loops += general.loopsDropped
            collapsed += general.prependingCollapsed
            plainReport.add(plain)
            generalReport.add(general)
        }
        #expect(plainReport == generalReport)
        // Every rule was exercised, on long paths too.
        #expect(kept > 1_000 && loops > 1_000 && collapsed > 1_000 && long > 1_000)
        #expect(generalReport.reservedDropped > 1_000 && generalReport.emptyDropped > 100)
    }

    @Test("cleaning by hand: prepending collapsed, loops and reserved ASes dropped, the scratch emptied")
    func byHand() {
        var cleaned: [UInt32] = [7, 7, 7]
        var report = PathHygiene.Report()
        func clean(_ path: [UInt32]) -> [UInt32]? {
            path.withUnsafeBufferPointer { PathHygiene.clean(plain: $0, into: &cleaned, report: &report) } ? cleaned : nil
        }
        #expect(clean([3356, 3356, 4837, 131_279, 131_279]) == [3356, 4837, 131_279])
        #expect(clean([3356, 4837, 3356]) == nil)
        #expect(clean([3356, 64512, 4837]) == nil)
        #expect(clean([]) == nil)
        #expect(clean([6939]) == [6939])
        #expect(report.paths == 5 && report.kept == 2 && report.prependingCollapsed == 1)
        #expect(report.loopsDropped == 1 && report.reservedDropped == 1 && report.emptyDropped == 1)
    }
}
