import MRT

extension TopologyLoader {
    /// Builds the routes each session held at `time`: every update file is read first (as the
    /// replay keeps only the routes updates touch), then each RIB file's routes go to `builder`
    /// unless an update or a session reset overtook them, then the routes the updates left.
    static func replay(_ inputs: [MRTInput], to time: UInt32, into builder: inout TopologyBuilder, report: inout Report,
                       progress: ((Progress) -> Void)?) throws {
        var replay = RouteReplay(time: time)
        var summaries: [Int: FileSummary] = [:]
        for (index, input) in inputs.enumerated() where input.role == .updates {
            summaries[index] = try read(input, progress: progress) { reader, misplaced, count in
                try reader.forEachPathObservation({ observation in
                    guard observation.kind != .rib else {
                        misplaced += 1
                        return
                    }
                    replay.applyUpdate(observation, collector: input.collector)
                    count()
                }, stateChange: { timestamp, change in
                    replay.applyStateChange(change, at: timestamp, collector: input.collector)
                })
            }
        }
        for (index, input) in inputs.enumerated() where input.role == .rib {
            builder.beginFile(collector: input.collector)
            summaries[index] = try read(input, progress: progress) { reader, misplaced, count in
                try reader.forEachPathObservation { observation in
                    guard observation.kind == .rib else {
                        misplaced += 1
                        return
                    }
                    count()
                    if replay.keepsRIBRoute(observation, collector: input.collector) { builder.add(observation) }
                }
            }
        }
        var collector: String?
        replay.forEachRouteFromUpdates { from, observation in
            if from != collector {
                builder.beginFile(collector: from)
                collector = from
            }
            builder.add(observation)
        }
        for index in inputs.indices {
            guard let summary = summaries[index] else { continue }
            report.mrt.append(summary)
            report.observations += summary.observations
        }
        report.replay = replay.report
    }

    /// Reads one file of a replay through `body`, which counts each route it takes and each of
    /// the wrong kind for the file's role (a RIB entry among updates, or the reverse).
    private static func read(
        _ input: MRTInput, progress: ((Progress) -> Void)?,
        _ body: (MRTReader, inout Int, () -> Void) throws -> Void
    ) throws -> FileSummary {
        let reader = try MRTReader(path: input.path)
        var summary = FileSummary(file: input.path)
        var misplaced = 0
        var observations = 0
        try body(reader, &misplaced) {
            observations += 1
            if observations & 0xFFFF == 0, let progress {
                progress(Progress(stage: .readingMRT(file: input.path), bytesRead: reader.fileOffset, bytesTotal: reader.fileSize,
                                  items: observations))
            }
        }
        summary.observations = observations
        summary.recoveryLines = reader.report.recoveryLines
        summary.firstRecordTime = reader.report.firstTimestamp
        summary.lastRecordTime = reader.report.lastTimestamp
        try reader.requireRecords()
        if misplaced > 0 {
            let what = input.role == .rib ? "announcements or withdrawals: give it as updates" : "RIB entries: give it as a RIB"
            throw TopologyLoadError(file: input.path, message: "given as \(input.role == .rib ? "a RIB" : "updates") but holds \(misplaced) \(what)")
        }
        return summary
    }
}
