import Decompression

/// An error reading an MRT file: the file, the record, the byte offset, and what was wrong.
public struct MRTError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Equatable {
        /// Reading or decompressing the file failed.
        case input(InputError)
        /// The file ends inside a record header.
        case truncatedHeader(available: Int)
        /// The file ends inside a record body.
        case truncatedRecord(declaredLength: UInt32, available: Int)
        /// A header that cannot be an MRT header (unknown type or impossible length).
        case implausibleHeader(type: UInt16, subtype: UInt16, length: UInt32)
        /// A record body that does not decode; the message says which field and why.
        case malformedRecord(String)
        /// A TABLE_DUMP_V2 RIB entry names a peer the peer index table does not have.
        case unknownPeerIndex(UInt16, peerCount: Int)
        /// The whole input yielded no record; carries what recovery skipped, if anything.
        case nothingRead(recovery: [String])
    }

    /// The input's name, normally its path.
    public var file: String
    /// The index of the record (from 0), when the error is inside one.
    public var recordIndex: Int?
    /// The byte offset in the decompressed stream.
    public var offset: Int64
    /// What was wrong.
    public var reason: Reason

    /// Creates an error.
    public init(file: String, recordIndex: Int?, offset: Int64, reason: Reason) {
        self.file = file
        self.recordIndex = recordIndex
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        if case .input(let error) = reason { return error.description }
        if case .nothingRead(let recovery) = reason {
            let skipped = recovery.isEmpty ? "" : " (\(recovery.joined(separator: "; ")))"
            return "\(file): no MRT record could be read\(skipped)"
        }
        var text = file
        if let recordIndex { text += ": record \(recordIndex)" }
        text += ": byte \(offset): "
        switch reason {
        case .input(let error):
            text += error.reasonDescription
        case .truncatedHeader(let available):
            text += "file ends inside a record header (\(available) of 12 bytes)"
        case .truncatedRecord(let declared, let available):
            text += "file ends inside a record (\(available) of \(declared) bytes)"
        case .implausibleHeader(let type, let subtype, let length):
            text += "not an MRT record header (type \(type), subtype \(subtype), length \(length))"
        case .malformedRecord(let message):
            text += message
        case .unknownPeerIndex(let index, let count):
            text += "RIB entry refers to peer \(index) but the peer index table has \(count) peers"
        case .nothingRead:
            break
        }
        return text
    }
}
