import Foundation
/// Opens inputs for streaming, recognising their compression from the first bytes.
public enum InputFile {
    /// Opens `path` (or standard input for `"-"`) and returns its decompressed bytes.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - prefetch: Whether to decompress on a background thread while the caller works on the
    ///     previous chunk. It pays off for compressed files; plain files are read directly.
    /// - Returns: The decompressed bytes, the compression found, and the file itself, whose offset says
    ///   how far into the file (compressed) reading has got.
    public static func open(
        _ path: String, prefetch: Bool = true
    ) throws(InputError) -> (source: any ByteSource, format: CompressionFormat, file: FileByteSource) {
        let file = try FileByteSource(path: path)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { scratch.deallocate() }
        let count = try file.readFully(into: scratch)
        let magic = Array(scratch.prefix(count))
        file.unread(magic)
        let format = CompressionFormat(magic: magic)
        let decoded: any ByteSource
        switch format {
        case .bzip2 where (file.size ?? 0) >= 1 << 20 && ProcessInfo.processInfo.activeProcessorCount > 1 && path != "-":
            // Blocks decoded on every core; it already works ahead of the caller, so no prefetching.
            return (ParallelBzip2ByteSource(file: file, path: path), format, file)
        case .bzip2: decoded = try Bzip2ByteSource(upstream: file)
        case .gzip: decoded = try GzipByteSource(upstream: file)
        case .none: return (file, format, file)
        }
        return (prefetch ? PrefetchingByteSource(upstream: decoded) : decoded, format, file)
    }
}
