import Decompression

/// An error in a reference data file: the file, the line (or byte offset), and what was wrong.
public struct ReferenceDataError: Error, Sendable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// The line number (from 1), for line-based formats.
    public var line: Int?
    /// The byte offset, for binary formats.
    public var offset: Int?
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, offset: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.offset = offset
        self.message = message
    }

    /// Wraps an error reading or decompressing the file.
    public init(_ error: InputError) {
        if let line = error.line {
            self.init(file: error.file, line: line, message: error.reasonDescription)
        } else {
            self.init(file: error.file, offset: Int(error.offset), message: error.reasonDescription)
        }
    }

    public var description: String {
        var text = file
        if let line { text += ": line \(line)" }
        if let offset { text += ": byte \(offset)" }
        return text + ": " + message
    }
}

/// Lines a reader skipped because the format allows it (and it says how many), reported with the data.
public struct SkippedLines: Sendable, Hashable {
    /// How many lines were skipped.
    public var count = 0
    /// The first few, as `line N: reason`.
    public var examples: [String] = []

    /// Creates an empty tally.
    public init() {}

    mutating func note(line: Int, _ reason: String) {
        count += 1
        if examples.count < 5 { examples.append("line \(line): \(reason)") }
    }
}
