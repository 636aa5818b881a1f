import Decompression

/// Reads an MRT file record by record, streaming: RouteViews and RIPE RIS RIB dumps and update
/// files, bzip2, gzip or plain.
///
/// ```swift
/// let reader = try MRTReader(path: "rib.20140530.2200.bz2")
/// while let record = try reader.next() {
///     for element in reader.routeElements(of: record) { print(element.prefix) }
/// }
/// print(reader.report)
/// ```
///
/// By default the reader recovers from the damage real archives are known to carry, and counts
/// every recovery in `report`; with `recovers: false` the first problem is thrown instead.
public final class MRTReader {
    private let framer: RecordFramer
    /// The most recent TABLE_DUMP_V2 peer index table, which RIB entries refer to.
    public private(set) var peerIndexTable: PeerIndexTable?
    /// What has been read so far, and what was skipped or recovered.
    public private(set) var report = ReadReport()
    private var notes = DecodingNotes()
    /// The name of the input, as errors give it.
    public var name: String { framer.name }
    private var file: FileByteSource?
    /// How far into the file on disk reading has got, in bytes (of the compressed file when it is compressed).
    public var fileOffset: Int64 { file?.offset ?? 0 }
    /// The size of the file on disk, when known.
    public var fileSize: Int64? { file?.size }

    /// Opens `path` (`"-"` for standard input), detecting compression from its first bytes.
    public convenience init(path: String, recovers: Bool = true) throws(MRTError) {
        do {
            let opened = try InputFile.open(path)
            self.init(source: opened.source, recovers: recovers)
            report.compression = opened.format
            file = opened.file
        } catch {
            throw MRTError(file: path, recordIndex: nil, offset: 0, reason: .input(error))
        }
    }

    /// Reads records from an already decompressed byte source.
    ///
    /// - Parameter bufferCapacity: The framer's starting buffer; it grows to hold the largest record.
    ///   Small inputs (tests, fuzzing) read faster with a small one.
    public init(source: any ByteSource, recovers: Bool = true, bufferCapacity: Int = 4 << 20) {
        framer = RecordFramer(source: source, recovers: recovers, initialCapacity: max(bufferCapacity, 64))
    }

    /// Returns the next record, or nil at the end of the input.
    ///
    /// Records of types this package does not decode are skipped and counted in the report.
    public func next() throws(MRTError) -> MRTRecord? {
        while let framed = try framer.next() {
            report.countRecord(type: framed.header.type, subtype: framed.header.subtype, timestamp: framed.header.timestamp)
            let body: MRTRecord.Body?
            do {
                body = try RecordDecoder.decode(header: framed.header, body: framed.body, notes: &notes)
                if let body {
                    try checkPeers(MRTRecord(header: framed.header, body: body, index: framed.index, offset: framed.offset))
                }
            } catch {
                let failure = MRTError(file: name, recordIndex: framed.index, offset: framed.offset + 12 + Int64(error.offset),
                                       reason: .malformedRecord(error.message))
                guard framer.recovers else { throw failure }
                report.noteCorrupt(failure)
                continue
            }
            guard let body else {
                report.unsupportedRecords += 1
                continue
            }
            if case .peerIndexTable(let table) = body { peerIndexTable = table }
            syncReport()
            return MRTRecord(header: framed.header, body: body, index: framed.index, offset: framed.offset)
        }
        syncReport()
        return nil
    }

    private func syncReport() {
        report.framing = framer.recovery
        report.decoding = notes
    }

    /// Reads every remaining record, calling `body` for each.
    public func forEach(_ body: (MRTRecord) throws -> Void) throws {
        while let record = try next() {
            try body(record)
        }
    }

    /// Reads every remaining route, decoding only what the AS topology needs: the fast path for
    /// full routing tables.
    ///
    /// TABLE_DUMP_V2 RIB records and BGP4MP updates are read straight from their bytes; other record
    /// types go through the typed decoder. Each observation's path is valid only during its call.
    public func forEachPathObservation(_ body: (PathObservation) -> Void) throws(MRTError) {
        try forEachPathObservation(body, stateChange: nil)
    }

