/// A change to the Internet to ask about: ASes failing, links cut or added, and how routes are
/// assumed to find their way.
public struct WhatIfScenario: Sendable, Hashable {
    /// How reachability is decided.
    public enum Routing: String, Sendable, Hashable, Codable {
        /// Routes follow business policy: a network is reachable when some valley-free path joins
        /// the core to one of its origins.
        case policy
        /// Any path in the graph of observed paths and relationships will do.
        case topological
    }

    /// A link between two ASes, by AS number.
    public struct Link: Sendable, Hashable, Codable {
        /// The provider, or one of the peers.
        public var from: UInt32
        /// The customer, or the other peer.
        public var to: UInt32
        /// Whether the two are peers (else `from` sells transit to `to`).
        public var isPeering: Bool

        /// Creates a link.
        public init(from: UInt32, to: UInt32, isPeering: Bool) {
            self.from = from
            self.to = to
            self.isPeering = isPeering
        }

        /// The link as the command line writes it: `A>B` (A provider of B), `A=B` (peers), `A-B` (either).
        public var description: String { "AS\(from)\(isPeering ? "=" : ">")AS\(to)" }
    }

    /// ASes that fail (with all their links).
    public var removedASes: [UInt32]
    /// Links cut, whatever their kind (`isPeering` is ignored).
    public var removedLinks: [Link]
    /// Links added (a what-if link replaces any relationship the pair had).
    public var addedLinks: [Link]
    /// How reachability is decided.
    public var routing: Routing

    /// Creates a scenario.
    public init(removedASes: [UInt32] = [], removedLinks: [Link] = [], addedLinks: [Link] = [], routing: Routing = .policy) {
        self.removedASes = removedASes
        self.removedLinks = removedLinks
        self.addedLinks = addedLinks
        self.routing = routing
    }

    /// Whether the scenario changes nothing.
    public var isEmpty: Bool { removedASes.isEmpty && removedLinks.isEmpty && addedLinks.isEmpty }
}
