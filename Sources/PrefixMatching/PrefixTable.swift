import InternetAddresses

/// A longest-prefix-match table for IPv4 and IPv6: every reference data set (delegations,
/// prefix-to-AS, geolocation ranges) loads into one.
///
/// Build it with `PrefixTable.Builder`, then look addresses up. Internally the nested prefixes are
/// flattened into disjoint, sorted address intervals, each carrying the value of the most specific
/// prefix covering it; IPv4 lookups go through a 65,536-entry index on the top 16 bits.
public struct PrefixTable<Value: Sendable>: Sendable {
    @usableFromInline let values: [Value]
    @usableFromInline let ipv4: IntervalSet<UInt32>
    @usableFromInline let ipv6: IntervalSet<UInt128>
    /// For each IPv4 /16, the index of the first interval starting at or after it.
    @usableFromInline let ipv4Index: [Int32]

    init(values: [Value], ipv4: IntervalSet<UInt32>, ipv6: IntervalSet<UInt128>) {
        self.values = values
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        var index = [Int32](repeating: Int32(ipv4.starts.count), count: 65_537)
        var position = ipv4.starts.count
        var block = 65_536
        // Walk intervals backwards so each /16 gets the first interval at or after it.
        while block >= 0 {
            let blockStart = UInt64(block) << 16
            while position > 0 && UInt64(ipv4.starts[position - 1]) >= blockStart { position -= 1 }
            index[block] = Int32(position)
            block -= 1
        }
        ipv4Index = index
    }

    /// The number of disjoint intervals the prefixes flattened into.
    public var intervalCount: Int { ipv4.starts.count + ipv6.starts.count }

    /// The value of the most specific entry covering `address`, or nil.
    @inlinable
    public func value(for address: IPAddress) -> Value? {
        switch address {
        case .v4(let value): return self.value(forIPv4: value)
        case .v6(let value):
            guard let slot = ipv6.slot(containing: value, lowerBound: 0, upperBound: ipv6.starts.count) else { return nil }
            return values[Int(ipv6.valueIndices[slot])]
        }
    }

    /// The value of the most specific entry covering an IPv4 address, or nil.
    @inlinable
    public func value(forIPv4 address: UInt32) -> Value? {
        let block = Int(address >> 16)
        let lower = max(0, Int(ipv4Index[block]) - 1)
        let upper = Int(ipv4Index[block + 1])
        guard let slot = ipv4.slot(containing: address, lowerBound: lower, upperBound: upper) else { return nil }
        return values[Int(ipv4.valueIndices[slot])]
    }

    /// The value of the most specific entry covering all of `prefix`'s addresses, or nil when
    /// different parts of it map differently or some part is not covered.
    public func value(coveringAllOf prefix: IPPrefix) -> Value? {
        let parts = overlaps(with: IPAddressRange(prefix))
        guard parts.count == 1, parts[0].range == IPAddressRange(prefix) else { return nil }
        return parts[0].value
    }

    /// The value of the one interval covering all of `range`, or nil when no single interval
    /// does (parts map differently, or some part is not covered). Unlike `value(coveringAllOf:)`,
    /// two adjoining entries with equal values that the table did not merge give nil here.
    ///
    /// Most routed prefixes lie inside one delegation block: this answers them without building
    /// the list of pieces.
    @inlinable
    public func soleValue(over range: IPAddressRange) -> Value? {
        switch (range.first, range.last) {
        case (.v4(let first), .v4(let last)):
            let block = Int(first >> 16)
            let lower = max(0, Int(ipv4Index[block]) - 1)
            let upper = Int(ipv4Index[block + 1])
            guard let slot = ipv4.slot(containing: first, lowerBound: lower, upperBound: upper), ipv4.ends[slot] >= last else { return nil }
            return values[Int(ipv4.valueIndices[slot])]
        case (.v6(let first), .v6(let last)):
            guard let slot = ipv6.slot(containing: first, lowerBound: 0, upperBound: ipv6.starts.count), ipv6.ends[slot] >= last else { return nil }
            return values[Int(ipv6.valueIndices[slot])]
        default:
            return nil
        }
    }

    /// The pieces of `range` the table covers, in address order, each with its value.
    public func overlaps(with range: IPAddressRange) -> [(range: IPAddressRange, value: Value)] {
        switch (range.first, range.last) {
        case (.v4(let first), .v4(let last)):
            return ipv4.overlaps(first: first, last: last).compactMap { piece in
                IPAddressRange(first: .v4(piece.first), last: .v4(piece.last)).map { ($0, values[piece.valueIndex]) }
            }
        case (.v6(let first), .v6(let last)):
            return ipv6.overlaps(first: first, last: last).compactMap { piece in
                IPAddressRange(first: .v6(piece.first), last: .v6(piece.last)).map { ($0, values[piece.valueIndex]) }
            }
        default:
            return []
        }
    }
}

extension PrefixTable {
    /// A table's flattened intervals and values, to store and load it without flattening again.
    public struct Parts: Sendable {
        /// The values the intervals point at.
        public var values: [Value]
        /// The IPv4 intervals: first and last addresses, and the index of each one's value.
        public var ipv4Starts: [UInt32], ipv4Ends: [UInt32], ipv4ValueIndices: [Int32]
        /// The IPv6 intervals, likewise.
        public var ipv6Starts: [UInt128], ipv6Ends: [UInt128], ipv6ValueIndices: [Int32]

