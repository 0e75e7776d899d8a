// Readable English rendering of EDTF values ("between 3 February and 7 June 1941", "about 1940", "June 1941?").

/// Helpers for rendering years, months and seasons in English.
enum EDTFDisplay {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let ordinals = ["first", "second", "third", "fourth"]

    /// A year for people: 1941 → "1941", 50 → "AD 50", 0 → "1 BC", -100 → "101 BC" (EDTF year 0 is 1 BC).
    static func year(_ y: Int) -> String {
        if y <= 0 { return "\(1 - y) BC" }
        return y < 1000 ? "AD \(y)" : "\(y)"
    }

    /// Two consecutive years, e.g. "1941–1942", "101–100 BC", "1 BC–AD 1".
    static func yearPair(_ y: Int) -> String {
        if y + 1 <= 0 { return "\(1 - y)–\(-y) BC" }
        return year(y) + "–" + (y <= 0 ? year(y + 1) : "\(y + 1)")
    }

    /// "a, b or c" / "a, b and c".
    static func list(_ items: [String], _ conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }

    /// Rendering of a whole expression.
    static func render(_ e: EDTFExpression) -> String {
        switch e {
        case .single(let d): return d.display
        case .interval(let start, let end): return interval(start, end)
        case .set(let allOf, let members, let earlier, let later): return set(allOf, members, earlier, later)
        }
    }

    private static func interval(_ start: EDTFEnd, _ end: EDTFEnd) -> String {
        switch (start, end) {
        case (.date(let s), .date(let e)):
            if s.display == e.display { return s.display }
            let (a, b) = compressed(s, e)
            return "between \(a) and \(b)"
        case (.date(let s), .open): return "from \(s.display) on"
        case (.date(let s), _): return "from \(s.display) (end unknown)"
        case (.open, .date(let e)): return "until \(e.display)"
        case (_, .date(let e)): return "until \(e.display) (start unknown)"
        default: return "unknown"
        }
    }

    private static func set(_ allOf: Bool, _ members: [EDTFSetMember], _ earlier: Bool, _ later: Bool) -> String {
        var items = members.map { member -> String in
            switch member {
            case .date(let d): return d.display
            case .range(let a, let b):
                let (x, y) = compressed(a, b)
                return "\(x) to \(y)"
            }
        }
        let marker = allOf ? "and" : "or"
        if earlier { items[0] += " \(marker) earlier" }
        if later { items[items.count - 1] += " \(marker) later" }
        if items.count == 1 {
            if earlier || later { return items[0] }
            if case .date = members[0] { return items[0] }
        }
        let lead = allOf ? "all of" : "one of"
        if earlier || later { return "\(lead): " + items.joined(separator: "; ") }
        return "\(lead) " + list(items, marker)
    }

    /// Both ends of a span, dropping what they share: ("3", "7 June 1941"), ("3 February", "7 June 1941").
    private static func compressed(_ s: EDTFSingle, _ e: EDTFSingle) -> (String, String) {
        guard s.isPlain, e.isPlain, let sm = s.month, let em = e.month, s.yearText == e.yearText,
              s.negative == e.negative, !s.longYear else { return (s.display, e.display) }
        if let sd = s.day, let ed = e.day, sm == em { return ("\(sd)", "\(ed) \(monthNames[em - 1]) \(year(e.yearRange.lowerBound))") }
        let left = s.day.map { "\($0) \(monthNames[sm - 1])" } ?? monthNames[sm - 1]
        return (left, e.display)
    }
}

extension EDTFSingle {
    /// No qualifier, no X, no time, no season: a plain year, month or day.
    var isPlain: Bool { !uncertain && !approximate && !hasUnspecified && time == nil && season == nil }

    /// This date in English, with its qualifier ("about …", "…?") and a note on unknown parts.
    var display: String {
        var (core, note) = coreAndNote
        if approximate { core = "about " + core }
        if uncertain { core += "?" }
        if let note { core += " (\(note))" }
        return core
    }

    private var yearDisplay: String {
        let years = yearRange
        guard yearText.contains("X") else { return EDTFDisplay.year(years.lowerBound) }
        if yearUnspecifiedDigits == 1, !negative, years.lowerBound >= 10 { return "the \(years.lowerBound)s" }
        return "some year between \(EDTFDisplay.year(years.lowerBound)) and \(EDTFDisplay.year(years.upperBound))"
    }

    private var coreAndNote: (String, String?) {
        let y = yearDisplay
        guard let monthText else { return (y, nil) }
        if let code = season { return (seasonDisplay(code), nil) }
        let monthNames = EDTFDisplay.monthNames
        if monthText == "XX" { return (y, dayText == nil ? "month unknown" : "month and day unknown") }
        if monthText.contains("X") {
            let text = "between \(monthNames[earliest.month - 1]) and \(monthNames[latest.month - 1]) \(y)"
            return (text, dayText == nil ? nil : "day unknown")
        }
        let monthYear = "\(monthNames[earliest.month - 1]) \(y)"
        guard let dayText else { return (monthYear, nil) }
        if dayText == "XX" { return (monthYear, "day unknown") }
        if dayText.contains("X") { return ("between \(earliest.day) and \(latest.day) \(monthYear)", nil) }
        guard let time else { return ("\(earliest.day) \(monthYear)", nil) }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var clock = "\(two(time.hour)):\(two(time.minute)):\(two(time.second))"
        if let zone = time.zone { clock += zone == "Z" ? " UTC" : " UTC\(zone)" }
        return ("\(earliest.day) \(monthYear), \(clock)", nil)
    }

    private func seasonDisplay(_ code: Int) -> String {
        let y = yearRange.lowerBound
        switch code {
        case 21, 25: return "spring \(EDTFDisplay.year(y))" + (code == 25 ? " (Northern Hemisphere)" : "")
        case 22, 26: return "summer \(EDTFDisplay.year(y))" + (code == 26 ? " (Northern Hemisphere)" : "")
        case 23, 27: return "autumn \(EDTFDisplay.year(y))" + (code == 27 ? " (Northern Hemisphere)" : "")
        case 24, 28: return "winter \(EDTFDisplay.yearPair(y))" + (code == 28 ? " (Northern Hemisphere)" : "")
        case 29: return "spring \(EDTFDisplay.year(y)) (Southern Hemisphere)"
        case 30: return "summer \(EDTFDisplay.yearPair(y)) (Southern Hemisphere)"
        case 31: return "autumn \(EDTFDisplay.year(y)) (Southern Hemisphere)"
        case 32: return "winter \(EDTFDisplay.year(y)) (Southern Hemisphere)"
        case 33...36: return "\(EDTFDisplay.ordinals[code - 33]) quarter of \(EDTFDisplay.year(y))"
        case 40, 41: return "\(EDTFDisplay.ordinals[code - 40]) half of \(EDTFDisplay.year(y))"
        default:
            let first = EDTFDisplay.monthNames[earliest.month - 1], last = EDTFDisplay.monthNames[latest.month - 1]
            return "\(first)–\(last) \(EDTFDisplay.year(y))"
        }
    }
}
