import Decompression
import Foundation
import PublicArchives

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
    /// Dated data sets, in time order, for `chokepoint history --case`: a point each. When the
    /// manifest gives no `data`, the other commands analyse the last of them.
    public var dates: [DatedDataSets]

    /// The data sets of one date of a history.
    public struct DatedDataSets: Codable, Hashable, Sendable {
        /// The date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), the point's label.
        public var date: String
        /// What the point rests on, in a few words (`relationships only`), for the reader.
        public var note: String?
        /// The data sets.
        public var data: CaseDataSets

        /// Creates a dated entry.
        public init(date: String, note: String? = nil, data: CaseDataSets) {
            self.date = date
            self.note = note
            self.data = data
        }
    }

    /// Creates a case.
    public init(name: String, title: String, summary: String? = nil, countries: [String], data: CaseDataSets,
                published: [PublishedFigures] = [], dates: [DatedDataSets] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.countries = countries
        self.data = data
        self.published = published
        self.dates = dates
    }

    private enum CodingKeys: String, CodingKey {
        case name, title, summary, countries, data, published, dates
    }

    /// Decodes a case; `published` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? name
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        countries = try container.decode([String].self, forKey: .countries)
        dates = try container.decodeIfPresent([DatedDataSets].self, forKey: .dates) ?? []
        // A history's manifest may name its data by date alone: the other commands take the last.
        if let last = dates.last, !container.contains(.data) {
            data = last.data
        } else {
            data = try container.decode(CaseDataSets.self, forKey: .data)
        }
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
        var previous: UTCDate?
        for (index, entry) in study.dates.enumerated() {
            guard let date = UTCDate(entry.date) else {
                throw CaseStudyError(file: manifest, message: "\"dates[\(index)].date\": \(InputQuotation.quote(entry.date)) is not YYYY-MM-DD or YYYY-MM-DDTHH:MM")
            }
            if let previous, !(previous < date) {
                throw CaseStudyError(file: manifest, message: "\"dates[\(index)].date\": \(entry.date) does not come after the date before it")
            }
            previous = date
            try check(entry.data, at: "dates[\(index)].data", in: manifest)
        }
        // Checked after the dates: without "data", it is the last date's, named there.
        try check(study.data, at: "data", in: manifest)
        return study
    }

    /// Refuses data sets with no path data or no delegations, naming where in the manifest.
    private static func check(_ data: CaseDataSets, at key: String, in manifest: String) throws(CaseStudyError) {
        guard !(data.rib + data.updates + data.pfx2as).isEmpty else {
            throw CaseStudyError(file: manifest, message: "\"\(key)\" names no path data (rib, updates or pfx2as)")
        }
        guard !data.delegated.isEmpty else {
            throw CaseStudyError(file: manifest, message: "\"\(key).delegated\" names no RIR delegation files")
        }
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
