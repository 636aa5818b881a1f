import Dispatch
import Foundation
import Synchronization

/// Work that waits on other work, run on a thread of its own rather than on Dispatch's pool.
///
/// The pool has about one thread per core, and on Linux it adds a thread for one that is blocked
/// only about once a second. Two points of a history analysed at once on the pool each waited for
/// the bzip2 blocks its reading queued on the same pool, which then had no thread for them: the
/// dated case's `history --jobs 2` took 11.0-12.9 s against 7.0-10.7 s on threads of this kind.
/// Work that waits for the pool's work (a point of a history, reading the reference files beside
/// the routes) goes on a thread of this kind; the pool keeps what never waits (bzip2 blocks,
/// `concurrentPerform`), and the file readers, whose threads it counts on (`readMRT`).
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
