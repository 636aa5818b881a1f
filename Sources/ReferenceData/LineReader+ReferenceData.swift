import Decompression

extension LineReader {
    /// Opens `path` for line reading, with errors as reference data errors.
    static func opening(_ path: String) throws(ReferenceDataError) -> LineReader {
        do {
            return try LineReader(path: path)
        } catch {
            throw ReferenceDataError(error)
        }
    }

    /// The next line, with read errors as reference data errors.
    func nextDataLine() throws(ReferenceDataError) -> UnsafeRawBufferPointer? {
        do {
            return try nextLine()
        } catch {
            throw ReferenceDataError(error)
        }
    }
}
