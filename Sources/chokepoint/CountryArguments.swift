import CaseStudies
import ReferenceData

/// Country codes from the command line, checked.
enum CountryArguments {
    /// The codes given, or the case's when none were; each must be one registries use.
    static func parse(_ texts: [String], orCase study: CaseStudy?) throws -> [CountryCode] {
        let chosen = texts.isEmpty ? study?.countries ?? [] : texts
        guard !chosen.isEmpty else { throw CommandFailure(description: "name the countries (such as KP YE), or give --case DIR") }
        return try chosen.map { text in
            guard let code = CountryCode(text), code.isKnown else {
                throw CommandFailure(description: "\(text) is not a country code; use an ISO 3166 two-letter code such as KP or TW")
            }
            return code
        }
    }
}
