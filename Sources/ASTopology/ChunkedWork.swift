import Dispatch

/// Work over `0..<count` split into chunks run on every core, each giving a value; the values come
/// back in chunk order, so a caller that combines them in turn gets the same result on any number
/// of cores.
package enum ChunkedWork {
    /// `body` for each chunk of at most `chunk` indices, run concurrently, results in chunk order.
    package static func map<Value>(count: Int, chunk: Int, _ body: @Sendable (Range<Int>) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        let chunks = (count + chunk - 1) / chunk
        let results = ResultSlots<Value>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            results.store(body((index * chunk)..<min(count, (index + 1) * chunk)), at: index)
        }
        return results.values
    }

    /// `first` and `second` run side by side; returns both results.
    package static func pair<First, Second>(_ first: @Sendable () -> First,
                                            _ second: @Sendable () -> Second) -> (First, Second) {
        let firsts = ResultSlots<First>(count: 1)
        let seconds = ResultSlots<Second>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firsts.store(first(), at: 0) } else { seconds.store(second(), at: 0) }
        }
        guard let one = firsts.values.first, let two = seconds.values.first else {
            preconditionFailure("concurrentPerform returned before running every iteration")
        }
        return (one, two)
    }
}
