/// Rows of cells under a header, as aligned text, CSV or a Markdown table.
public struct TextTable: Hashable, Sendable {
    /// The column names.
    public var header: [String]
    /// The cells, one array per row, as many as the header has columns.
    public var rows: [[String]]

    /// Creates a table.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Columns padded to their widest cell, two spaces apart.
    public var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, width) in widths.enumerated() {
                let cell = row.indices.contains(column) ? row[column] : ""
                line += (column == 0 ? "" : "  ") + cell + String(repeating: " ", count: max(0, width - cell.count))
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header line: fields holding commas, quotes or line breaks are quoted.
    public var csv: String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table (pipes in cells escaped).
    public var markdown: String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        let lines = ["| " + header.map(cell).joined(separator: " | ") + " |", "|" + header.map { _ in "---|" }.joined()]
            + rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }
}
