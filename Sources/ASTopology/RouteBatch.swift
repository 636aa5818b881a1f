import InternetAddresses
import MRT

/// Routes whose path is one plain AS sequence, gathered while a file is read and added to a
/// builder together (`TopologyBuilder.add(_:)`), in the order read.
///
/// Most routes of a full table carry a path seen long before, so each route's lookup in the table
/// of distinct raw paths missed the cache two to four times, one miss after another (37% of a
/// P=120 load). Gathered, a batch's lookups are asked into the cache in stages (each path's slot as
/// it is read, then the entries the slots name, then their elements) and wait on memory together.
public struct RouteBatch {
    /// How many routes a batch holds before it is added.
    public static let capacity = 32

    var peerAS: [UInt32] = []
    var peerAddresses: [IPAddress] = []
    var prefixes: [IPPrefix] = []
    var hashes: [UInt64] = []
    /// `asns[ends[i-1]..<ends[i]]` is route i's path.
    var ends: [Int] = []
    var asns: [UInt32] = []

    /// An empty batch.
    public init() {
        peerAS.reserveCapacity(Self.capacity)
        peerAddresses.reserveCapacity(Self.capacity)
        prefixes.reserveCapacity(Self.capacity)
        hashes.reserveCapacity(Self.capacity)
        ends.reserveCapacity(Self.capacity)
    }

    /// The routes held.
    public var count: Int { hashes.count }

    /// Whether the batch is to be added now.
    public var isFull: Bool { hashes.count >= Self.capacity }

    /// Takes `observation` when it is a route over a plain AS sequence, and gives its path's hash
    /// (for `TopologyBuilder.prefetchRawPath(hash:)`), or takes a withdrawal (which carries no
    /// path, and which the builder ignores) and gives 0; gives nil (taking nothing) for any other
    /// observation, which the caller adds itself once this batch is added.
    public mutating func append(_ observation: PathObservation) -> UInt64? {
        if observation.kind == .withdrawal { return 0 }
        guard observation.path.isPlainSequence else { return nil }
        let path = observation.path.asns
        let hash = SequenceInterner<UInt32>.hash(path)
        peerAS.append(observation.peerAS)
        peerAddresses.append(observation.peerAddress)
        prefixes.append(observation.prefix)
        hashes.append(hash)
        asns.append(contentsOf: path)
        ends.append(asns.count)
        return hash
    }

    /// Empties the batch, keeping its storage.
    public mutating func removeAll() {
        peerAS.removeAll(keepingCapacity: true)
        peerAddresses.removeAll(keepingCapacity: true)
        prefixes.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        asns.removeAll(keepingCapacity: true)
    }
}
