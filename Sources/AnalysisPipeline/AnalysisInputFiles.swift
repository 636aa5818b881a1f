import CaseStudies
import Geography

/// The local files one analysis reads, whatever named them: explicit options, a case manifest or a date.
public struct AnalysisInputFiles: Hashable, Sendable {
    /// MRT RIB dumps.
    public var rib: [String]
    /// MRT update files.
    public var updates: [String]
    /// CAIDA prefix-to-AS files.
    public var pfx2as: [String]
    /// A CAIDA AS relationships file.
    public var asRelationships: String?
    /// RIR delegation files.
    public var delegated: [String]
    /// Where prefixes get their countries.
    public var geography: PrefixGeographySource
    /// AS names for labels.
    public var asNames: String?

    /// Creates a set of inputs.
    public init(rib: [String] = [], updates: [String] = [], pfx2as: [String] = [], asRelationships: String? = nil,
                delegated: [String] = [], geography: PrefixGeographySource = .rir, asNames: String? = nil) {
        self.rib = rib
        self.updates = updates
        self.pfx2as = pfx2as
        self.asRelationships = asRelationships
        self.delegated = delegated
        self.geography = geography
        self.asNames = asNames
    }

    /// The inputs a case's resolved data sets name.
    public init(sources: [DataSource], geography: PrefixGeographySource = .rir) {
        self.init(geography: geography)
        for source in sources {
            switch source.role {
            case .rib: rib.append(source.path)
            case .updates: updates.append(source.path)
            case .pfx2as: pfx2as.append(source.path)
            case .asRelationships: asRelationships = source.path
            case .delegated: delegated.append(source.path)
            case .asNames: asNames = source.path
            }
        }
    }

    /// Every file, in reading order.
    public var all: [String] {
        rib + updates + pfx2as + (asRelationships.map { [$0] } ?? []) + delegated + (asNames.map { [$0] } ?? [])
    }
}
