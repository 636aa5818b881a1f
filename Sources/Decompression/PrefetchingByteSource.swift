import Foundation

/// Reads another source on a background thread, a few chunks ahead of the consumer.
///
/// Decompression then runs on one core while the caller parses on another. Memory stays bounded:
/// at most `depth` chunks of `chunkSize` bytes exist at once.
public final class PrefetchingByteSource: ByteSource {
    public let name: String
    private let pipeline: Pipeline
    private var current: Pipeline.Chunk?
    private var currentPosition = 0

    /// Starts reading `upstream` on a new thread. `upstream` must not be used by anyone else afterwards.
    public init(upstream: any ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4) {
        name = upstream.name
        pipeline = Pipeline(chunkSize: chunkSize, depth: depth)
        let producer = Producer(upstream: upstream, pipeline: pipeline)
        let thread = Thread { producer.run() }
        thread.name = "chokepoint.prefetch"
        thread.start()
    }

    deinit {
        if let current { pipeline.recycle(current) }
        pipeline.cancel()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if let chunk = current {
                let available = chunk.count - currentPosition
                if available > 0 {
                    let count = min(available, buffer.count)
                    if let source = chunk.storage.baseAddress {
                        base.copyMemory(from: source + currentPosition, byteCount: count)
                    }
                    currentPosition += count
                    return count
                }
                pipeline.recycle(chunk)
                current = nil
            }
            switch pipeline.take() {
            case .chunk(let chunk):
                current = chunk
                currentPosition = 0
            case .end:
                return 0
            case .failure(let error):
                throw error
            }
        }
    }
}

extension PrefetchingByteSource {
    /// The hand-off between the producer thread and the consumer.
    ///
    /// `@unchecked Sendable`: every mutable field is read and written only while `condition` is held.
    fileprivate final class Pipeline: @unchecked Sendable {
        struct Chunk {
            let storage: UnsafeMutableRawBufferPointer
            var count: Int
        }

        enum Item {
            case chunk(Chunk)
            case end
            case failure(InputError)
        }

        let chunkSize: Int
        private let condition = NSCondition()
        private var ready: [Item] = []
        private var spare: [Chunk] = []
        private var allocated = 0
        private let depth: Int
        private var cancelled = false
        private var producerDone = false

        init(chunkSize: Int, depth: Int) {
            self.chunkSize = chunkSize
            self.depth = max(2, depth)
        }

        deinit {
            for item in ready {
                if case .chunk(let chunk) = item { chunk.storage.deallocate() }
            }
            for chunk in spare { chunk.storage.deallocate() }
        }

        /// Gives the producer an empty chunk, waiting while all chunks are in use; nil once cancelled.
        func emptyChunk() -> Chunk? {
            condition.lock()
            defer { condition.unlock() }
            while !cancelled && spare.isEmpty && allocated >= depth {
                condition.wait()
            }
            if cancelled { return nil }
            if let chunk = spare.popLast() { return chunk }
            allocated += 1
            return Chunk(storage: .allocate(byteCount: chunkSize, alignment: 64), count: 0)
        }

        func publish(_ item: Item) {
            condition.lock()
            ready.append(item)
            if case .chunk = item {} else { producerDone = true }
            condition.broadcast()
            condition.unlock()
        }

        func take() -> Item {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty {
                condition.wait()
            }
            let item = ready.removeFirst()
            if case .chunk = item {} else {
                // Leave the terminal item in place so later calls see it too.
                ready.insert(item, at: 0)
            }
            return item
        }

        func recycle(_ chunk: Chunk) {
            condition.lock()
            if cancelled {
                chunk.storage.deallocate()
                allocated -= 1
            } else {
                spare.append(Chunk(storage: chunk.storage, count: 0))
            }
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        func release(_ chunk: Chunk) {
            condition.lock()
            chunk.storage.deallocate()
            allocated -= 1
            condition.unlock()
        }
    }

    /// Owns the upstream source on the producer thread.
    ///
    /// `@unchecked Sendable`: the upstream source is handed over at creation and used only by `run()`,
    /// which executes on the single producer thread.
    fileprivate final class Producer: @unchecked Sendable {
        private let upstream: any ByteSource
        private let pipeline: Pipeline

        init(upstream: any ByteSource, pipeline: Pipeline) {
            self.upstream = upstream
            self.pipeline = pipeline
        }

        func run() {
            while let empty = pipeline.emptyChunk() {
                var chunk = empty
                do {
                    chunk.count = try upstream.readFully(into: chunk.storage)
                } catch {
                    pipeline.release(chunk)
                    pipeline.publish(.failure(error))
                    return
                }
                if chunk.count == 0 {
                    pipeline.release(chunk)
                    pipeline.publish(.end)
                    return
                }
                let full = chunk.count == chunk.storage.count
                pipeline.publish(.chunk(chunk))
                if !full {
                    pipeline.publish(.end)
                    return
                }
            }
        }
    }
}
