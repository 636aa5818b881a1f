import Foundation

/// Pictures Graphviz drew separately, placed in a grid in the order given (left to right, then
/// down), under a title: Graphviz itself cannot be told the order of clusters, and a stack of them
/// grows into one tall column.
struct SVGGrid {
    /// One picture, as Graphviz wrote it.
    struct Picture {
        /// Its size in points.
        var width: Double
        var height: Double
        /// Its viewBox.
        var viewBox: String
        /// What lies inside its root element.
        var body: String

        /// Reads the root element's size and keeps the rest; nil when `svg` is not an SVG document.
        init?(svg data: Data, idPrefix: String) {
            let text = String(decoding: data, as: UTF8.self)
            guard let open = text.range(of: "<svg"), let openEnd = text.range(of: ">", range: open.upperBound..<text.endIndex),
                  let close = text.range(of: "</svg>", options: .backwards), openEnd.upperBound <= close.lowerBound else { return nil }
            let tag = String(text[open.lowerBound..<openEnd.upperBound])
            func attribute(_ name: String) -> String? {
                guard let start = tag.range(of: " \(name)=\"") ?? tag.range(of: "\n\(name)=\""),
                      let end = tag.range(of: "\"", range: start.upperBound..<tag.endIndex) else { return nil }
                return String(tag[start.upperBound..<end.lowerBound])
            }
            func points(_ value: String?) -> Double? {
                value.flatMap { Double($0.replacingOccurrences(of: "pt", with: "").replacingOccurrences(of: "px", with: "")) }
            }
            guard let width = points(attribute("width")), let height = points(attribute("height")) else { return nil }
            self.width = width
            self.height = height
            viewBox = attribute("viewBox") ?? "0 0 \(width) \(height)"
            // Each picture numbers its elements from 1: prefix the ids so the document keeps them unique.
            body = String(text[openEnd.upperBound..<close.lowerBound]).replacingOccurrences(of: " id=\"", with: " id=\"\(idPrefix)")
        }
    }

    /// The title over the grid.
    var title: String
    /// The pictures, in order.
    var pictures: [Picture]
    /// A picture drawn under the grid, across it (the legend).
    var footer: Picture?
    /// How many pictures per row.
    var columns: Int

    /// The document.
    var svg: Data {
        let gap = 16.0, titleHeight = 40.0
        let rows = stride(from: 0, to: pictures.count, by: max(1, columns)).map { Array(pictures[$0..<min($0 + columns, pictures.count)]) }
        var columnWidths = [Double](repeating: 0, count: max(1, columns))
        for row in rows { for (index, picture) in row.enumerated() { columnWidths[index] = max(columnWidths[index], picture.width) } }
        let rowHeights = rows.map { $0.map(\.height).max() ?? 0 }
        let gridWidth = columnWidths.reduce(0, +) + gap * Double(max(0, columns - 1))
        let width = max(gridWidth, footer?.width ?? 0) + 2 * gap
        let height = titleHeight + rowHeights.reduce(0, +) + gap * Double(rows.count) + (footer.map { $0.height + gap } ?? 0) + gap
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg width="\(format(width))pt" height="\(format(height))pt" viewBox="0 0 \(format(width)) \(format(height))" \
            xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <rect x="0" y="0" width="\(format(width))" height="\(format(height))" fill="white"/>
            <text x="\(format(gap))" y="28" font-family="Helvetica,sans-Serif" font-size="20" fill="#222222">\(escape(title))</text>

            """
        var y = titleHeight
        for (rowIndex, row) in rows.enumerated() {
            var x = gap
            for (index, picture) in row.enumerated() {
                out += place(picture, x: x, y: y)
                x += columnWidths[index] + gap
            }
            y += rowHeights[rowIndex] + gap
        }
        if let footer { out += place(footer, x: gap, y: y) }
        out += "</svg>\n"
        return Data(out.utf8)
    }

    private func place(_ picture: Picture, x: Double, y: Double) -> String {
        "<svg x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(picture.width))\" height=\"\(format(picture.height))\" "
            + "viewBox=\"\(picture.viewBox)\">\(picture.body)</svg>\n"
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Columns for `count` pictures: a near-square grid, never more than 3 across.
    static func columns(for count: Int) -> Int {
        min(3, max(1, Int(Double(count).squareRoot().rounded(.up))))
    }
}
