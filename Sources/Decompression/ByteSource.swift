/// A forward-only source of bytes, such as a file or a decompressor.
///
/// Sources are read in chunks into caller-owned memory so that no whole file is ever held at once.
public protocol ByteSource: AnyObject {
    /// A name for the input, used in error messages (normally the file path).
    var name: String { get }

    /// Copies up to `buffer.count` bytes into `buffer`.
    ///
    /// - Returns: The number of bytes written; `0` only at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

extension ByteSource {
    /// Reads until `buffer` is full or the input ends.
    ///
    /// - Returns: The number of bytes written, less than `buffer.count` only at the end of the input.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        var total = 0
        while total < buffer.count {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[total...])
            let count = try read(into: rest)
            if count == 0 { break }
            total += count
        }
        return total
    }
}
