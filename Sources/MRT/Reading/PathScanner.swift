import InternetAddresses

/// The fast path: reads TABLE_DUMP_V2 RIB entries and BGP4MP updates straight from the record
/// bytes, decoding only AS_PATH, AS4_PATH and the NLRI, into reusable scratch buffers.
struct PathScanner {
    private var asns: UnsafeMutableBufferPointer<UInt32>
    private var segments: UnsafeMutableBufferPointer<ASPathView.Segment>
    private var as4ASNs: UnsafeMutableBufferPointer<UInt32>
    private var as4Segments: UnsafeMutableBufferPointer<ASPathView.Segment>
    private var asnCount = 0
    private var segmentCount = 0

    init() {
        // Grown by `reserve` before each path is decoded, to what the attribute's length allows;
        // real paths fit these.
        asns = .allocate(capacity: 256)
        segments = .allocate(capacity: 256)
        as4ASNs = .allocate(capacity: 256)
        as4Segments = .allocate(capacity: 256)
    }

    /// Makes `buffer` hold at least `count` elements (its contents are not kept).
    private static func reserve<Element>(_ buffer: inout UnsafeMutableBufferPointer<Element>, _ count: Int) {
        guard buffer.count < count else { return }
        buffer.deallocate()
        buffer = .allocate(capacity: max(count, buffer.count * 2))
    }

    func deallocate() {
        asns.deallocate()
        segments.deallocate()
        as4ASNs.deallocate()
        as4Segments.deallocate()
    }

    private var view: ASPathView {
        ASPathView(asns: UnsafeBufferPointer(rebasing: asns[0..<asnCount]),
                   segments: UnsafeBufferPointer(rebasing: segments[0..<segmentCount]))
    }

    private var emptyView: ASPathView {
        ASPathView(asns: UnsafeBufferPointer(rebasing: asns[0..<0]), segments: UnsafeBufferPointer(rebasing: segments[0..<0]))
    }

    /// Where the interesting attributes sit inside an attribute block.
    private struct AttributeLocations {
        var asPath: ByteCursor?
        var as4Path: ByteCursor?
        var reach: ByteCursor?
        var unreach: ByteCursor?
    }

    private func locate(_ block: inout ByteCursor) throws(DecodingFailure) -> AttributeLocations {
        var found = AttributeLocations()
        while !block.isAtEnd {
            let flags = try block.readUInt8("attribute flags")
            let type = try block.readUInt8("attribute type")
            let length = flags & 0x10 != 0 ? Int(try block.readUInt16("attribute length")) : Int(try block.readUInt8("attribute length"))
            let value = try block.subcursor(length, "attribute \(type) value")
            switch type {
            case 2: found.asPath = value
            case 17: found.as4Path = value
            case 14: found.reach = value
            case 15: found.unreach = value
            default: break
            }
        }
        return found
    }

    /// Decodes an AS path into the main buffers (or the AS4 ones); returns false if malformed.
    private func decodePath(_ value: ByteCursor, asnSize: Int, intoAS4: Bool,
                                     count: inout Int, segmentTotal: inout Int) -> Bool {
        let target = intoAS4 ? as4ASNs : asns
        let targetSegments = intoAS4 ? as4Segments : segments
        count = 0
        segmentTotal = 0
        let bytes = value.rest
        var position = 0
        while position < bytes.count {
            guard position + 2 <= bytes.count else { return false }
            let kindCode = bytes[position]
            let length = Int(bytes[position + 1])
            position += 2
            guard let kind = ASPathSegment.Kind(rawValue: kindCode), position + length * asnSize <= bytes.count,
                  count + length <= target.count else { return false }
            for _ in 0..<length {
                if asnSize == 4 {
                    target[count] = UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
                        | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
                } else {
                    target[count] = UInt32(bytes[position]) << 8 | UInt32(bytes[position + 1])
                }
                position += asnSize
                count += 1
            }
            targetSegments[segmentTotal] = ASPathView.Segment(kind: kind, count: length)
            segmentTotal += 1
        }
        return true
    }

