import Decompression
import Foundation
import Testing

@Suite("decompression")
struct DecompressionTests {
    /// Runs a Debian tool to make reference compressed data.
    private func run(_ tool: String, _ arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return output
    }

    private func temporaryFile(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString)").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func readAll(_ path: String, prefetch: Bool = true) throws -> (Data, CompressionFormat) {
        let (source, format, _) = try InputFile.open(path, prefetch: prefetch)
        var data = Data()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 777, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            data.append(contentsOf: chunk.prefix(count))
        }
        return (data, format)
    }

    private func sample(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 60)  // low entropy so it compresses
        })
    }

    @Test("magic bytes")
    func magic() {
        #expect(CompressionFormat(magic: [0x1f, 0x8b, 8, 0]) == .gzip)
        #expect(CompressionFormat(magic: Array("BZh9".utf8)) == .bzip2)
        #expect(CompressionFormat(magic: Array("BZh0".utf8)) == .none)
        #expect(CompressionFormat(magic: [0, 0, 0, 12]) == .none)
        #expect(CompressionFormat(magic: [0x1f]) == .none)
    }

    @Test("multi-member gzip, as gzip writes when files are concatenated", arguments: [true, false])
    func multiMemberGzip(prefetch: Bool) throws {
        let first = sample(300_000, seed: 1), second = sample(200_001, seed: 2)
        let compressed = try run("/bin/gzip", ["-c"], input: first) + run("/bin/gzip", ["-c"], input: second)
        let path = try temporaryFile(compressed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (data, format) = try readAll(path, prefetch: prefetch)
        #expect(format == .gzip)
        #expect(data == first + second)
    }

    @Test("concatenated bzip2 streams, as lbzip2 and pbzip2 write")
    func multiStreamBzip2() throws {
        let first = sample(250_000, seed: 3), second = sample(90_000, seed: 4)
        let compressed = try run("/bin/bzip2", ["-c"], input: first) + run("/bin/bzip2", ["-c"], input: second)
        let path = try temporaryFile(compressed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (data, format) = try readAll(path)
        #expect(format == .bzip2)
        #expect(data == first + second)
    }

    @Test("a truncated stream is an error naming the file", arguments: ["/bin/gzip", "/bin/bzip2"])
    func truncated(tool: String) throws {
        let compressed = try run(tool, ["-c"], input: sample(400_000, seed: 5))
        let path = try temporaryFile(compressed.prefix(compressed.count / 2))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputError.self) { try readAll(path) }
        #expect(error?.isTruncation == true)
        #expect(error?.file == path)
    }

    @Test("corrupt data is an error with an offset")
    func corrupt() throws {
        var compressed = try run("/bin/gzip", ["-c"], input: sample(100_000, seed: 6))
        for index in 40..<60 { compressed[index] ^= 0x5a }
        let path = try temporaryFile(compressed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputError.self) { try readAll(path) }
        #expect(error?.description.contains(path) == true)
    }

    @Test("a missing file is an error naming it")
    func missing() {
        let error = #expect(throws: InputError.self) { try readAll("/nonexistent/rib.bz2") }
        #expect(error?.description == "/nonexistent/rib.bz2: byte 0: cannot open: No such file or directory")
    }

    @Test("plain files pass through")
    func plain() throws {
        let data = sample(12_345, seed: 7)
        let path = try temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (read, format) = try readAll(path)
        #expect(format == .none)
        #expect(read == data)
    }

    @Test("the prefetcher hands over every byte with small chunks")
    func prefetcherSmallChunks() throws {
        let data = sample(100_003, seed: 8)
        let path = try temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = PrefetchingByteSource(upstream: try FileByteSource(path: path), chunkSize: 1000, depth: 2)
        var read = Data()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 333, alignment: 1)
        defer { chunk.deallocate() }
        while case let count = try source.read(into: chunk), count > 0 {
            read.append(contentsOf: chunk.prefix(count))
        }
        #expect(read == data)
    }
}
