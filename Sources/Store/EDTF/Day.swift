import Support

/// A calendar day in the proleptic Gregorian calendar (years may be negative or > 9999).
///
/// Years use astronomical numbering, as EDTF does: year 0 is 1 BC, year -100 is 101 BC.
/// Supported years are -9_999_999_999 ... 9_999_999_999.
public struct Day: Sendable, Hashable, Comparable {
    /// The year (astronomical: 0 = 1 BC, -1 = 2 BC).
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Largest supported absolute year; keeps every day number far from Int overflow.
    public static let maxAbsoluteYear = 9_999_999_999

    /// A validated day, or nil if the month or day does not exist (1900-02-29 is nil, 2000-02-29 is not).
    public init?(year: Int, month: Int, day: Int) {
        guard abs(year) <= Day.maxAbsoluteYear, (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day with the given day number (days since 1970-01-01); clamped to the supported years.
    public init(dayNumber: Int) {
        let limit = 3_652_000_000_000 // just under 10^10 years of days
        let fields = CivilDate.fields(dayNumber: min(max(dayNumber, -limit), limit))
        self.year = fields.year
        self.month = fields.month
        self.day = fields.day
    }

    /// Days since 1970-01-01 (negative before), for storage in SQLite INTEGER columns and range scans.
    public var dayNumber: Int {
        // H. Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO 8601 text: "1941-06-07"; years below 0 as "-0100-01-01", years above 9999 as "+12345-01-01".
    public var iso: String {
        let digits = String(abs(year))
        let padded = digits.count < 4 ? String(repeating: "0", count: 4 - digits.count) + digits : digits
        let sign = year < 0 ? "-" : (year > 9999 ? "+" : "")
        return sign + padded + "-" + Day.twoDigits(month) + "-" + Day.twoDigits(day)
    }

    /// Parses "YYYY-MM-DD" (and the signed forms `iso` produces for other years: "-0100-01-01", "+12345-01-01").
    public init?(iso: String) {
        var chars = Array(iso.utf8)
        var negative = false
        var expanded = false
        if let first = chars.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            expanded = !negative
            chars.removeFirst()
        }
        let yearLength = chars.count - 6
        guard yearLength >= 4, yearLength <= 10, chars[yearLength] == UInt8(ascii: "-"),
              chars[yearLength + 3] == UInt8(ascii: "-"),
              let y = Day.number(chars[0..<yearLength]),
              let m = Day.number(chars[(yearLength + 1)..<(yearLength + 3)]),
              let d = Day.number(chars[(yearLength + 4)...]) else { return nil }
        // Exactly the forms `iso` writes: 4 digits for 0...9999, '+' and 5+ digits above, '-' below 0.
        if expanded && (y <= 9999 || chars[0] == UInt8(ascii: "0")) { return nil }
        if !expanded && !negative && yearLength != 4 { return nil }
        if negative && (y == 0 || (yearLength > 4 && chars[0] == UInt8(ascii: "0"))) { return nil }
        self.init(year: negative ? -y : y, month: m, day: d)
    }

    /// Orders days chronologically.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether the (astronomical) year is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Number of days in the month (0 if the month is not 1...12).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// The first day of the month (year must be in range).
    static func first(year: Int, month: Int) -> Day? { Day(year: year, month: month, day: 1) }

    /// The last day of the month (year must be in range).
    static func last(year: Int, month: Int) -> Day? {
        Day(year: year, month: month, day: daysIn(month: month, year: year))
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var n = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }
}

extension Day: CustomStringConvertible {
    /// Same as `iso`.
    public var description: String { iso }
}
