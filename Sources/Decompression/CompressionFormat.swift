/// The compression of an input, recognised from its first bytes.
public enum CompressionFormat: String, Sendable, Equatable, CustomStringConvertible {
    /// bzip2 (`BZh` followed by a block size digit).
    case bzip2
    /// gzip, possibly several members one after another.
    case gzip
    /// No compression.
    case none

    /// Recognises the format from the first bytes of an input (at least four are needed for bzip2).
    public init(magic: some Collection<UInt8>) {
        let bytes = Array(magic.prefix(4))
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            self = .gzip
        } else if bytes.count >= 4, bytes[0] == 0x42, bytes[1] == 0x5a, bytes[2] == 0x68,
                  (0x31...0x39).contains(bytes[3]) {
            self = .bzip2
        } else {
            self = .none
        }
    }

    public var description: String { rawValue }
}
