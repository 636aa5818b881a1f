import Dispatch
import Foundation
import Synchronization

/// Work that waits on other work, run on a thread of its own rather than on Dispatch's pool.
///
/// The pool has about one thread per core, and on Linux it adds a thread for one that is blocked
/// only about once a second. A file reader on the pool waits for the bzip2 blocks it queued on the
/// same pool, so two of them on two cores left the blocks no thread: reading three RIBs with two
/// readers took 6.1-6.8 s against 4.4-4.7 s with one (`ChokepointBenchmarks load`). Work that
/// waits (a reader, a point of a history, reading the reference files beside the routes) goes on
/// a thread of this kind; the pool keeps what never waits (bzip2 blocks, `concurrentPerform`).
package final class DedicatedThread<Value: Sendable>: Sendable {
    private let outcome = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread.
    package init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = body()
            outcome.withLock { $0 = value }
            done.signal()
        }
        // As much stack as the main thread has: the work is what the main thread would otherwise run.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for `body` to return, and gives what it returned; any number of times.
    package func wait() -> Value {
        done.wait()
        done.signal()
        guard let value = outcome.withLock({ $0 }) else {
            preconditionFailure("the thread signalled its end without a value")
        }
        return value
    }
}
