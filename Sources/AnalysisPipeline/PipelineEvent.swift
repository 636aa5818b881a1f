/// How far a long step of preparing an analysis has got, for progress displays. A new `step`
/// ends the previous one.
public struct PipelineEvent: Sendable {
    /// What is being done, such as "reading rib.20140530.2200.bz2".
    public var step: String
    /// Bytes done so far when `total` is given, else items.
    public var done: Int64
    /// Bytes in all, when known.
    public var total: Int64?
    /// Items (routes, entries) done so far.
    public var items: Int
    /// What the items are, such as "routes"; nil when only bytes are counted.
    public var itemName: String?

    /// Creates an event.
    public init(step: String, done: Int64 = 0, total: Int64? = nil, items: Int = 0, itemName: String? = nil) {
        self.step = step
        self.done = done
        self.total = total
        self.items = items
        self.itemName = itemName
    }
}
