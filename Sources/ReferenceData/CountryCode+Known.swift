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

    /// The English name, such as "North Korea", when Foundation knows one.
    public var englishName: String? {
        Locale(identifier: "en_US").localizedString(forRegionCode: description)
    }
}
