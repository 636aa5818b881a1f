import Foundation

/// Countries over time as line charts, one panel per measure, drawn as SVG directly (a chart has
/// no graph to lay out): the countries as lines, the dates along the bottom, a ring where a value
/// differs from the one before, and a gap where a country has no value (no score, say).
public struct HistoryChart: Sendable {
    /// One measure: its name and each country's values, one per date (nil for none).
    public struct Panel: Sendable {
        /// What the panel shows.
        public var title: String
        /// Values by country, each as long as the dates.
        public var series: [(country: String, values: [Double?])]

        /// Creates a panel.
        public init(title: String, series: [(country: String, values: [Double?])]) {
            self.title = title
            self.series = series
        }
    }

    /// The chart's title.
    public var title: String
    /// The dates (or cases), in order.
    public var dates: [String]
    /// What each date's values rest on (its data and witnesses), drawn under the date; a newline
    /// starts another line (a line each keeps two dates' notes from running into each other).
    public var bases: [String]
    /// The panels, drawn two to a row.
    public var panels: [Panel]

    /// Creates a chart; `bases`, when given, has one line per date.
    public init(title: String, dates: [String], bases: [String] = [], panels: [Panel]) {
        self.title = title
        self.dates = dates
        self.bases = bases
        self.panels = panels
    }

    /// Line colours told apart in print and by most colour-blind readers; after eight, dashed.
    private static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    private static let panelWidth = 440.0, panelHeight = 240.0
    private static let left = 56.0, right = 16.0, top = 30.0, bottom = 62.0

    /// The SVG document.
    public func svg() -> Data {
        let columns = panels.count > 1 ? 2 : 1
        let rows = (panels.count + columns - 1) / columns
        let countries = panels.first?.series.map(\.country) ?? []
        let legendHeight = 24.0
        let width = Double(columns) * Self.panelWidth
        let height = 40 + legendHeight + Double(rows) * Self.panelHeight
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))pt" height="\(format(height))pt" viewBox="0 0 \(format(width)) \(format(height))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(format(width / 2))" y="24" text-anchor="middle" font-size="16" font-weight="bold">\(Self.escape(title))</text>

            """
        // The legend: one swatch per country, in a row under the title.
        for (index, country) in countries.enumerated() {
            let x = 16 + Double(index) * 90
            out += "<line x1=\"\(format(x))\" y1=\"46\" x2=\"\(format(x + 24))\" y2=\"46\" \(stroke(index)) stroke-width=\"2.5\"/>"
            out += "<text x=\"\(format(x + 30))\" y=\"50\" font-size=\"12\">\(Self.escape(country))</text>\n"
        }
        for (index, panel) in panels.enumerated() {
            let x = Double(index % columns) * Self.panelWidth, y = 40 + legendHeight + Double(index / columns) * Self.panelHeight
            out += self.panel(panel, x: x, y: y)
        }
        out += "</svg>\n"
        return Data(out.utf8)
    }

    private func stroke(_ index: Int) -> String {
        "stroke=\"\(Self.colours[index % Self.colours.count])\"" + (index >= Self.colours.count ? " stroke-dasharray=\"6 3\"" : "")
    }

    private func panel(_ panel: Panel, x originX: Double, y originY: Double) -> String {
        let plotWidth = Self.panelWidth - Self.left - Self.right, plotHeight = Self.panelHeight - Self.top - Self.bottom
        let values = panel.series.flatMap { $0.values.compactMap { $0 } }
        let (low, high, step) = Self.axis(min: min(0, values.min() ?? 0), max: values.max() ?? 1)
        func px(_ index: Int) -> Double {
            originX + Self.left + (dates.count > 1 ? Double(index) / Double(dates.count - 1) * plotWidth : plotWidth / 2)
        }
        func py(_ value: Double) -> Double { originY + Self.top + plotHeight - (value - low) / (high - low) * plotHeight }
        var out = "<g>\n<text x=\"\(format(originX + Self.left))\" y=\"\(format(originY + 18))\" font-size=\"13\" font-weight=\"bold\">\(Self.escape(panel.title))</text>\n"
        // Grid lines and the value axis.
        var tick = low
        while tick <= high + step / 2 {
            let y = py(tick)
            out += "<line x1=\"\(format(originX + Self.left))\" y1=\"\(format(y))\" x2=\"\(format(originX + Self.left + plotWidth))\" y2=\"\(format(y))\" stroke=\"#dddddd\"/>"
            out += "<text x=\"\(format(originX + Self.left - 6))\" y=\"\(format(y + 4))\" text-anchor=\"end\" font-size=\"10\">\(Self.label(tick))</text>\n"
            tick += step
        }
        // The dates along the bottom; every one when they fit, else evenly thinned.
        let every = max(1, Int((Double(dates.count) * 110 / plotWidth).rounded(.up)))
        for (index, date) in dates.enumerated() where index % every == 0 || index == dates.count - 1 {
            // The first and last align with the plot's edges, so as not to run into the next panel.
            let anchor = dates.count < 2 ? "middle" : index == 0 ? "start" : index == dates.count - 1 ? "end" : "middle"
            out += "<text x=\"\(format(px(index)))\" y=\"\(format(originY + Self.top + plotHeight + 16))\" text-anchor=\"\(anchor)\" font-size=\"10\">\(Self.escape(date))</text>\n"
            let lines = index < bases.count ? bases[index].split(separator: "\n").map(String.init) : []
            for (number, line) in lines.enumerated() {
                let y = originY + Self.top + plotHeight + 28 + Double(number) * 11
                out += "<text x=\"\(format(px(index)))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" font-size=\"9\" fill=\"#666666\">\(Self.escape(line))</text>\n"
            }
        }
        // Each country's line, broken where it has no value; a ring where the value changed.
        for (number, series) in panel.series.enumerated() {
            var runs: [[(Int, Double)]] = [[]]
            for (index, value) in series.values.enumerated() {
                if let value { runs[runs.count - 1].append((index, value)) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
            }
            for run in runs where run.count > 1 {
                let points = run.map { "\(format(px($0.0))),\(format(py($0.1)))" }.joined(separator: " ")
                out += "<polyline points=\"\(points)\" fill=\"none\" \(stroke(number)) stroke-width=\"2\"><title>\(Self.escape(series.country))</title></polyline>\n"
            }
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                let changed = index > 0 && series.values[index - 1] != nil && series.values[index - 1] != value
                out += "<circle cx=\"\(format(px(index)))\" cy=\"\(format(py(value)))\" r=\"\(changed ? 5 : 3)\" "
                    + (changed ? "fill=\"white\" \(stroke(number)) stroke-width=\"2\"" : "fill=\"\(Self.colours[number % Self.colours.count])\"")
                    + "><title>\(Self.escape(series.country)) \(Self.escape(dates[index])): \(Self.label(value))</title></circle>\n"
            }
        }
        return out + "</g>\n"
    }

    /// A value axis from `min` to `max` in 4 or 5 round steps.
    static func axis(min: Double, max: Double) -> (low: Double, high: Double, step: Double) {
        let span = Swift.max(max - min, 1e-9)
        let raw = span / 4
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let low = floor(min / step) * step
        var high = ceil(max / step) * step
        if high <= low { high = low + step }
        return (low, high, step)
    }

    private static func label(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.2f", value)
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func escape(_ text: String) -> String { DiagramRenderer.escapeHTML(text) }
}
