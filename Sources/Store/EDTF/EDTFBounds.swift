// Validation of one date's components and its earliest/latest day.

/// Checks the year/month/day of one parsed date and computes the first and last day it allows.
struct EDTFBounds {
    let parser: EDTFParser
    let yearStart: Int
    let monthStart: Int
    let dayStart: Int

    /// First and last day of `d`, or an error naming the bad component.
    func compute(_ d: EDTFSingle) throws(EDTFError) -> (earliest: Day, latest: Day) {
        try checkUnspecifiedDigitsAreRightmost(d)
        let years = d.yearRange
        guard let m = d.monthText else {
            return (try day(years.lowerBound, 1, 1), try day(years.upperBound, 12, 31))
        }
        if let season = d.season {
            guard let (first, last, wrap) = EDTFBounds.seasonMonths(season) else {
                throw parser.fail("month \(m) is out of range", at: monthStart)
            }
            if d.dayText != nil { throw parser.fail("a season cannot have a day", at: dayStart) }
            return (try day(years.lowerBound, first, 1),
                    try day(years.upperBound + wrap, last, Day.daysIn(month: last, year: years.upperBound + wrap)))
        }
        let months = try monthRange(m)
        guard let dt = d.dayText else {
            return (try day(years.lowerBound, months.lowerBound, 1),
                    try day(years.upperBound, months.upperBound,
                            Day.daysIn(month: months.upperBound, year: years.upperBound)))
        }
        let days: ClosedRange<Int>
        if months.count > 1 {
            // Month has X digits, so (rightmost rule) the day is "XX".
            days = 1...Day.daysIn(month: months.upperBound, year: years.upperBound)
        } else {
            days = try dayRange(dt, month: months.lowerBound, year: years.lowerBound)
        }
        return (try day(years.lowerBound, months.lowerBound, days.lowerBound),
                try day(years.upperBound, months.upperBound, days.upperBound))
    }

    /// Months a season code covers: first month, last month, and 1 if the last month is in the next year.
    static func seasonMonths(_ code: Int) -> (Int, Int, Int)? {
        switch code {
        case 21, 25, 31: return (3, 5, 0)    // spring (north), autumn (south)
        case 22, 26, 32: return (6, 8, 0)    // summer (north), winter (south)
        case 23, 27, 29: return (9, 11, 0)   // autumn (north), spring (south)
        case 24, 28, 30: return (12, 2, 1)   // winter (north), summer (south): December to February
        case 33...36: return ((code - 33) * 3 + 1, (code - 33) * 3 + 3, 0)  // quarters
        case 37...39: return ((code - 37) * 4 + 1, (code - 37) * 4 + 4, 0)  // quadrimesters
        case 40, 41: return ((code - 40) * 6 + 1, (code - 40) * 6 + 6, 0)   // semesters
        default: return nil
        }
    }

    /// Level 1 (and the level-2 extension we support): X may only replace the rightmost digits.
    private func checkUnspecifiedDigitsAreRightmost(_ d: EDTFSingle) throws(EDTFError) {
        var sawX = false
        let parts: [(String?, Int)] = [(d.yearText, yearStart), (d.monthText, monthStart), (d.dayText, dayStart)]
        for (text, start) in parts {
            guard let text else { continue }
            for (k, c) in text.enumerated() {
                if c == "X" {
                    sawX = true
                } else if sawX {
                    throw parser.fail("'X' may only replace the rightmost digits; a known digit after an unspecified one is EDTF level 2 and not supported", at: start + k)
                }
            }
        }
    }

    private func monthRange(_ m: String) throws(EDTFError) -> ClosedRange<Int> {
        switch m {
        case "XX": return 1...12
        case "0X": return 1...9
        case "1X": return 10...12
        default:
            if let v = Int(m), (1...12).contains(v) { return v...v }
            throw parser.fail("month \(m) is out of range", at: monthStart)
        }
    }

    private func dayRange(_ dt: String, month: Int, year: Int) throws(EDTFError) -> ClosedRange<Int> {
        let dim = Day.daysIn(month: month, year: year)
        let monthYear = EDTFDisplay.monthNames[month - 1] + " " + EDTFDisplay.year(year)
        switch dt {
        case "XX": return 1...dim
        case "0X": return 1...9
        case "1X": return 10...19
        case "2X": return 20...min(29, dim)
        case "3X":
            if dim >= 30 { return 30...dim }
            throw parser.fail("day 3X is out of range for \(monthYear)", at: dayStart)
        default:
            guard let v = Int(dt), v >= 1, v <= 31 else {
                throw parser.fail("day \(dt) is out of range", at: dayStart)
            }
            if v > dim {
                let leap = month == 2 && v == 29 ? " (not a leap year)" : ""
                throw parser.fail("day \(v) is out of range for \(monthYear)\(leap)", at: dayStart)
            }
            return v...v
        }
    }

    private func day(_ y: Int, _ m: Int, _ d: Int) throws(EDTFError) -> Day {
        guard let day = Day(year: y, month: m, day: d) else {
            throw parser.fail("the year is too large", at: yearStart)
        }
        return day
    }
}
