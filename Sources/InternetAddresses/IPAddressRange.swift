/// An inclusive range of addresses of one family, such as an RIR delegation block.
public struct IPAddressRange: Hashable, Sendable {
    /// The first address.
    public let first: IPAddress
    /// The last address (inclusive).
    public let last: IPAddress

    /// Creates a range; nil when the ends differ in family or are out of order.
    public init?(first: IPAddress, last: IPAddress) {
        guard first.family == last.family, first <= last else { return nil }
        self.first = first
        self.last = last
    }

    /// The range a prefix covers.
    public init(_ prefix: IPPrefix) {
        first = prefix.address
        switch prefix.address {
        case .v4(let value):
            let hostBits = 32 - UInt32(prefix.length)
            last = .v4(hostBits == 32 ? UInt32.max : value | ((1 << hostBits) - 1))
        case .v6(let value):
            let hostBits = 128 - UInt128(prefix.length)
            last = .v6(hostBits == 128 ? UInt128.max : value | ((1 << hostBits) - 1))
        }
    }

    /// The address family.
    public var family: AddressFamily { first.family }

    /// How many addresses the range holds, as a Double (IPv6 ranges exceed any integer type but UInt128).
    public var addressCount: Double {
        switch (first, last) {
        case (.v4(let a), .v4(let b)): return Double(b - a) + 1
        case (.v6(let a), .v6(let b)): return Double(b - a) + 1
        default: return 0
        }
    }
}
