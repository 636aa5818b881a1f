/// A moment in UTC, to the minute, as archives name their files.
public struct UTCDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Int64

    /// Creates a date from seconds since the epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Creates a date from its civil parts; nil when a part is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              day <= Self.daysInMonth(year: year, month: month) else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == " " || $0 == ":" }).map(String.init)
        guard parts.count == 3 || parts.count == 5, parts[0].count == 4,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let hour = parts.count == 5 ? Int(parts[3]) : 0
        let minute = parts.count == 5 ? Int(parts[4]) : 0
        guard let hour, let minute else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    /// The civil parts.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let days = Int(secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400)
        let rest = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        return (year, month, day, rest / 3600, rest % 3600 / 60)
    }

    /// `YYYY-MM-DD HH:MM UTC`.
    public var description: String {
        let parts = components
        return "\(parts.year)-\(Self.two(parts.month))-\(Self.two(parts.day)) \(Self.two(parts.hour)):\(Self.two(parts.minute)) UTC"
    }

    /// The same moment shifted by whole months (day clamped to the month's length).
    func addingMonths(_ count: Int) -> UTCDate {
        let parts = components
        let total = parts.year * 12 + (parts.month - 1) + count
        let year = total / 12, month = total % 12 + 1
        let day = min(parts.day, Self.daysInMonth(year: year, month: month))
        return UTCDate(year: year, month: month, day: day, hour: parts.hour, minute: parts.minute) ?? self
    }

    public static func < (lhs: UTCDate, rhs: UTCDate) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil calendar algorithms.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
