// Recursive-descent parser for EDTF levels 0 and 1 plus level-2 sets (see EDTFDate.parse).

/// Parses one EDTF string into an `EDTFExpression`, or throws an `EDTFError` saying what and where.
struct EDTFParser {
    /// Longest input accepted, in characters.
    static let maxLength = 1000

    let text: String
    let chars: [Character]
    var i = 0

    init(_ text: String) {
        self.text = text
        // Never materialise huge inputs: one character past the limit is enough to reject them.
        self.chars = Array(text.prefix(EDTFParser.maxLength + 1))
    }

    // MARK: - Top level

    /// The whole input as one expression.
    mutating func parse() throws(EDTFError) -> EDTFExpression {
        if chars.isEmpty { throw fail("the date is empty", at: 0) }
        if chars.count > EDTFParser.maxLength {
            throw fail("the text is too long (more than \(EDTFParser.maxLength) characters)", at: EDTFParser.maxLength)
        }
        if peek() == "[" || peek() == "{" {
            let set = try parseSet()
            if let c = peek() {
                if EDTFParser.isQualifier(c) {
                    throw fail("a qualifier on a whole set is not supported; qualify the dates inside it", at: i)
                }
                throw unexpected(c, after: "the set")
            }
            return set
        }
        let start = try parseEnd()
        if i == chars.count {
            if case .date(let d) = start { return .single(d) }
            throw fail("'..' (open end) is only allowed in an interval or a set", at: 0)
        }
        guard peek() == "/" else { throw unexpected(chars[i], after: "the date") }
        let slash = i
        i += 1
        if case .date(let d) = start, let t = d.time {
            throw fail("a time of day is not allowed in an interval", at: t.offset)
        }
        let end = try parseEnd()
        if let c = peek() {
            if c == "/" { throw fail("an interval has only one '/'", at: i) }
            throw unexpected(c, after: "the interval's end")
        }
        switch (start, end) {
        case (.date(let s), .date(let e)):
            if let t = e.time { throw fail("a time of day is not allowed in an interval", at: t.offset) }
            if s.earliest > e.latest {
                throw fail("the interval's start (\(s.display)) is after its end (\(e.display))", at: e.offset)
            }
        case (.date, _):
            break
        case (_, .date(let e)):
            if let t = e.time { throw fail("a time of day is not allowed in an interval", at: t.offset) }
        default:
            throw fail("an interval needs at least one date", at: slash)
        }
        return .interval(start: start, end: end)
    }

    /// One end of an interval: a date, ".." (open), or nothing (unknown).
    private mutating func parseEnd() throws(EDTFError) -> EDTFEnd {
        guard let c = peek(), c != "/" else { return .unknown }
        if c == "." {
            guard peek(1) == "." else { throw fail("expected '..' (open end)", at: i) }
            i += 2
            return .open
        }
        if hasWord("unknown") || hasWord("open") {
            throw fail("write nothing for an unknown end (\"1985/\") and '..' for an open end (\"1985/..\")", at: i)
        }
        return .date(try parseSingle())
    }

    // MARK: - One date

    /// A year, year-month, year-season or full date, with optional X digits, time and qualifier.
    mutating func parseSingle() throws(EDTFError) -> EDTFSingle {
        let start = i
        var longYear = false
        var negative = false
        if peek() == "Y" { longYear = true; i += 1 }
        if peek() == "y" { throw fail("the long-year prefix is a capital 'Y'", at: i) }
        if peek() == "-" { negative = true; i += 1 }
        if peek() == "+" { throw fail("EDTF years take no '+' sign", at: i) }
        let yearStart = i
        let yearText = try readDigits()
        if yearText.isEmpty { throw expectedYear(longYear: longYear) }
        if longYear {
            try checkLevel2Suffix(afterYear: true)
            try checkLongYear(yearText, at: yearStart, prefixAt: start)
        } else if yearText.count != 4 {
            if yearText.count > 4, !yearText.contains("X") {
                throw fail("a year has four digits; longer years need a 'Y' prefix, e.g. Y\(negative ? "-" : "")\(yearText)", at: yearStart)
            }
            throw fail("a year must have four digits, found \(yearText.count)", at: yearStart)
        }
        if negative && yearText.allSatisfy({ $0 == "0" }) {
            throw fail("year -\(yearText) is not allowed; write \(yearText)", at: start)
        }
        try checkLevel2Suffix(afterYear: true)

        var monthText: String?, monthStart = 0
        var dayText: String?, dayStart = 0
        if peek() == "-" {
            if longYear { throw fail("a 'Y' year cannot have a month or day", at: i) }
            i += 1
            monthStart = i
            monthText = try readComponent("month")
            try checkLevel2Suffix(afterYear: false)
            if peek() == "-" {
                i += 1
                dayStart = i
                dayText = try readComponent("day")
                try checkLevel2Suffix(afterYear: false)
            }
        }

        var time: EDTFTime?
        if peek() == "T" {
            guard dayText != nil, !(monthText! + dayText!).contains("X") else {
                throw fail("a time of day needs a complete date (year, month and day)", at: i)
            }
            time = try parseTime()
        }
        var uncertain = false, approximate = false
        if let q = peek(), EDTFParser.isQualifier(q) {
            if time != nil { throw fail("a qualifier cannot follow a time of day", at: i) }
            uncertain = q != "~"
            approximate = q != "?"
            i += 1
            if let q2 = peek(), EDTFParser.isQualifier(q2) {
                throw fail("only one qualifier is allowed; '%' means both uncertain and approximate", at: i)
            }
            if peek() == "-" { throw partialQualification(at: i - 1) }
        }

        var single = EDTFSingle(
            yearText: yearText, negative: negative, longYear: longYear, monthText: monthText, dayText: dayText,
            time: time, uncertain: uncertain, approximate: approximate,
            earliest: Day(dayNumber: 0), latest: Day(dayNumber: 0), offset: start)
        let bounds = try EDTFBounds(parser: self, yearStart: yearStart, monthStart: monthStart, dayStart: dayStart)
            .compute(single)
        single.earliest = bounds.earliest
        single.latest = bounds.latest
        return single
    }

