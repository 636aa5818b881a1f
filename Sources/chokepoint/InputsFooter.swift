import CaseStudies

/// The line under a table naming what it was computed from: each kind of data set with its dates,
/// so a table copied out of a terminal still says what it rests on.
enum InputsFooter {
    static func line(_ sources: [DataSource], witnesses: Int?) -> String {
        var parts: [String] = []
        for role in DataSource.Role.allCases {
            let chosen = sources.filter { $0.role == role }
            guard !chosen.isEmpty else { continue }
            let length = role == .rib || role == .updates ? 16 : 10
            let dates = Array(Set(chosen.compactMap { $0.date.map { String($0.description.prefix(length)) } })).sorted()
            let when = dates.isEmpty ? "" : " " + (dates.count == 1 ? dates[0] : "\(dates[0]) to \(dates[dates.count - 1])")
            parts.append("\(role.title)\(chosen.count > 1 ? " ×\(chosen.count)" : "")\(when)")
        }
        let witnessText = witnesses.map { "; \($0) witness\($0 == 1 ? "" : "es")" } ?? ""
        return "inputs: " + parts.joined(separator: ", ") + witnessText + " (--quiet leaves this line out)\n"
    }
}
