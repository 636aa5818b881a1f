/// The trimmed mean IHR's AS hegemony uses: the values of all witnesses, the highest and lowest
/// `fraction` of them dropped, the rest averaged. A witness that lies, or sits somewhere odd, then
/// moves nothing once there are ten or more witnesses.
public struct TrimmedMean: Sendable, Hashable {
    /// The share of witnesses dropped at each end, 0 to under 0.5.
    public var fraction: Double

    /// Creates the aggregate; 0.1 drops the top and bottom 10%.
    public init(fraction: Double = 0.1) {
        self.fraction = min(max(fraction, 0), 0.49)
    }

    /// How many values each end drops out of `count`.
    public func dropped(of count: Int) -> Int {
        Int((Double(count) * fraction).rounded(.down))
    }

    /// The trimmed mean of `values` padded with zeros up to `count` (witnesses that saw nothing of
    /// what is measured count as zero); 0 when `count` is 0.
    public func mean(of values: [Double], count: Int) -> Double {
        guard count > 0 else { return 0 }
        var all = values[...]
        if all.count < count { all += repeatElement(0, count: count - all.count) }
        return mean(sorting: &all)
    }

    /// The trimmed mean of every value of `values` (already padded), which it sorts in place.
    public func mean(sorting values: inout ArraySlice<Double>) -> Double {
        guard !values.isEmpty else { return 0 }
        values.sort()
        let cut = dropped(of: values.count)
        var total = 0.0
        for index in (values.startIndex + cut)..<(values.endIndex - cut) { total += values[index] }
        return total / Double(values.count - 2 * cut)
    }
}
