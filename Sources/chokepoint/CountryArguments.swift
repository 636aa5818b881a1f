import CaseStudies
import ReferenceData

/// Country codes from the command line, checked.
enum CountryArguments {
    /// The codes given, or the case's when none were; each must be one registries use.
    static func parse(_ texts: [String], orCase study: CaseStudy?) throws -> [CountryCode] {
        let chosen = texts.isEmpty ? study?.countries ?? [] : texts
        guard !chosen.isEmpty else { throw CommandFailure(description: "name the countries (such as KP YE), or give --case DIR") }
        var seen = Set<CountryCode>()
        return try chosen.compactMap { text in
            guard let code = CountryCode(text.uppercased()), code.isKnown else {
                throw CommandFailure(description: "\(text) is not a country code; use an ISO 3166 two-letter code such as KP or TW")
            }
            if let region = code.regionName {
                throw CommandFailure(description: "\(code) is a region (\(region)), not a country: registries use it for address "
                                     + "space used across several countries; name a country such as DE or FR")
            }
            guard code.isCountry else {
                throw CommandFailure(description: "\(code) is only reserved in ISO 3166, not a country the registries place space in")
            }
            // A country named twice is analysed once.
            return seen.insert(code).inserted ? code : nil
        }
    }
}