        /// Parts from their arrays.
        public init(values: [Value], ipv4Starts: [UInt32], ipv4Ends: [UInt32], ipv4ValueIndices: [Int32],
                    ipv6Starts: [UInt128], ipv6Ends: [UInt128], ipv6ValueIndices: [Int32]) {
            self.values = values
            self.ipv4Starts = ipv4Starts
            self.ipv4Ends = ipv4Ends
            self.ipv4ValueIndices = ipv4ValueIndices
            self.ipv6Starts = ipv6Starts
            self.ipv6Ends = ipv6Ends
            self.ipv6ValueIndices = ipv6ValueIndices
        }
    }

    /// The table's parts.
    public var parts: Parts {
        Parts(values: values, ipv4Starts: ipv4.starts, ipv4Ends: ipv4.ends, ipv4ValueIndices: ipv4.valueIndices,
              ipv6Starts: ipv6.starts, ipv6Ends: ipv6.ends, ipv6ValueIndices: ipv6.valueIndices)
    }

    /// The table `parts` came from; nil when they could not have (intervals unsorted, overlapping
    /// or empty, arrays of different lengths, a value index out of range).
    public init?(parts: Parts) {
        guard let ipv4 = IntervalSet(starts: parts.ipv4Starts, ends: parts.ipv4Ends, valueIndices: parts.ipv4ValueIndices,
                                     valueCount: parts.values.count),
              let ipv6 = IntervalSet(starts: parts.ipv6Starts, ends: parts.ipv6Ends, valueIndices: parts.ipv6ValueIndices,
                                     valueCount: parts.values.count) else { return nil }
        self.init(values: parts.values, ipv4: ipv4, ipv6: ipv6)
    }
}

extension PrefixTable.Parts: Equatable where Value: Equatable {}

extension PrefixTable {
    /// Collects entries, then flattens them into a table.
    public struct Builder {
        private var values: [Value] = []
        private var ipv4: [IntervalSet<UInt32>.Entry] = []
        private var ipv6: [IntervalSet<UInt128>.Entry] = []

        /// Creates an empty builder.
        public init() {}

        /// Reserves room for `count` entries.
        public mutating func reserveCapacity(_ count: Int) {
            values.reserveCapacity(count)
            ipv4.reserveCapacity(count)
        }

        /// Adds a prefix. A prefix added twice keeps the value added last.
        public mutating func insert(_ prefix: IPPrefix, value: Value) {
            insert(IPAddressRange(prefix), value: value)
        }

        /// Adds an address range (a delegation block need not be a prefix). Ranges nest like prefixes:
        /// a smaller range inside a larger one is the more specific. Partly overlapping ranges are
        /// not expected; where they occur the later-starting range wins where both apply.
        public mutating func insert(_ range: IPAddressRange, value: Value) {
            let index = Int32(values.count)
            values.append(value)
            switch (range.first, range.last) {
            case (.v4(let first), .v4(let last)):
                ipv4.append(.init(first: first, last: last, valueIndex: index))
            case (.v6(let first), .v6(let last)):
                ipv6.append(.init(first: first, last: last, valueIndex: index))
            default:
                break
            }
        }

        /// The number of entries added.
        public var count: Int { values.count }

        /// Flattens the entries into a lookup table.
        public func build() -> PrefixTable {
            PrefixTable(values: values, ipv4: IntervalSet(flattening: ipv4), ipv6: IntervalSet(flattening: ipv6))
        }
    }
}

extension PrefixTable where Value: Equatable {
    /// What the covered parts of a range hold.
    public enum Coverage: Equatable, Sendable {
        /// No part of the range is covered.
        case uncovered
        /// Every covered part has this value (parts not covered are left out).
        case uniform(Value)
        /// Covered parts have different values.
        case mixed
    }

    /// What the covered parts of `range` hold. A routed prefix often spans several adjoining
    /// delegation blocks of one country, or none: this answers both without building the list of
    /// pieces that `overlaps(with:)` gives.
    @inlinable
    public func coverage(of range: IPAddressRange) -> Coverage {
        switch (range.first, range.last) {
        case (.v4(let first), .v4(let last)):
            // Intervals before the one just ahead of the first address's /16 end before it, and
            // those from the first one after the last address's /16 on start after it.
            let lower = max(0, Int(ipv4Index[Int(first >> 16)]) - 1)
            let upper = Int(ipv4Index[Int(last >> 16) + 1])
            return coverage(in: ipv4, first: first, last: last, within: lower..<upper)
        case (.v6(let first), .v6(let last)):
            return coverage(in: ipv6, first: first, last: last, within: 0..<ipv6.starts.count)
        default:
            return .uncovered
        }
    }

    @inlinable
    func coverage<Address>(in set: IntervalSet<Address>, first: Address, last: Address, within bounds: Range<Int>) -> Coverage {
        // The first interval ending at or after `first` (the intervals are disjoint and sorted, so
        // their ends are sorted too).
        var low = bounds.lowerBound, high = bounds.upperBound
        while low < high {
            let middle = (low + high) >> 1
            if set.ends[middle] < first { low = middle + 1 } else { high = middle }
        }
        var found: Value?
        var slot = low
        while slot < bounds.upperBound && set.starts[slot] <= last {
            let value = values[Int(set.valueIndices[slot])]
            if let known = found {
                if known != value { return .mixed }
            } else {
                found = value
            }
            slot += 1
        }
        return found.map { .uniform($0) } ?? .uncovered
    }
}