    /// Sets the scratch path from the located attributes, merging AS4_PATH on 2-byte sessions.
    private mutating func loadPath(_ found: AttributeLocations, asnSize: Int, notes: inout DecodingNotes) {
        asnCount = 0
        segmentCount = 0
        guard let asPath = found.asPath else { return }
        // A segment takes at least 2 bytes and an AS number at least asnSize; the AS4_PATH merge
        // writes at most both paths' AS numbers into the main buffers.
        let as4Bytes = found.as4Path?.remaining ?? 0
        Self.reserve(&asns, asPath.remaining / asnSize + as4Bytes / 4)
        Self.reserve(&segments, asPath.remaining / 2 + as4Bytes / 2)
        Self.reserve(&as4ASNs, as4Bytes / 4)
        Self.reserve(&as4Segments, as4Bytes / 2)
        var mainCount = 0, mainSegments = 0
        guard decodePath(asPath, asnSize: asnSize, intoAS4: false, count: &mainCount, segmentTotal: &mainSegments) else {
            notes.malformedASPaths += 1
            return
        }
        asnCount = mainCount
        segmentCount = mainSegments
        guard asnSize == 2, let as4 = found.as4Path else { return }
        var as4Count = 0, as4SegmentCount = 0
        guard decodePath(as4, asnSize: 4, intoAS4: true, count: &as4Count, segmentTotal: &as4SegmentCount) else {
            notes.malformedASPaths += 1
            return
        }
        let routeCount = Self.routeCount(segments, segmentCount)
        let as4RouteCount = Self.routeCount(as4Segments, as4SegmentCount)
        var keep = routeCount - as4RouteCount
        guard keep >= 0 else { return }
        // Keep the leading part of AS_PATH that AS4_PATH does not cover, then append AS4_PATH.
        var newASNs = 0, newSegments = 0, source = 0
        for index in 0..<segmentCount where keep > 0 {
            let segment = segments[index]
            let isSet = segment.kind == .set || segment.kind == .confedSet
            let taken = isSet ? segment.count : min(segment.count, keep)
            for offset in 0..<taken { asns[newASNs + offset] = asns[source + offset] }
            segments[newSegments] = ASPathView.Segment(kind: segment.kind, count: taken)
            newSegments += 1
            newASNs += taken
            source += segment.count
            keep -= isSet ? 1 : taken
        }
        for index in 0..<as4Count { asns[newASNs + index] = as4ASNs[index] }
        for index in 0..<as4SegmentCount { segments[newSegments + index] = as4Segments[index] }
        asnCount = newASNs + as4Count
        segmentCount = newSegments + as4SegmentCount
    }

    private static func routeCount(_ segments: UnsafeMutableBufferPointer<ASPathView.Segment>, _ count: Int) -> Int {
        var total = 0
        for index in 0..<count {
            let segment = segments[index]
            total += segment.kind == .set || segment.kind == .confedSet ? 1 : segment.count
        }
        return total
    }

    /// Scans a TABLE_DUMP_V2 RIB record body (the fixed-family and add-path subtypes).
    mutating func scanRIB(_ body: UnsafeRawBufferPointer, subtype: UInt16, timestamp: UInt32, peers: [PeerIndexTable.Peer],
                          notes: inout DecodingNotes, _ emit: (PathObservation) -> Void) throws(DecodingFailure) {
        var cursor = ByteCursor(body)
        let family: AddressFamily = [2, 3, 8, 9].contains(subtype) ? .ipv4 : .ipv6
        let isAddPath = subtype >= 8
        try cursor.skip(4, "sequence number")
        let length = try cursor.readUInt8("prefix length")
        let prefix = try cursor.readPrefix(family: family, length: length, notes: &notes, "RIB prefix")
        let count = Int(try cursor.readUInt16("entry count"))
        for index in 0..<count {
            let peerIndex = Int(try cursor.readUInt16("entry \(index) peer index"))
            guard peerIndex < peers.count else {
                throw DecodingFailure(offset: cursor.position - 2,
                                      message: "RIB entry refers to peer \(peerIndex) but the peer index table has \(peers.count) peers")
            }
            try cursor.skip(4, "entry \(index) originated time")
            let pathID = isAddPath ? try cursor.readUInt32("entry \(index) path identifier") : nil
            let attributeLength = Int(try cursor.readUInt16("entry \(index) attribute length"))
            var block = try cursor.subcursor(attributeLength, "entry \(index) attributes")
            let found = try locate(&block)
            loadPath(found, asnSize: 4, notes: &notes)
            let peer = peers[peerIndex]
            emit(PathObservation(kind: .rib, timestamp: timestamp, peerAddress: peer.address, peerAS: peer.asn,
                                 prefix: prefix, pathID: pathID, path: view))
        }
    }

    /// Scans a BGP4MP message record body; other BGP messages than UPDATE yield nothing.
    mutating func scanBGP4MPMessage(_ body: UnsafeRawBufferPointer, subtype: UInt16, timestamp: UInt32,
                                    notes: inout DecodingNotes, _ emit: (PathObservation) -> Void) throws(DecodingFailure) {
        var cursor = ByteCursor(body)
        let asnSize = [4, 7, 9, 11].contains(subtype) ? 4 : 2
        let isAddPath = subtype >= 8
        let peerAS = try cursor.readASN(size: asnSize, "peer AS")
        try cursor.skip(asnSize + 2, "local AS and interface index")
        let afi = try cursor.readUInt16("address family")
        guard let family = AddressFamily(rawValue: afi) else {
            // Zebra's address-less OPEN records, and anything else without an address family, carry no routes.
            if afi == 0xFFFF { return }
            throw DecodingFailure(offset: cursor.position - 2, message: "unknown address family \(afi)")
        }
        let peerAddress = try cursor.readAddress(family, "peer address")
        try cursor.skip(family.addressSize + 16, "local address and BGP marker")
        let messageLength = Int(try cursor.readUInt16("BGP message length"))
        guard messageLength >= 19 else {
            throw DecodingFailure(offset: cursor.position - 2, message: "BGP message length \(messageLength) is under 19")
        }
        guard try cursor.readUInt8("BGP message type") == 2 else { return }
        var message: ByteCursor
        if messageLength - 19 > cursor.remaining {
            notes.truncatedMessages += 1
            message = try cursor.subcursor(cursor.remaining, "BGP message")
        } else {
            message = try cursor.subcursor(messageLength - 19, "BGP message")
        }
        try scanUpdate(&message, asnSize: asnSize, isAddPath: isAddPath, timestamp: timestamp, peerAddress: peerAddress,
                       peerAS: peerAS, notes: &notes, emit)
    }

