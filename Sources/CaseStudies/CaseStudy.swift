import Decompression
import Foundation

/// A case study: the question, the data sets that answer it (named by their public URLs), the
/// countries to compare, and the published figures to check against. Read from `case.json`.
///
/// ```json
/// { "name": "north-korea-2014", "title": "...", "countries": ["KP", "YE"],
///   "data": { "rib": ["http://archive.routeviews.org/..."], "delegated": ["https://ftp.apnic.net/..."] },
///   "published": [{ "source": "Dyn Research", "networks": { "KP": 4 } }] }
/// ```
public struct CaseStudy: Codable, Hashable, Sendable {
    /// A short name for file paths: output goes under `output/<name>/`.
    public var name: String
    /// The title shown in reports.
    public var title: String
    /// What the case is about, a paragraph.
    public var summary: String?
    /// The countries to compare, as two-letter codes.
    public var countries: [String]
    /// The data sets.
    public var data: CaseDataSets
    /// Figures from published reports to put beside ours.
    public var published: [PublishedFigures]

    /// Creates a case.
    public init(name: String, title: String, summary: String? = nil, countries: [String], data: CaseDataSets,
                published: [PublishedFigures] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.countries = countries
        self.data = data
        self.published = published
    }

    private enum CodingKeys: String, CodingKey {
        case name, title, summary, countries, data, published
    }

    /// Decodes a case; `published` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? name
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        countries = try container.decode([String].self, forKey: .countries)
        data = try container.decode(CaseDataSets.self, forKey: .data)
        published = try container.decodeIfPresent([PublishedFigures].self, forKey: .published) ?? []
    }

    /// Reads `case.json` from a case directory (or the manifest file itself).
    public static func load(_ location: String) throws(CaseStudyError) -> CaseStudy {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) else {
            throw CaseStudyError(file: location, message: "no such case directory or manifest")
        }
        let manifest = isDirectory.boolValue ? (location as NSString).appendingPathComponent("case.json") : location
        let bytes = try readManifest(manifest)
        let study: CaseStudy
        do {
            study = try JSONDecoder().decode(CaseStudy.self, from: bytes)
        } catch let DecodingError.keyNotFound(key, context) {
            throw CaseStudyError(file: manifest, message: "missing \"\(Self.path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw CaseStudyError(file: manifest, message: "\"\(Self.path(context.codingPath))\": \(InputQuotation.name(context.debugDescription))")
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw CaseStudyError(file: manifest, message: "not valid JSON: \(InputQuotation.name(underlying ?? context.debugDescription))")
        } catch {
            throw CaseStudyError(file: manifest, message: "\(error)")
        }
        guard Self.isPathComponent(study.name) else {
            throw CaseStudyError(file: manifest, message: "\"name\": \(InputQuotation.quote(study.name)) is not a plain name "
                                 + "(letters, digits, -, _ and . only, not . or ..): it names the folder under output/")
        }
        guard !study.countries.isEmpty else { throw CaseStudyError(file: manifest, message: "\"countries\" is empty") }
        guard !(study.data.rib + study.data.updates + study.data.pfx2as).isEmpty else {
            throw CaseStudyError(file: manifest, message: "\"data\" names no path data (rib, updates or pfx2as)")
        }
        guard !study.data.delegated.isEmpty else {
            throw CaseStudyError(file: manifest, message: "\"data.delegated\" names no RIR delegation files")
        }
        return study
    }

    /// The most a manifest may hold: a case names a few dozen files.
    static let maximumManifestBytes = 4 << 20

    /// The manifest's bytes, refused past `maximumManifestBytes`.
    private static func readManifest(_ path: String) throws(CaseStudyError) -> Data {
        do {
            let file = try FileByteSource(path: path)
            // One more byte than allowed tells a manifest at the limit from one past it.
            let expected = Int(min(file.size ?? Int64(maximumManifestBytes), Int64(maximumManifestBytes)))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: expected + 1, alignment: 1)
            defer { buffer.deallocate() }
            let count = try file.readFully(into: buffer)
            guard count <= maximumManifestBytes else {
                throw CaseStudyError(file: path, message: "the manifest is larger than \(maximumManifestBytes >> 20) MiB: not a case manifest")
            }
            return Data(buffer.prefix(count))
        } catch let error as InputError {
            throw CaseStudyError(file: path, message: "cannot read the manifest (\(error.reasonDescription))")
        } catch {
            throw error as? CaseStudyError ?? CaseStudyError(file: path, message: "cannot read the manifest")
        }
    }

    /// Whether `name` is one path component of letters, digits, `-`, `_` and `.`, and neither `.` nor `..`.
    static func isPathComponent(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 128, name != ".", name != ".." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) || "-_.".unicodeScalars.contains(scalar)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return InputQuotation.name(joined.replacingOccurrences(of: ".[", with: "["))
    }
}
