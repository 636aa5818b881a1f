/// How far a long step of preparing an analysis has got, for progress displays.
public struct PipelineEvent: Sendable {
    /// What is being done, such as "reading rib.20140530.2200.bz2".
    public var step: String
    /// Units done so far: bytes when `total` counts bytes, else items.
    public var done: Int64
    /// Units in all, when known.
    public var total: Int64?
    /// Items (routes, entries, countries) done so far.
    public var items: Int
    /// What the items are, such as "routes".
    public var itemName: String
    /// Whether the step has finished.
    public var isFinished: Bool

    /// Creates an event.
    public init(step: String, done: Int64, total: Int64?, items: Int, itemName: String, isFinished: Bool = false) {
        self.step = step
        self.done = done
        self.total = total
        self.items = items
        self.itemName = itemName
        self.isFinished = isFinished
    }
}
