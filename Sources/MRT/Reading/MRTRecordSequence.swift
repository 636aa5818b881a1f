extension MRTReader {
    /// The remaining records as an asynchronous sequence: `for try await record in reader.records`.
    ///
    /// Iteration reads the same stream as `next()`; use one or the other.
    public var records: MRTRecordSequence { MRTRecordSequence(reader: self) }
}

/// The records of an `MRTReader`, read one at a time as the sequence is iterated.
public struct MRTRecordSequence: AsyncSequence {
    public typealias Element = MRTRecord
    public typealias Failure = MRTError

    let reader: MRTReader

    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: reader)
    }

    /// Reads the next record from the reader.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = MRTRecord
        public typealias Failure = MRTError

        let reader: MRTReader

        public mutating func next() async throws(MRTError) -> MRTRecord? {
            try reader.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(MRTError) -> MRTRecord? {
            try reader.next()
        }
    }
}
