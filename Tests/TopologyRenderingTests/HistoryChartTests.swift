import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TopologyRendering

@Suite("history charts")
struct HistoryChartTests {
    private func chart() -> String {
        let chart = HistoryChart(title: "KP & YE", dates: ["2014-05-30", "2015-02-01", "2016-11-01", "2017-10-01"],
                                 bases: ["2014-05-30\nobserved, 1 witness", "2015-02-01\nsimulated, 17 witnesses", "2016-11-01\nsimulated, 17 witnesses",
                                         "2017-10-01\nobserved, 3 witnesses"],
                                 panels: [
            HistoryChart.Panel(title: "Score", series: [("KP", [14.3, 14.3, nil, 20]), ("YE", [37, 48.8, 48.8, 48.8])]),
            HistoryChart.Panel(title: "Networks", series: [("KP", [4, 4, 4, 4]), ("YE", [36, 93, 93, 90])]),
        ])
        return String(decoding: chart.svg(), as: UTF8.self)
    }

    private func count(_ text: String, in svg: String) -> Int { svg.components(separatedBy: text).count - 1 }

    @Test("a well-formed SVG: a line per country and panel, broken where a value is missing, a ring where one changed")
    func shape() throws {
        let svg = chart()
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "the SVG must be well-formed XML")
        #expect(svg.contains("KP &amp; YE"), "the title is escaped")
        // Score: KP has a gap (two runs of which only the one of two points draws a line: 1), YE one line; Networks: one each.
        #expect(count("<polyline", in: svg) == 4)
        // Rings (r=5) where the value differs from the one before: YE's score once, YE's networks twice.
        #expect(count("r=\"5\"", in: svg) == 3)
        // Every value has a marker: 3 + 4 for the scores, 4 + 4 for the networks.
        #expect(count("<circle", in: svg) == 15)
        #expect(svg.contains("<title>YE 2015-02-01: 48.80</title>"))
        // Under each date, in each panel, what it rests on, a line each.
        // Four dates in a panel 368 points wide are thinned to every other one and the last: 2015-02-01 is left out.
        #expect(count(">simulated, 17 witnesses</text>", in: svg) == 2)
        #expect(count(">2016-11-01</text>", in: svg) == 4 && count(">2015-02-01</text>", in: svg) == 0)
        #expect(count(">observed, 1 witness</text>", in: svg) == 2)
    }

    @Test("value axes start at zero and end on a round step above the largest value")
    func axes() {
        let svg = chart()
        // Networks reach 93: steps of 25 up to 100.
        for tick in ["0", "25", "50", "75", "100"] { #expect(svg.contains(">\(tick)</text>"), "tick \(tick)") }
    }
}
