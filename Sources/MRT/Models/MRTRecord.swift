/// One decoded MRT record.
public struct MRTRecord: Hashable, Sendable {
    /// The record header.
    public var header: MRTHeader
    /// The decoded body.
    public var body: Body
    /// The record's position in the file, counting from 0.
    public var index: Int
    /// The byte offset of the record header in the decompressed stream.
    public var offset: Int64

    /// Creates a record.
    public init(header: MRTHeader, body: Body, index: Int, offset: Int64) {
        self.header = header
        self.body = body
        self.index = index
        self.offset = offset
    }

    /// The record bodies this package decodes.
    public enum Body: Hashable, Sendable {
        /// TABLE_DUMP: RIB entries of one view (several per record in some 1999-2000 RIS dumps).
        case tableDump(TableDumpRecord)
        /// TABLE_DUMP_V2 PEER_INDEX_TABLE.
        case peerIndexTable(PeerIndexTable)
        /// TABLE_DUMP_V2 RIB record: one prefix, one entry per peer.
        case rib(RIBRecord)
        /// BGP4MP or BGP4MP_ET message.
        case bgp4mpMessage(BGP4MPMessage)
        /// BGP4MP ENTRY: one RIB route (OpenBGPD `table-mp` dumps).
        case bgp4mpEntry(BGP4MPEntry)
        /// BGP4MP or BGP4MP_ET state change.
        case bgp4mpStateChange(BGP4MPStateChange)
        /// The deprecated type 5 (BGP) records of early MRTd dumps.
        case legacyBGP(LegacyBGPRecord)
    }
}
