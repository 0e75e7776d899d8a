// The parsed structure of an EDTF value (internal; EDTFDate exposes the bounds and the display text).

/// A time of day on a level-0 date ("T23:20:30", "…Z", "…+04:00").
struct EDTFTime: Hashable, Sendable {
    var hour: Int
    var minute: Int
    var second: Int
    /// nil = local time; otherwise "Z", "+04", "+04:00", "-05:30" as written.
    var zone: String?
    /// Where the 'T' is in the input.
    var offset: Int
}

/// One date: a year, year-month, year-season or year-month-day, possibly with X digits, a time and a qualifier.
struct EDTFSingle: Hashable, Sendable {
    /// Year digits as written, without sign or 'Y' (e.g. "1941", "194X", "170000002").
    var yearText: String
    var negative: Bool
    /// Written with the 'Y' prefix (more than four digits).
    var longYear: Bool
    /// Two characters as written ("06", "XX", "1X", "21"), nil for year precision.
    var monthText: String?
    /// Two characters as written ("07", "XX", "1X"), nil for month/season/year precision.
    var dayText: String?
    var time: EDTFTime?
    var uncertain: Bool
    var approximate: Bool
    var earliest: Day
    var latest: Day
    /// Where the date starts in the input.
    var offset: Int

    /// Smallest and largest year the (possibly X-masked) year text allows.
    var yearRange: ClosedRange<Int> {
        let low = Int(String(yearText.map { $0 == "X" ? "0" : $0 })) ?? 0
        let high = Int(String(yearText.map { $0 == "X" ? "9" : $0 })) ?? 0
        return negative ? -high ... -low : low...high
    }

    /// Number of X digits in the year.
    var yearUnspecifiedDigits: Int { yearText.filter { $0 == "X" }.count }

    /// The season code 21...41, if the month position holds one.
    var season: Int? {
        guard let m = monthText, let v = Int(m), v >= 21 else { return nil }
        return v
    }

    /// The month 1...12 if fully specified.
    var month: Int? {
        guard let m = monthText, let v = Int(m), v <= 12 else { return nil }
        return v
    }

    /// The day if fully specified.
    var day: Int? { dayText.flatMap { Int($0) } }

    /// Any X digit anywhere.
    var hasUnspecified: Bool {
        yearText.contains("X") || (monthText?.contains("X") ?? false) || (dayText?.contains("X") ?? false)
    }

    /// The EDTF level this date needs on its own (0, 1 or 2).
    var level: Int {
        var level = 0
        if longYear || negative || uncertain || approximate { level = 1 }
        if let s = season { level = max(level, s <= 24 ? 1 : 2) }
        let yearX = yearUnspecifiedDigits
        if yearX > 0 { level = max(level, (yearX <= 2 && monthText == nil) ? 1 : 2) }
        if let m = monthText, m.contains("X") { level = max(level, m == "XX" ? 1 : 2) }
        if let d = dayText, d.contains("X") { level = max(level, d == "XX" ? 1 : 2) }
        return level
    }
}

/// One end of an interval.
enum EDTFEnd: Hashable, Sendable {
    case date(EDTFSingle)
    /// ".." — open (no end / no start).
    case open
    /// "" — unknown.
    case unknown
}

/// A member of a set: a date, or a run of consecutive dates "a..b".
enum EDTFSetMember: Hashable, Sendable {
    case date(EDTFSingle)
    case range(EDTFSingle, EDTFSingle)

    var earliest: Day {
        switch self {
        case .date(let d): return d.earliest
        case .range(let a, _): return a.earliest
        }
    }

    var latest: Day {
        switch self {
        case .date(let d): return d.latest
        case .range(_, let b): return b.latest
        }
    }

    var dates: [EDTFSingle] {
        switch self {
        case .date(let d): return [d]
        case .range(let a, let b): return [a, b]
        }
    }
}

/// A whole EDTF value.
enum EDTFExpression: Hashable, Sendable {
    case single(EDTFSingle)
    case interval(start: EDTFEnd, end: EDTFEnd)
    /// `[…]` (allOf false: one of the members) or `{…}` (allOf true: all of them);
    /// `earlier`: "..a" on the first member, `later`: "z.." on the last.
    case set(allOf: Bool, members: [EDTFSetMember], earlier: Bool, later: Bool)

    /// Every date appearing in the expression.
    var dates: [EDTFSingle] {
        switch self {
        case .single(let d): return [d]
        case .interval(let s, let e):
            return [s, e].compactMap { if case .date(let d) = $0 { return d } else { return nil } }
        case .set(_, let members, _, _): return members.flatMap(\.dates)
        }
    }

    /// First day allowed (nil: open or unknown start).
    var earliest: Day? {
        switch self {
        case .single(let d): return d.earliest
        case .interval(let s, _):
            if case .date(let d) = s { return d.earliest } else { return nil }
        case .set(_, let members, let earlier, _):
            return earlier ? nil : members.map(\.earliest).min()
        }
    }

    /// Last day allowed (nil: open or unknown end).
    var latest: Day? {
        switch self {
        case .single(let d): return d.latest
        case .interval(_, let e):
            if case .date(let d) = e { return d.latest } else { return nil }
        case .set(_, let members, _, let later):
            return later ? nil : members.map(\.latest).max()
        }
    }

    /// The EDTF level the whole value needs.
    var level: Int {
        let own: Int
        switch self {
        case .single: own = 0
        case .interval(let s, let e): own = (s == .open || s == .unknown || e == .open || e == .unknown) ? 1 : 0
        case .set: own = 2
        }
        return dates.map(\.level).reduce(own, max)
    }
}
