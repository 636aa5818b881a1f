import Reports
import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown
}

/// A result that prints in every format.
protocol FormattedResult {
    var text: String { get }
    var csv: String { get }
    var markdown: String { get }
    func json() throws -> String
}

extension DiffTable: FormattedResult {}
extension HistoryTable: FormattedResult {}

extension OutputFormat {
    /// Prints `result` in this format on standard output.
    func print(_ result: some FormattedResult) throws {
        var output = StandardOutput()
        switch self {
        case .json: try output.write(try result.json())
        case .csv: try output.write(result.csv)
        case .markdown: try output.write(result.markdown)
        case .table: try output.write(result.text)
        }
        try output.flush()
    }
}
