import ASTopology
import Dispatch
import Foundation
import Testing

/// Work that waits on Dispatch's pool, run on threads of its own.
@Suite("Dedicated threads")
struct DedicatedThreadTests {
    @Test("the body runs on a thread other than the caller's, and every wait gives its value")
    func value() {
        let caller = pthread_self()
        let work = DedicatedThread { () -> (other: Bool, number: Int) in
            (pthread_equal(pthread_self(), caller) == 0, 42)
        }
        let first = work.wait()
        let second = work.wait()
        #expect(first.other)
        #expect(first.number == 42 && second.number == 42 && second.other)
    }

    /// 64 waiters, each for work it queues on the pool. On the pool themselves they would hold
    /// every thread it has (one per core) while their work waited for a thread the pool adds about
    /// once a second: about a minute here (the same program with `DispatchQueue.global().async`
    /// took 14 s for 16 waiters and had not finished 64 after 20 s).
    @Test("waiters for the pool's work do not starve it", .timeLimit(.minutes(1)))
    func noStarvation() {
        let waiters = (0..<64).map { index in
            DedicatedThread { () -> Int in
                let done = DispatchSemaphore(value: 0)
                let queue = DispatchQueue(label: "chokepoint.test.queue.\(index)", attributes: .concurrent)
                let result = ResultSlots<Int>(count: 1)
                queue.async {
                    result.store(index * index, at: 0)
                    done.signal()
                }
                done.wait()
                return result.values.first ?? -1
            }
        }
        #expect(waiters.enumerated().allSatisfy { index, waiter in waiter.wait() == index * index })
    }
}
