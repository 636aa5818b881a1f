import Dispatch
import Foundation
import MRT

extension TopologyLoader {
    /// Reads the MRT files into `builder` (empty: the first file's builder takes its place), in the
    /// order given.
    ///
    /// Several files are read at once (`workers` of them), each into a builder of its own, and merged
    /// in the order given as soon as each and those before it are done (`TopologyBuilder.merge`),
    /// so the topology is the same as reading them one after another would make it. A file's
    /// routes move from its builder to the merged one chunk by chunk; each builder's interned
    /// paths and indexes are its own, so memory grows by those of the files read at once.
    static func readMRT(_ inputs: [MRTInput], into builder: inout TopologyBuilder, report: inout Report,
                        progress: ((Progress) -> Void)?, workers: Int) throws {
        guard inputs.count > 1, workers > 1 else {
            for input in inputs {
                builder.beginFile(collector: input.collector)
                let summary = try read(input, into: &builder, progress: progress)
                report.observations += summary.observations
                report.mrt.append(summary)
            }
            return
        }
        let state = ParallelReading(count: inputs.count, progress: progress)
        // The readers stay on Dispatch's pool although they wait for the bzip2 blocks they queue on
        // it (unlike the other waiting work, `DedicatedThread`): each holds a pool thread, leaving
        // the blocks about as many as there are cores less the readers, which the default (one
        // reader per two cores) keeps at half. Past it, on 2 cores with two readers, the blocks had
        // only the threads the pool adds, about one a second: three RIBs of 0.5-2M routes took
        // 5.6-6.1 s against 4.3-5.1 s with the readers on threads of their own; but four of 5M
        // routes took 17.1-17.3 s against 18.7-20.8 s, every block then running at once (35-39 s
        // of CPU against 30 s).
        let group = DispatchGroup()
        for _ in 0..<min(workers, inputs.count) {
            DispatchQueue.global().async(group: group) {
                while let index = state.nextFile() {
                    let outcome = Result { () throws -> (TopologyBuilder, FileSummary) in
                        var partial = TopologyBuilder()
                        partial.beginFile(collector: inputs[index].collector)
                        let summary = try read(inputs[index], into: &partial, progress: state.report)
                        return (partial, summary)
                    }
                    state.finish(index, with: outcome)
                }
            }
        }
        defer {
            // Nothing is left reading when this returns, even after an error.
            state.cancel()
            group.wait()
        }
        for index in inputs.indices {
            let (partial, summary) = try state.take(index).get()
            if index == 0 {
                builder = partial
            } else {
                builder.merge(consume partial)
            }
            report.observations += summary.observations
            report.mrt.append(summary)
        }
    }

    /// Reads one MRT file into `builder` (whose current file is already begun).
    static func read(_ input: MRTInput, into builder: inout TopologyBuilder, progress: ((Progress) -> Void)?) throws -> FileSummary {
        let path = input.path
        let reader = try MRTReader(path: path)
        var summary = FileSummary(file: path)
        var batch = RouteBatch()
        try reader.forEachPathObservation { observation in
            if let hash = batch.append(observation) {
                builder.prefetchRawPath(hash: hash)
            } else {
                // Anything else keeps its place: the routes gathered before it go first.
                builder.add(batch)
                batch.removeAll()
                builder.add(observation)
            }
            if batch.isFull {
                builder.add(batch)
                batch.removeAll()
            }
            summary.observations += 1
            if summary.observations & 0xFFFF == 0, let progress {
                progress(Progress(stage: .readingMRT(file: path), bytesRead: reader.fileOffset, bytesTotal: reader.fileSize, items: summary.observations))
            }
        }
        builder.add(batch)
        progress?(Progress(stage: .readingMRT(file: path), bytesRead: reader.fileOffset, bytesTotal: reader.fileSize, items: summary.observations))
        summary.recoveryLines = reader.report.recoveryLines
        summary.firstRecordTime = reader.report.firstTimestamp
        summary.lastRecordTime = reader.report.lastTimestamp
        try reader.requireRecords()
        if summary.observations == 0, !summary.recoveryLines.isEmpty {
            // Recovery that leaves nothing at all means the file is not what it claims to be.
            throw TopologyLoadError(file: path, message: "no route could be read (\(summary.recoveryLines.joined(separator: "; ")))")
        }
        return summary
    }
}

/// The files of one parallel read: which is next, each one's result as it arrives, and progress
/// reports passed on one at a time.
///
/// `@unchecked Sendable`: every stored property is read and written under `lock`; the progress
/// handler, which need not be thread-safe, is only called with the lock held.
private final class ParallelReading: @unchecked Sendable {
    private let lock = NSCondition()
    private var next = 0
    private var cancelled = false
    private var results: [Result<(TopologyBuilder, TopologyLoader.FileSummary), any Error>?]
    private let progress: ((TopologyLoader.Progress) -> Void)?

    init(count: Int, progress: ((TopologyLoader.Progress) -> Void)?) {
        results = Array(repeating: nil, count: count)
        self.progress = progress
    }

    /// The next file to read, or nil when every file is taken or reading was called off.
    func nextFile() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled, next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ index: Int, with result: Result<(TopologyBuilder, TopologyLoader.FileSummary), any Error>) {
        lock.lock()
        results[index] = result
        lock.broadcast()
        lock.unlock()
    }

    /// File `index`'s result, waiting until it is there; it is released from here.
    func take(_ index: Int) -> Result<(TopologyBuilder, TopologyLoader.FileSummary), any Error> {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let result = results[index] {
                results[index] = nil
                return result
            }
            lock.wait()
        }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    func report(_ value: TopologyLoader.Progress) {
        guard let progress else { return }
        lock.lock()
        progress(value)
        lock.unlock()
    }
}
