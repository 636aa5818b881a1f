import CPrefetch

/// A hash table from 64-bit keys to values in two flat arrays (open addressing, linear probing,
/// a multiplicative hash), for the analysis's hot tallies: tens of millions of additions keyed by
/// (vantage point, path) or node, where `Dictionary`'s seeded hashing and per-entry overhead cost
/// several times more. Iteration is in slot order, the same from run to run.
///
/// `UInt64.max` is reserved as the empty marker and may not be used as a key.
public struct FlatTable<Value>: Sendable where Value: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [Value]
    @usableFromInline let empty: Value
    @usableFromInline var storedCount = 0
    /// The number of keys held.
    public var count: Int { storedCount }
    @usableFromInline var shift: UInt64

    @usableFromInline static var vacant: UInt64 { .max }

    /// An empty table; `empty` fills unused slots and is what a new key starts from.
    @inlinable
    public init(empty: Value, capacity: Int = 16) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = Array(repeating: Self.vacant, count: size)
        values = Array(repeating: empty, count: size)
        self.empty = empty
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Whether the table holds no key.
    public var isEmpty: Bool { count == 0 }

    @inlinable
    func home(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inlinable
    func slot(of key: UInt64) -> (slot: Int, found: Bool) {
        let mask = keys.count - 1
        var slot = home(of: key)
        while true {
            let stored = keys[slot]
            if stored == key { return (slot, true) }
            if stored == Self.vacant { return (slot, false) }
            slot = (slot + 1) & mask
        }
    }

    /// Asks for the slot where the search for `key` starts to be brought into the cache, so that
    /// lookups of scattered keys made a few at a time ahead wait on memory together.
    @inlinable
    public func prefetch(_ key: UInt64) {
        let slot = home(of: key)
        keys.withUnsafeBufferPointer { if let base = $0.baseAddress { chokepoint_prefetch(base + slot) } }
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { chokepoint_prefetch(base + slot) } }
    }

    /// The value of `key`, or nil.
    @inlinable
    public subscript(key: UInt64) -> Value? {
        let (slot, found) = slot(of: key)
        return found ? values[slot] : nil
    }

    /// Adds `key` if absent; returns whether it was added.
    @inlinable @discardableResult
    public mutating func insert(_ key: UInt64) -> Bool {
        let before = storedCount
        _ = insertSlot(key)
        return storedCount > before
    }

    /// The value of `key`, set to `make()` first when absent.
    @inlinable
    public mutating func value(of key: UInt64, makingIfAbsent make: () -> Value) -> Value {
        let (slot, found) = slot(of: key)
        if found { return values[slot] }
        let value = make()
        values[insertSlot(key)] = value
        return value
    }

    /// Changes the value of `key` in place (a new key starts from the empty value).
    @inlinable
    public mutating func update(_ key: UInt64, _ change: (inout Value) -> Void) {
        change(&values[insertSlot(key)])
    }

    /// The slot of `key`, added with the empty value when absent.
    @inlinable
    mutating func insertSlot(_ key: UInt64) -> Int {
        precondition(key != Self.vacant, "FlatTable: UInt64.max is reserved")
        var (slot, found) = slot(of: key)
        if found { return slot }
        if 2 * (storedCount + 1) > keys.count {
            grow()
            slot = self.slot(of: key).slot
        }
        keys[slot] = key
        storedCount += 1
        return slot
    }

    @usableFromInline
    mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: Self.vacant, count: 2 * oldKeys.count)
        values = Array(repeating: empty, count: 2 * oldKeys.count)
        shift -= 1
        for index in oldKeys.indices where oldKeys[index] != Self.vacant {
            let slot = slot(of: oldKeys[index]).slot
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }

    /// Calls `body` with every key and its value, in slot order.
    @inlinable
    public func forEach(_ body: (UInt64, Value) throws -> Void) rethrows {
        for index in keys.indices where keys[index] != Self.vacant { try body(keys[index], values[index]) }
    }
}

extension FlatTable where Value: AdditiveArithmetic {
    /// An empty table of sums.
    @inlinable
    public init(capacity: Int = 16) {
        self.init(empty: .zero, capacity: capacity)
    }

    /// Adds `amount` to the value of `key` (a new key starts from zero).
    @inlinable
    public mutating func add(_ amount: Value, to key: UInt64) {
        values[insertSlot(key)] += amount
    }
}
