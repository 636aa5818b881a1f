import Decompression

#if canImport(Glibc)
import Glibc
#endif

/// Checks that a downloaded file is what its name promises before it becomes a cache entry: an
/// error page served with status 200, or a body cut short, must never be kept and then trusted.
enum ArchiveContentCheck {
    /// Throws `unexpectedContent` unless `path` holds what `name` says: compressed as its suffix
    /// says and decompressing whole, and beginning as its kind of file begins.
    static func verify(_ path: String, name: String, url: String) throws(ArchiveError) {
        func refuse(_ message: String) -> ArchiveError {
            ArchiveError(location: url, reason: .unexpectedContent(message))
        }
        let raw = try head(path, url: url)
        if looksLikeHTML(raw) { throw refuse("the server sent an HTML page") }
        let expected: CompressionFormat? = name.hasSuffix(".bz2") ? .bzip2 : name.hasSuffix(".gz") ? .gzip : nil
        var content = raw
        if let expected {
            guard CompressionFormat(magic: Array(raw.prefix(4))) == expected else {
                throw refuse("the name says \(expected) but the data is not (it begins \(InputQuotation.quote(String(decoding: raw.prefix(16), as: UTF8.self))))")
            }
            content = try decompressWhole(path, url: url)
        }
        if looksLikeHTML(content) { throw refuse("the server sent an HTML page") }
        if let problem = kindProblem(name: name, content: content) { throw refuse(problem) }
    }

    /// The first 4 KiB of the file as stored.
    private static func head(_ path: String, url: String) throws(ArchiveError) -> [UInt8] {
        do {
            let file = try FileByteSource(path: path)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
            defer { buffer.deallocate() }
            let count = try file.readFully(into: buffer)
            return Array(buffer.prefix(count))
        } catch {
            throw ArchiveError(location: url, reason: .localFile("cannot read the download back: \(error.reasonDescription)"))
        }
    }

    /// Decompresses the whole file (the only way to know a compressed download is whole) and
    /// returns its first 4 KiB of content.
    private static func decompressWhole(_ path: String, url: String) throws(ArchiveError) -> [UInt8] {
        do {
            let source = try InputFile.open(path, prefetch: false).source
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
            defer { buffer.deallocate() }
            var first: [UInt8] = []
            while true {
                let count = try source.read(into: buffer)
                if count == 0 { break }
                if first.count < 4096 { first += buffer.prefix(min(count, 4096 - first.count)) }
            }
            return first
        } catch {
            throw ArchiveError(location: url, reason: .unexpectedContent("the compressed data does not decompress whole: \(error.reasonDescription)"))
        }
    }

    private static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(256), as: UTF8.self).drop(while: \.isWhitespace).lowercased()
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.hasPrefix("<head") || text.hasPrefix("<body")
    }

    /// The first line that is neither empty nor a `#` comment.
    private static func firstDataLine(_ content: [UInt8]) -> String? {
        String(decoding: content, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .init(charactersIn: "\r")) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Why the content cannot be the kind of file `name` names, or nil when it can (or the kind is
    /// not one the catalog knows).
    static func kindProblem(name: String, content: [UInt8]) -> String? {
        if name.hasPrefix("delegated-") {
            // The version line: version|registry|serial|records|startdate|enddate|UTCoffset.
            guard let line = firstDataLine(content), let version = line.split(separator: "|").first,
                  line.split(separator: "|", omittingEmptySubsequences: false).count >= 6,
                  version.allSatisfy({ $0.isNumber || $0 == "." }) else {
                return "an RIR delegation file begins with its version line (2|registry|...)"
            }
        } else if name.contains(".pfx2as") {
            guard let line = firstDataLine(content), line.split(separator: "\t", omittingEmptySubsequences: false).count == 3 else {
                return "a prefix-to-AS file has lines of prefix, length and origin separated by tabs"
            }
        } else if name.contains(".as-rel") {
            let line = String(decoding: content, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard line.hasPrefix("#") || (fields.count >= 3 && UInt32(fields[0]) != nil && UInt32(fields[1]) != nil) else {
                return "an AS relationships file begins with # comments or as1|as2|relationship lines"
            }
        } else if name.contains(".as-org2info") {
            let line = String(decoding: content, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            guard line.hasPrefix("#") || line.hasPrefix("{") else {
                return "an AS organizations file begins with # comments or JSON objects"
            }
        } else if name.hasPrefix("rib.") || name.hasPrefix("bview.") || name.hasPrefix("updates.") {
            // An MRT record header: timestamp, type, subtype, length; every known type is below 64.
            guard content.count >= 12, content[4] == 0, content[5] < 64,
                  UInt32(content[8]) << 24 | UInt32(content[9]) << 16 | UInt32(content[10]) << 8 | UInt32(content[11]) <= 64 << 20 else {
                return "an MRT file begins with a record header"
            }
        }
        return nil
    }
}
