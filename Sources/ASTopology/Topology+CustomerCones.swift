extension Topology {
    /// Each node's customer cone size from the AS relationships: itself and every AS reachable down
    /// provider-to-customer links, counted up to `cap` (a count of `cap` means at least that many).
    public func customerConeSizes(cappedAt cap: Int) -> [Int] {
        var customers = [[Int32]](repeating: [], count: nodeCount)
        for (edge, relationship) in relationships where relationship == .providerToCustomer {
            customers[Int(edge.from)].append(edge.to)
        }
        var sizes = [Int](repeating: 1, count: nodeCount)
        var seen = [Int32](repeating: -1, count: nodeCount)
        var stack: [Int32] = []
        for node in 0..<nodeCount where !customers[node].isEmpty {
            // A search per provider, stopped at the cap: the few large cones cost `cap` each.
            var count = 1
            seen[node] = Int32(node)
            stack = customers[node]
            for customer in stack { seen[Int(customer)] = Int32(node) }
            count += stack.count
            while let next = stack.popLast(), count < cap {
                for customer in customers[Int(next)] where seen[Int(customer)] != Int32(node) {
                    seen[Int(customer)] = Int32(node)
                    count += 1
                    stack.append(customer)
                }
            }
            sizes[node] = min(count, cap)
        }
        return sizes
    }

    /// The core of the Internet as the world side of every country's graph: the inferred clique and
    /// every AS whose customer cone holds more than `threshold` ASes. Cutting a country off at the
    /// core means the core itself failing.
    public func core(coneThreshold threshold: Int) -> [Int32] {
        let sizes = customerConeSizes(cappedAt: threshold + 1)
        let large = (0..<nodeCount).filter { sizes[$0] > threshold }.map(Int32.init)
        return Array(Set(large + clique)).sorted()
    }
}
