import Foundation

/// Slots that concurrent workers fill, one each.
///
/// `@unchecked Sendable`: each index is written by exactly one worker, under `lock`, and read only
/// after all workers have finished.
package final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    package init(count: Int) {
        slots = [Value?](repeating: nil, count: count)
    }

    package func store(_ value: Value, at index: Int) {
        lock.withLock { slots[index] = value }
    }

    package var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