    /// A run of digits and 'X'; rejects lower-case 'x' and the old 'u'.
    mutating func readDigits() throws(EDTFError) -> String {
        var s = ""
        while let c = peek() {
            if EDTFParser.isDigit(c) || c == "X" {
                s.append(c)
                i += 1
            } else if c == "x" {
                throw fail("unspecified digits are written with a capital 'X'", at: i)
            } else if c == "u" && !s.isEmpty {
                throw fail("unspecified digits are written 'X' (the old 'u' is no longer EDTF)", at: i)
            } else {
                break
            }
        }
        return s
    }

    /// Exactly two digits/X for a month or day.
    private mutating func readComponent(_ name: String) throws(EDTFError) -> String {
        let start = i
        if let q = peek(), EDTFParser.isQualifier(q) { throw partialQualification(at: i) }
        let s = try readDigits()
        if s.isEmpty {
            if let c = peek() { throw fail("expected a two-digit \(name), found \(EDTFParser.shown(c))", at: start) }
            throw fail("expected a two-digit \(name)", at: start)
        }
        if s.count != 2 { throw fail("a \(name) must have two digits, e.g. 06, found \(s.count)", at: start) }
        return s
    }

    private func checkLongYear(_ yearText: String, at yearStart: Int, prefixAt start: Int) throws(EDTFError) {
        if let x = yearText.firstIndex(of: "X") {
            throw fail("unspecified digits (X) are not supported in a 'Y' year", at: yearStart + yearText.distance(from: yearText.startIndex, to: x))
        }
        if yearText.count > 10 { throw fail("the year is too large (at most 10 digits are supported)", at: yearStart) }
        if (Int(yearText) ?? 0) <= 9999 {
            throw fail("a 'Y' prefix is only for years of more than four digits; write the year without it", at: start)
        }
    }

    /// Rejects level-2 year/date suffixes we do not support ('E' exponent, 'S' significant digits, inner qualifiers).
    private func checkLevel2Suffix(afterYear: Bool) throws(EDTFError) {
        guard let c = peek() else { return }
        if afterYear && c == "E" { throw fail("exponential years ('E') are EDTF level 2 and not supported", at: i) }
        if c == "S" { throw fail("significant digits ('S') are EDTF level 2 and not supported", at: i) }
        if EDTFParser.isQualifier(c), peek(1) == "-" { throw partialQualification(at: i) }
    }

    // MARK: - Errors and helpers

    func fail(_ message: String, at offset: Int) -> EDTFError {
        EDTFError(message, at: offset, in: text)
    }

    func unexpected(_ c: Character, after what: String) -> EDTFError {
        if c == " " { return fail("unexpected space after \(what) (EDTF has no spaces)", at: i) }
        if EDTFParser.isQualifier(c) { return fail("unexpected \(EDTFParser.shown(c)) after \(what)", at: i) }
        return fail("unexpected \(EDTFParser.shown(c)) after \(what)", at: i)
    }

    private func partialQualification(at offset: Int) -> EDTFError {
        fail("a qualifier on part of a date (\(EDTFParser.shown(chars[offset])) here) is EDTF level 2 and not supported; put one qualifier at the end of the date", at: offset)
    }

    private func expectedYear(longYear: Bool) -> EDTFError {
        guard let c = peek() else { return fail("expected a year", at: i) }
        if EDTFParser.isQualifier(c) { return partialQualification(at: i) }
        if c == " " { return fail("unexpected space (EDTF has no spaces)", at: i) }
        if c == "." { return fail("'..' is only allowed at the start or end of an interval or set", at: i) }
        return fail("expected a year (four digits\(longYear ? "" : " or 'Y' and more digits")), found \(EDTFParser.shown(c))", at: i)
    }

    private func hasWord(_ word: String) -> Bool {
        let w = Array(word)
        guard i + w.count <= chars.count else { return false }
        return Array(chars[i..<(i + w.count)]) == w
    }

    func peek(_ ahead: Int = 0) -> Character? {
        i + ahead < chars.count ? chars[i + ahead] : nil
    }

    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57 && c.unicodeScalars.count == 1
    }

    static func isQualifier(_ c: Character) -> Bool { c == "?" || c == "~" || c == "%" }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return h.count < 4 ? String(repeating: "0", count: 4 - h.count) + h : h
    }

    /// A character quoted for an error message.
    static func shown(_ c: Character) -> String {
        if c == " " { return "a space" }
        let invisible = c.unicodeScalars.allSatisfy {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                || $0.properties.isWhitespace
        }
        if invisible {
            let codes = c.unicodeScalars.map { "U+" + hex4($0.value) }.joined(separator: " ")
            return "invisible character \(codes)"
        }
        return "'\(c)'"
    }
}
