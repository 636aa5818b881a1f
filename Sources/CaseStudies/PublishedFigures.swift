/// Figures a published report gave, to put beside ours.
public struct PublishedFigures: Codable, Hashable, Sendable {
    /// Who published them, such as "Dyn Research".
    public var source: String
    /// The title of the publication.
    public var title: String?
    /// Where to read it.
    public var url: String?
    /// When it was published, `YYYY-MM-DD`.
    public var date: String?
    /// Routed networks (prefixes) per country code.
    public var networks: [String: Int]
    /// International upstream ASes per country code, where the report named them.
    public var upstreams: [String: [UInt32]]
    /// How the publication counted, in a sentence or two.
    public var notes: String?

    /// Creates a set of figures.
    public init(source: String, title: String? = nil, url: String? = nil, date: String? = nil,
                networks: [String: Int] = [:], upstreams: [String: [UInt32]] = [:], notes: String? = nil) {
        self.source = source
        self.title = title
        self.url = url
        self.date = date
        self.networks = networks
        self.upstreams = upstreams
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case source, title, url, date, networks, upstreams, notes
    }

    /// Decodes figures; every field but `source` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        networks = try container.decodeIfPresent([String: Int].self, forKey: .networks) ?? [:]
        upstreams = try container.decodeIfPresent([String: [UInt32]].self, forKey: .upstreams) ?? [:]
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
    }
}
