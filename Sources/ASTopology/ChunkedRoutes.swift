/// The routes as read, in fixed-size chunks: appending never copies what is already stored (an
/// array that doubles holds up to three times its contents while it grows), and the chunks are
/// released one by one as the topology's arrays are filled from them.
///
/// A chunk holds 16 Mi routes (32 and 64 MB), at or above the size from which malloc always maps
/// memory of its own, so a released chunk goes back to the system at once. Chunks of a few MB came
/// from malloc's heap once reading had freed larger blocks, went back to the heap, not the system,
/// and the topology's arrays, new memory, held the routes a second time (cold P=40: 583-593 MB
/// peak against 523). A chunk's untouched capacity costs address space, not memory.
struct ChunkedRoutes {
    static let chunkSize = 1 << 24
    private var vantagePointChunks: [[UInt16]] = []
    private var pathChunks: [[UInt32]] = []
    /// The number of routes.
    private(set) var count = 0

    mutating func append(vantagePoint: UInt16, path: UInt32) {
        if count % Self.chunkSize == 0 {
            vantagePointChunks.append([])
            vantagePointChunks[vantagePointChunks.count - 1].reserveCapacity(Self.chunkSize)
            pathChunks.append([])
            pathChunks[pathChunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        vantagePointChunks[vantagePointChunks.count - 1].append(vantagePoint)
        pathChunks[pathChunks.count - 1].append(path)
        count += 1
    }

    /// Hands every route to `body` in order, with its index, releasing each chunk once it is done.
    mutating func drain(_ body: (Int, UInt16, UInt32) -> Void) {
        var index = 0
        for chunk in 0..<vantagePointChunks.count {
            let points = vantagePointChunks[chunk], paths = pathChunks[chunk]
            vantagePointChunks[chunk] = []
            pathChunks[chunk] = []
            for offset in 0..<points.count {
                body(index, points[offset], paths[offset])
                index += 1
            }
        }
        vantagePointChunks = []
        pathChunks = []
        count = 0
    }

    /// Each chunk's vantage points and paths, in order, without releasing them.
    func forEachChunk(_ body: ([UInt16], [UInt32]) -> Void) {
        for chunk in vantagePointChunks.indices { body(vantagePointChunks[chunk], pathChunks[chunk]) }
    }
}
