import ChokepointTestSupport
import Decompression
import Foundation
import MRT
import Testing


/// Builds MRT records byte by byte, big-endian, for tests worked out by hand.
struct MRTBuilder {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xff)] }
    mutating func u32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    /// Appends a record with a correct length.
    mutating func record(time: UInt32, type: UInt16, subtype: UInt16, body: [UInt8]) {
        u32(time)
        u16(type)
        u16(subtype)
        u32(UInt32(body.count))
        bytes += body
    }

    static func body(_ build: (inout MRTBuilder) -> Void) -> [UInt8] {
        var builder = MRTBuilder()
        build(&builder)
        return builder.bytes
    }

    /// An attribute with flags, type and value.
    static func attribute(_ type: UInt8, _ value: [UInt8], flags: UInt8 = 0x40) -> [UInt8] {
        [flags, type, UInt8(value.count)] + value
    }

    /// An AS_SEQUENCE segment of 4-byte (or 2-byte) AS numbers.
    static func sequence(_ asns: [UInt32], size: Int = 4) -> [UInt8] {
        body { builder in
            builder.u8(2)
            builder.u8(UInt8(asns.count))
            for asn in asns { size == 4 ? builder.u32(asn) : builder.u16(UInt16(asn)) }
        }
    }

    /// A TABLE_DUMP_V2 peer index table with IPv4 peers of 4-byte ASes.
    static func peerIndexTable(_ peers: [(address: UInt32, asn: UInt32)]) -> [UInt8] {
        body { builder in
            builder.u32(0x0a00_0001)
            builder.u16(0)
            builder.u16(UInt16(peers.count))
            for peer in peers {
                builder.u8(2)
                builder.u32(peer.address)
                builder.u32(peer.address)
                builder.u32(peer.asn)
            }
        }
    }

    /// A RIB_IPV4_UNICAST body for one prefix, one entry per (peer index, attributes).
    static func ribIPv4(prefix: [UInt8], length: UInt8, entries: [(peer: UInt16, attributes: [UInt8])]) -> [UInt8] {
        body { builder in
            builder.u32(7)
            builder.u8(length)
            builder.bytes += prefix
            builder.u16(UInt16(entries.count))
            for entry in entries {
                builder.u16(entry.peer)
                builder.u32(1_400_000_000)
                builder.u16(UInt16(entry.attributes.count))
                builder.bytes += entry.attributes
            }
        }
    }
}

extension MRTReader {
    /// Every record, read to the end.
    func readAll() throws -> [MRTRecord] {
        var records: [MRTRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}
