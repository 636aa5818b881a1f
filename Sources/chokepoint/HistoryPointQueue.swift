import CaseStudies
import ReferenceData
import Foundation

/// The points of a history analysed on several threads: which is next, and each one's result.
///
/// `@unchecked Sendable`: `next` and `results` are read and written under `lock`; `sides` and
/// `codes` are never written after creation.
final class HistoryPointQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let sides: [(inputs: AnalysisInputs, study: CaseStudy?, label: String)]
    private let codes: [CountryCode]
    private var next = 0
    private(set) var results: [Result<HistoryCommand.AnalysedPoint?, any Error>]

    init(sides: [(inputs: AnalysisInputs, study: CaseStudy?, label: String)], codes: [CountryCode]) {
        self.sides = sides
        self.codes = codes
        results = Array(repeating: .success(nil), count: sides.count)
    }

    /// Analyses points until none is left.
    func drain() {
        while true {
            lock.lock()
            let index = next
            next += 1
            lock.unlock()
            guard index < sides.count else { return }
            let side = sides[index]
            let result = Result { try HistoryCommand.analyse(side.inputs, study: side.study, label: side.label, codes: codes) }
            lock.lock()
            results[index] = result
            lock.unlock()
        }
    }
}
