import CGraphviz
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A Graphviz graph built through the cgraph C API, laid out and rendered in memory.
///
/// Graphviz keeps global state (its error buffer, plugin tables), so every call into it happens
/// while holding `GraphvizGraph.lock`.
public final class GraphvizGraph {
    static let lock = NSLock()
    private let graph: UnsafeMutablePointer<Agraph_t>
    private var nodes: [String: UnsafeMutablePointer<Agnode_t>] = [:]
    private var edgeCount = 0

    /// Creates an empty directed graph.
    public init(name: String) throws(GraphvizError) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        chokepoint_quiet_errors()
        guard let created = chokepoint_agopen(name, chokepoint_agdirected()) else {
            throw GraphvizError(stage: "create", message: Self.lastError ?? "agopen failed")
        }
        graph = created
    }

    deinit {
        Self.lock.lock()
        agclose(graph)
        Self.lock.unlock()
    }

    /// Sets a graph attribute.
    public func set(_ name: String, _ value: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        _ = chokepoint_agsafeset(UnsafeMutableRawPointer(graph), name, value, "")
    }

    /// Sets a graph attribute to Graphviz's HTML-like markup (a label holding a table, say).
    public func setHTML(_ name: String, _ markup: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        _ = chokepoint_agsafeset_html(graph, UnsafeMutableRawPointer(graph), name, markup)
    }

    /// Sets a default attribute for every node (kind: node) or edge.
    public func setDefault(node name: String, _ value: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        _ = chokepoint_agattr(graph, Int32(chokepoint_agnode_kind()), name, value)
    }

    /// Sets a default attribute for every edge.
    public func setDefault(edge name: String, _ value: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        _ = chokepoint_agattr(graph, Int32(chokepoint_agedge_kind()), name, value)
    }

    /// A cluster of the graph: an opaque handle to pass to `cluster(_:in:attributes:)` and `addNode(_:in:attributes:)`.
    public struct Cluster {
        fileprivate let subgraph: UnsafeMutablePointer<Agraph_t>
    }

    /// A cluster (a subgraph named `cluster_…`), at the top level or inside `parent`, with attributes.
    public func cluster(_ name: String, in parent: Cluster? = nil, attributes: [(String, String)]) -> Cluster? {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let subgraph = chokepoint_agsubg(parent?.subgraph ?? graph, "cluster_\(name)") else { return nil }
        for (key, value) in attributes { _ = chokepoint_agsafeset(UnsafeMutableRawPointer(subgraph), key, value, "") }
        return Cluster(subgraph: subgraph)
    }

    /// A plain subgraph (not a cluster: no box is drawn), such as one whose nodes share a rank.
    public func subgraph(_ name: String, in parent: Cluster? = nil, attributes: [(String, String)]) -> Cluster? {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let subgraph = chokepoint_agsubg(parent?.subgraph ?? graph, name) else { return nil }
        for (key, value) in attributes { _ = chokepoint_agsafeset(UnsafeMutableRawPointer(subgraph), key, value, "") }
        return Cluster(subgraph: subgraph)
    }

    /// Adds a node (once; a second call updates its attributes).
    public func addNode(_ id: String, in cluster: Cluster? = nil, attributes: [(String, String)]) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let node = chokepoint_agnode(cluster?.subgraph ?? graph, id) else { return }
        nodes[id] = node
        for (key, value) in attributes { _ = chokepoint_agsafeset(UnsafeMutableRawPointer(node), key, value, "") }
    }

    /// Adds a node whose label is Graphviz's HTML-like markup (a table, say), which every layout
    /// engine keeps together as one node.
    public func addNode(_ id: String, in cluster: Cluster? = nil, htmlLabel: String, attributes: [(String, String)]) {
        addNode(id, in: cluster, attributes: attributes)
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let node = nodes[id] else { return }
        _ = chokepoint_agsafeset_html(graph, UnsafeMutableRawPointer(node), "label", htmlLabel)
    }

    /// Adds an edge between two nodes added before.
    public func addEdge(from: String, to: String, attributes: [(String, String)]) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let tail = nodes[from], let head = nodes[to], let edge = chokepoint_agedge(graph, tail, head) else { return }
        edgeCount += 1
        for (key, value) in attributes { _ = chokepoint_agsafeset(UnsafeMutableRawPointer(edge), key, value, "") }
    }

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The graph in DOT, as `agwrite` writes it (before layout, so without positions).
    public func dot() throws(GraphvizError) -> String {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else {
            throw GraphvizError(stage: "write", message: "cannot open a memory stream")
        }
        let status = agwrite(graph, UnsafeMutableRawPointer(stream))
        fclose(stream)
        defer { free(buffer) }
        guard status == 0, let buffer else { throw GraphvizError(stage: "write", message: Self.lastError ?? "agwrite returned \(status)") }
        return String(cString: buffer)
    }

    /// Lays the graph out with `engine` (`dot`, `sfdp`, ...) and renders it to `format` (`svg`, `png`, ...).
    public func render(engine: String, format: String) throws(GraphvizError) -> Data {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        guard let context = gvContext() else { throw GraphvizError(stage: "layout", message: "cannot create a Graphviz context") }
        defer { gvFreeContext(context) }
        guard chokepoint_gvlayout(context, graph, engine) == 0 else {
            throw GraphvizError(stage: "layout", message: Self.lastError ?? "layout engine \(engine) failed (is it installed?)")
        }
        defer { gvFreeLayout(context, graph) }
        var result: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard chokepoint_gvrenderdata(context, graph, format, &result, &length) == 0, let result else {
            throw GraphvizError(stage: "render", message: Self.lastError ?? "no renderer for format \(format)")
        }
        defer { gvFreeRenderData(result) }
        return Data(bytes: result, count: Int(length))
    }

    private static var lastError: String? {
        guard let message = aglasterr() else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Parses DOT text with Graphviz and counts its nodes and edges: a check that written DOT reads back.
    public static func count(dot text: String) throws(GraphvizError) -> (nodes: Int, edges: Int) {
        lock.lock()
        defer { lock.unlock() }
        chokepoint_quiet_errors()
        guard let parsed = chokepoint_agmemread(text) else {
            throw GraphvizError(stage: "read", message: lastError ?? "not valid DOT")
        }
        defer { agclose(parsed) }
        return (Int(agnnodes(parsed)), Int(agnedges(parsed)))
    }
}
