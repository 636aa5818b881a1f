import InternetAddresses

extension TopologyBuilder {
    /// Writes what reading gave, before any building, for `TopologyShard`: ASes, cleaned paths,
    /// prefixes and origins, vantage points and their routes read, the runs and the routes,
    /// path hygiene's counts. The raw-path cache and the indexes are left out: they are rebuilt.
    func encode(into writer: inout SnapshotWriter) {
        writer.write(asns)
        writer.write(paths.elements)
        writer.write(paths.starts)
        writer.write(UInt64(prefixes.count))
        for prefix in prefixes {
            TopologySnapshot.encode(prefix.address, into: &writer)
            writer.write(prefix.length)
        }
        TopologySnapshot.writeJagged(prefixOrigins, into: &writer)
        writer.write(UInt64(vantagePoints.count))
        for (index, point) in vantagePoints.enumerated() {
            writer.write(point.collector)
            TopologySnapshot.encode(point.peerAddress, into: &writer)
            writer.write(point.peerAS)
            writer.write(UInt64(routesRead[index]))
        }
        writer.write(runPrefixes)
        writer.write(runStarts.map { UInt64($0) })
        // Chunk by chunk, as held: a shard of a full table is written without a second copy.
        var chunks = 0
        routes.forEachChunk { _, _ in chunks += 1 }
        writer.write(UInt64(chunks))
        routes.forEachChunk { points, routePaths in
            writer.write(points)
            writer.write(routePaths)
        }
        TopologySnapshot.write(hygiene, into: &writer)
    }

    /// A builder holding what `encode` wrote, with every id and index checked, ready to merge;
    /// the routes that follow belong to `collector`.
    static func decode(from reader: inout SnapshotReader, collector: String) throws(SnapshotReader.Damaged) -> TopologyBuilder {
        var builder = TopologyBuilder()
        builder.beginFile(collector: collector)
        let asns = try reader.readArray(UInt32.self)
        for asn in asns where builder.node(asn) != Int32(builder.asns.count - 1) {
            throw .init(offset: reader.offset)  // an AS listed twice
        }
        let elements = try reader.readArray(Int32.self)
        let starts = try reader.readArray(Int32.self)
        guard starts.first == 0, starts.last.map(Int.init) == elements.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }),
              elements.allSatisfy({ $0 >= 0 && Int($0) < asns.count }) else { throw .init(offset: reader.offset) }
        for index in 0..<(starts.count - 1) {
            let (id, inserted) = elements[Int(starts[index])..<Int(starts[index + 1])].withUnsafeBufferPointer { builder.paths.intern($0) }
            guard inserted, Int(id) == index else { throw .init(offset: reader.offset) }
            builder.entryNodes.insert(elements[Int(starts[index])])
        }
        for _ in 0..<(try reader.count(elementSize: 6)) {
            let address = try TopologySnapshot.decodeAddress(from: &reader)
            let length = try reader.read(UInt8.self)
            guard length <= address.family.maximumPrefixLength else { throw .init(offset: reader.offset) }
            let prefix = IPPrefix(address: address, length: length)
            guard Int(builder.prefixID(prefix)) == builder.prefixes.count - 1 else { throw .init(offset: reader.offset) }
        }
        let origins = try TopologySnapshot.readJagged(from: &reader)
        guard origins.count == builder.prefixes.count, origins.allSatisfy({ $0.allSatisfy { $0 >= 0 && Int($0) < asns.count } }) else {
            throw .init(offset: reader.offset)
        }
        builder.prefixOrigins = origins
        for _ in 0..<(try reader.count(elementSize: 8 + 5 + 4 + 8)) {
            let pointCollector = try reader.readString()
            let address = try TopologySnapshot.decodeAddress(from: &reader)
            let point = VantagePoint(collector: pointCollector, peerAddress: address, peerAS: try reader.read(UInt32.self))
            let id = builder.vantagePointID(point)
            guard id == builder.vantagePoints.count - 1 else { throw .init(offset: reader.offset) }
            builder.routesRead[id] = try reader.readInt()
        }
        let runPrefixes = try reader.readArray(Int32.self)
        let runStarts = try reader.readArray(UInt64.self)
        let pathCount = starts.count - 1
        for _ in 0..<(try reader.count(elementSize: 16)) {
            let points = try reader.readArray(UInt16.self)
            let routePaths = try reader.readArray(UInt32.self)
            guard points.count == routePaths.count, points.allSatisfy({ Int($0) < builder.vantagePoints.count }),
                  routePaths.allSatisfy({ Int($0) < pathCount }) else { throw .init(offset: reader.offset) }
            for index in points.indices { builder.routes.append(vantagePoint: points[index], path: routePaths[index]) }
        }
        let routeCount = builder.routes.count
        guard runStarts.count == runPrefixes.count, runPrefixes.allSatisfy({ $0 >= 0 && Int($0) < builder.prefixes.count }),
              runStarts.first.map({ $0 == 0 }) ?? (routeCount == 0), runStarts.last.map({ Int($0) < routeCount }) ?? true,
              zip(runStarts, runStarts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .init(offset: reader.offset)
        }
        builder.runPrefixes = runPrefixes
        builder.runStarts = runStarts.map { Int($0) }
        builder.runsInOrder = zip(runPrefixes, runPrefixes.dropFirst()).allSatisfy { $0 < $1 }
        builder.hygiene = try TopologySnapshot.readHygiene(from: &reader)
        return builder
    }
}
