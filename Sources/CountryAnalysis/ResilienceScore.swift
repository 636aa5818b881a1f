import Foundation

/// The resilience score, 0 to 100 (higher is more resilient), in one place: the README, the report
/// and the diagrams read its weights and formula from here.
///
/// score = cut + diversity + dominance, where
/// - cut = 40 × min(1, log2(1 + κT) / log2(41)), κT the transit cut in organisations (the country's
///   own origins not removable), full marks at 40; a cut that reaches the core counts its ways in
///   (one core AS as the only way in is a cut of one), and a country nothing can cut gets full marks;
/// - diversity = 30 × min(1, log2(1 + E) / log2(21)): the effective number of upstream
///   organisations seen on paths, full marks at 20;
/// - dominance = 30 × (1 − the largest share of the address space any one AS dominates). The
///   origins enter here: a country whose one origin dominates its space loses these points.
public enum ResilienceScore {
    /// The points each part can give.
    public static let cutWeight = 40.0
    /// The points diversity can give.
    public static let diversityWeight = 30.0
    /// The points dominance can give.
    public static let dominanceWeight = 30.0
    /// The cut size that earns full cut points.
    public static let fullCut = 40.0
    /// The effective number of upstreams that earns full diversity points.
    public static let fullDiversity = 20.0

    /// The score's three parts.
    public struct Parts: Codable, Sendable, Hashable {
        /// From the minimum cut.
        public var cut: Double
        /// From the effective number of upstreams.
        public var diversity: Double
        /// From the largest dominated share.
        public var dominance: Double

        /// Creates the parts.
        public init(cut: Double, diversity: Double, dominance: Double) {
            self.cut = cut
            self.diversity = diversity
            self.dominance = dominance
        }

        /// No parts: a country with nothing to measure.
        public static let zero = Parts(cut: 0, diversity: 0, dominance: 0)

        /// The score.
        public var total: Double { cut + diversity + dominance }
    }

    /// The parts for a transit cut of `kappa` (`uncuttable` when nothing can cut the country off),
    /// `effectiveUpstreams`, and a largest dominated share.
    public static func parts(kappa: Int, uncuttable: Bool = false, effectiveUpstreams: Double, largestDominatedShare: Double) -> Parts {
        Parts(cut: uncuttable ? cutWeight : cutWeight * min(1, log2(1 + Double(kappa)) / log2(1 + fullCut)),
              diversity: diversityWeight * min(1, log2(1 + effectiveUpstreams) / log2(1 + fullDiversity)),
              dominance: dominanceWeight * (1 - min(1, max(0, largestDominatedShare))))
    }
}
