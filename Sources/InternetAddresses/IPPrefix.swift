/// An IP prefix: an address with the host bits cleared, and a length.
public struct IPPrefix: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The network address; bits past `length` are zero.
    public let address: IPAddress
    /// The prefix length in bits.
    public let length: UInt8

    /// Creates a prefix, clearing any host bits of `address` past `length`.
    ///
    /// - Precondition: `length` is at most 32 for IPv4 and 128 for IPv6; decoders check this first.
    public init(address: IPAddress, length: UInt8) {
        switch address {
        case .v4(let value):
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - UInt32(min(length, 32)))
            self.address = .v4(value & mask)
        case .v6(let value):
            let mask: UInt128 = length == 0 ? 0 : ~UInt128(0) << (128 - UInt128(min(length, 128)))
            self.address = .v6(value & mask)
        }
        self.length = length
    }

    /// The address family.
    public var family: AddressFamily { address.family }

    /// How many /24 (IPv4) or /48 (IPv6) blocks the prefix spans, as a fraction for longer prefixes.
    public var slash24Equivalents: Double {
        switch address {
        case .v4: return Double(sign: .plus, exponent: 24 - Int(length), significand: 1)
        case .v6: return Double(sign: .plus, exponent: 48 - Int(length), significand: 1)
        }
    }

    public var description: String { "\(address)/\(length)" }

    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        (lhs.address, lhs.length) < (rhs.address, rhs.length)
    }
}
