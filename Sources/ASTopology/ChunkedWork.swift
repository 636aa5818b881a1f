import Dispatch
import Foundation

/// Work over `0..<count` split into chunks run on every core, each giving a value; the values come
/// back in chunk order, so a caller that combines them in turn gets the same result on any number
/// of cores.
enum ChunkedWork {
    /// `body` for each chunk of at most `chunk` indices, run concurrently, results in chunk order.
    static func map<Value>(count: Int, chunk: Int, _ body: @Sendable (Range<Int>) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        let chunks = (count + chunk - 1) / chunk
        let results = Results<Value>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            results.store(body((index * chunk)..<min(count, (index + 1) * chunk)), at: index)
        }
        return results.values
    }

    /// Slots each written once, from any thread. `@unchecked Sendable`: every access holds the lock.
    private final class Results<Value>: @unchecked Sendable {
        private var slots: [Value?]
        private let lock = NSLock()

        init(count: Int) { slots = [Value?](repeating: nil, count: count) }

        func store(_ value: Value, at index: Int) {
            lock.withLock { slots[index] = value }
        }

        var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
    }
}
