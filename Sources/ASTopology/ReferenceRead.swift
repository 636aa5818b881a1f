import Dispatch
import InternetAddresses
import ReferenceData
import Synchronization

/// A topology's reference inputs (CAIDA's prefix-to-AS files and AS relationships) read on a
/// thread of their own, started before the routing files and taken after them.
///
/// They do not depend on the routes, and reading them (decompressing and parsing text) took a
/// third of a cold run of a real RIB when it came after the routes; the builder still adds them
/// after the routes, in the same order as before, so the topology does not change.
final class ReferenceRead: Sendable {
    /// What was read: per prefix-to-AS file, its entries' prefixes and their single origins (the
    /// only part the builder keeps), then the relationships.
    struct Contents: Sendable {
        /// One file's entries, in file order.
        struct PrefixOrigins: Sendable {
            var path: String
            /// Every entry read, kept or not.
            var entries = 0
            var prefixes: [IPPrefix] = []
            /// `origins[originEnds[i-1]..<originEnds[i]]` are prefix i's origins.
            var originEnds: [Int] = []
            var origins: [UInt32] = []
        }

        var prefixToAS: [PrefixOrigins] = []
        var relationships: ASRelationships?
    }

    private let outcome = Mutex<Result<Contents, any Error>?>(nil)
    private let cancelled = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `prefixToAS` in order, then `relationships`.
    init(prefixToAS: [String], relationships: String?) {
        guard !prefixToAS.isEmpty || relationships != nil else {
            outcome.withLock { $0 = .success(Contents()) }
            done.signal()
            return
        }
        // A thread of its own: a compressed file's reader may wait on Dispatch's pool (`DedicatedThread`).
        // The outcome is kept here, not as the thread's value, so that `take()` can hand it over
        // and let it go: the thread would hold tens of megabytes of entries to the end.
        _ = DedicatedThread { [self] in
            let result = Result { () throws -> Contents in try read(prefixToAS: prefixToAS, relationships: relationships) }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Waits for the reading to end, and gives what it read or the first error it met; what it
    /// read is given once, and no longer held here.
    func take() throws -> Contents {
        done.wait()
        done.signal()
        return try outcome.withLock { stored in
            defer { if case .success = stored { stored = .success(Contents()) } }
            return stored ?? .success(Contents())
        }.get()
    }

    /// Stops the reading at its next entry (when the routes failed, so nothing is read for nothing),
    /// and waits for it to stop.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        done.wait()
        done.signal()
    }

    private struct Cancelled: Error {}

    private func read(prefixToAS: [String], relationships: String?) throws -> Contents {
        var contents = Contents()
        for path in prefixToAS {
            let file = try PrefixToASFile(path: path)
            var read = Contents.PrefixOrigins(path: path)
            while let entry = try file.next() {
                read.entries += 1
                if read.entries & 0xFFFF == 0, cancelled.load(ordering: .relaxed) { throw Cancelled() }
                let before = read.origins.count
                TopologyBuilder.appendKeptOrigins(of: entry, to: &read.origins)
                // An entry of sets or reserved origins only says nothing of who originates the prefix.
                guard read.origins.count > before else { continue }
                read.prefixes.append(entry.prefix)
                read.originEnds.append(read.origins.count)
            }
            contents.prefixToAS.append(read)
        }
        if let relationships, !cancelled.load(ordering: .relaxed) {
            contents.relationships = try ASRelationships.read(relationships)
        }
        return contents
    }
}
