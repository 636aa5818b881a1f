import Foundation

extension CountryCode {
    /// The codes ISO 3166 assigns (with the user-assigned XK that registries use for Kosovo) and
    /// the RIR-only `AP` and `EU`, which delegation files carry for regional space.
    public static let known: Set<CountryCode> = {
        let iso = Locale.Region.isoRegions.compactMap { CountryCode($0.identifier) }
        return Set(iso + ["AP", "EU", "XK"])
    }()

    /// Whether the code names a country or region registries use.
    public var isKnown: Bool { Self.known.contains(self) }

    /// Codes that name regions, not countries: the registries' `AP` and `EU` and the groupings
    /// CLDR lists beside ISO 3166's countries.
    public static let regions: [CountryCode: String] = [
        "AP": "the Asia-Pacific region", "EU": "the European Union", "EZ": "the eurozone", "UN": "the United Nations",
        "QO": "outlying Oceania",
    ]

    /// Codes CLDR lists that ISO 3166-1 only reserves (Ascension, Clipperton, Sark, Diego Garcia,
    /// Ceuta and Melilla, the Canary Islands, Tristan da Cunha): registries place no space there.
    static let reserved: Set<CountryCode> = ["AC", "CP", "CQ", "DG", "EA", "IC", "TA"]

    /// Whether the code names a country (ISO 3166-1, or XK for Kosovo), not a region.
    public var isCountry: Bool { isKnown && Self.regions[self] == nil && !Self.reserved.contains(self) }

    /// What region the code names, when it names one.
    public var regionName: String? { Self.regions[self] }

    /// The code as a list of places shows it: a region's marked, since its space is real (it can
    /// be cut off) but it is no country (`EU (region)`).
    public static func label(_ code: String) -> String {
        CountryCode(code)?.regionName == nil ? code : code + " (region)"
    }

    /// How many places `codes` name, regions counted apart from countries: "3 countries",
    /// "2 countries and 1 region".
    public static func count(_ codes: [String]) -> String {
        let regions = codes.filter { CountryCode($0)?.regionName != nil }.count
        let countries = codes.count - regions
        let text = "\(countries) countr\(countries == 1 ? "y" : "ies")"
        return regions == 0 ? text : text + " and \(regions) region\(regions == 1 ? "" : "s")"
    }

    /// The English name, such as "North Korea", when Foundation knows one.
    public var englishName: String? {
        Locale(identifier: "en_US").localizedString(forRegionCode: description)
    }
}