    /// Reads every remaining route as `forEachPathObservation(_:)` does, and calls `stateChange`
    /// with each BGP4MP state change and its record's time, in file order among the routes: a
    /// replay of updates needs to know when a session went down. `report` is brought up to date
    /// when reading ends or fails, not record by record.
    public func forEachPathObservation(_ body: (PathObservation) -> Void,
                                       stateChange: ((UInt32, BGP4MPStateChange) -> Void)?) throws(MRTError) {
        var scanner = PathScanner()
        defer { scanner.deallocate() }
        // The counts and notes are kept in locals while the records are read, and handed back when
        // reading ends or fails: as the reader's own properties, around calls to `body`, every
        // record paid for run-time exclusivity checks (2% of `mrt stats` on a one-peer RIB).
        var report = self.report, notes = self.notes
        var peers = peerIndexTable?.peers ?? []
        defer {
            self.report = report
            self.notes = notes
            syncReport()
        }
        while let framed = try framer.next() {
            let header = framed.header
            report.countRecord(type: header.type, subtype: header.subtype, timestamp: header.timestamp)
            do {
                if header.type == .tableDumpV2, [2, 3, 4, 5, 8, 9, 10, 11].contains(header.subtype) {
                    try scanner.scanRIB(framed.body, subtype: header.subtype, timestamp: header.timestamp,
                                        peers: peers, notes: &notes, body)
                    continue
                }
                if header.type == .bgp4mp || header.type == .bgp4mpET, [1, 4, 6, 7, 8, 9, 10, 11].contains(header.subtype) {
                    try scanner.scanBGP4MPMessage(framed.body, subtype: header.subtype, timestamp: header.timestamp,
                                                  notes: &notes, body)
                    continue
                }
                guard let decoded = try RecordDecoder.decode(header: header, body: framed.body, notes: &notes) else {
                    report.unsupportedRecords += 1
                    continue
                }
                if case .peerIndexTable(let table) = decoded {
                    peerIndexTable = table
                    peers = table.peers
                }
                if case .bgp4mpStateChange(let change) = decoded {
                    stateChange?(header.timestamp, change)
                    continue
                }
                let record = MRTRecord(header: header, body: decoded, index: framed.index, offset: framed.offset)
                try checkPeers(record)
                scanner.emitTyped(record, peers: peerIndexTable, body)
            } catch {
                let failure = MRTError(file: name, recordIndex: framed.index, offset: framed.offset + 12 + Int64(error.offset),
                                       reason: .malformedRecord(error.message))
                guard framer.recovers else { throw failure }
                report.noteCorrupt(failure)
            }
        }
    }

    /// Throws when the input has been read to its end and held no record at all: an empty file, or
    /// one whose every byte was skipped as damage, is not an MRT file.
    public func requireRecords() throws(MRTError) {
        guard report.records == 0 else { return }
        throw MRTError(file: name, recordIndex: nil, offset: 0, reason: .nothingRead(recovery: report.recoveryLines))
    }

    /// Rejects RIB entries that name a peer the peer index table lacks.
    private func checkPeers(_ record: MRTRecord) throws(DecodingFailure) {
        guard case .rib(let rib) = record.body else { return }
        let count = peerIndexTable?.peers.count ?? 0
        if let bad = rib.entries.first(where: { Int($0.peerIndex) >= count }) {
            throw DecodingFailure(offset: 0, message: "RIB entry refers to peer \(bad.peerIndex) but the peer index table has \(count) peers")
        }
    }

    /// The routes a record carries, flattened, with RIB peers resolved through the peer index table.
    public func routeElements(of record: MRTRecord) -> [RouteElement] {
        RouteElement.elements(of: record, peers: peerIndexTable)
    }
}