    private mutating func scanUpdate(_ message: inout ByteCursor, asnSize: Int, isAddPath: Bool, timestamp: UInt32,
                                     peerAddress: IPAddress, peerAS: UInt32, notes: inout DecodingNotes,
                                     _ emit: (PathObservation) -> Void) throws(DecodingFailure) {
        let withdrawnLength = Int(try message.readUInt16("withdrawn routes length"))
        var withdrawn = try message.subcursor(withdrawnLength, "withdrawn routes")
        let attributeLength = Int(try message.readUInt16("path attribute length"))
        var block = try message.subcursor(attributeLength, "path attributes")
        let found = try locate(&block)
        let empty = emptyView
        func each(_ cursor: inout ByteCursor, _ family: AddressFamily, _ kind: RouteElement.Kind,
                  _ path: ASPathView, _ notes: inout DecodingNotes) throws(DecodingFailure) {
            let addPath = isAddPath || NLRILayout.needsAddPath(cursor.rest, family: family, notes: &notes)
            while !cursor.isAtEnd {
                let pathID = addPath ? try cursor.readUInt32("path identifier") : nil
                let length = try cursor.readUInt8("prefix length")
                if (Int(length) + 7) / 8 > cursor.remaining && length <= family.maximumPrefixLength {
                    notes.truncatedPrefixes += 1
                    return
                }
                let prefix = try cursor.readPrefix(family: family, length: length, notes: &notes, "NLRI prefix")
                emit(PathObservation(kind: kind, timestamp: timestamp, peerAddress: peerAddress, peerAS: peerAS,
                                     prefix: prefix, pathID: pathID, path: path))
            }
        }
        try each(&withdrawn, .ipv4, .withdrawal, empty, &notes)
        if var unreach = found.unreach {
            let afi = try unreach.readUInt16("MP_UNREACH AFI")
            let safi = try unreach.readUInt8("MP_UNREACH SAFI")
            if let family = AddressFamily(rawValue: afi), safi <= 3 {
                try each(&unreach, family, .withdrawal, empty, &notes)
            } else {
                notes.otherFamilyAttributes += 1
            }
        }
        loadPath(found, asnSize: asnSize, notes: &notes)
        let path = view
        try each(&message, .ipv4, .announcement, path, &notes)
        if var reach = found.reach {
            let afi = try reach.readUInt16("MP_REACH AFI")
            let safi = try reach.readUInt8("MP_REACH SAFI")
            let nextHopLength = Int(try reach.readUInt8("MP_REACH next-hop length"))
            try reach.skip(nextHopLength, "MP_REACH next hop")
            let snpaCount = try reach.readUInt8("MP_REACH SNPA count")
            for _ in 0..<snpaCount {
                try reach.skip((Int(try reach.readUInt8("SNPA length")) + 1) / 2, "SNPA")
            }
            if let family = AddressFamily(rawValue: afi), safi <= 3 {
                try each(&reach, family, .announcement, path, &notes)
            } else {
                notes.otherFamilyAttributes += 1
            }
        }
    }

    /// Emits the routes of a record decoded the typed way (the rarer record types).
    mutating func emitTyped(_ record: MRTRecord, peers: PeerIndexTable?, _ emit: (PathObservation) -> Void) {
        for element in RouteElement.elements(of: record, peers: peers) {
            asnCount = 0
            segmentCount = 0
            let pathSegments = element.asPath?.segments ?? []
            Self.reserve(&asns, pathSegments.reduce(0) { $0 + $1.asns.count })
            Self.reserve(&segments, pathSegments.count)
            for segment in pathSegments {
                for asn in segment.asns {
                    asns[asnCount] = asn
                    asnCount += 1
                }
                segments[segmentCount] = ASPathView.Segment(kind: segment.kind, count: segment.asns.count)
                segmentCount += 1
            }
            emit(PathObservation(kind: element.kind, timestamp: element.timestamp, peerAddress: element.peerAddress,
                                 peerAS: element.peerAS, prefix: element.prefix, pathID: element.pathID, path: view))
        }
    }
}
