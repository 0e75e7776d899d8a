/// A parsed EDTF (ISO 8601-2 Extended Date/Time Format) value: levels 0 and 1, plus the level-2 sets
/// `[a,b,c..d]` (one of), `{a,b}` (all of) and the level-2 seasons 25–41.
///
/// Conventions:
/// - `earliest`/`latest` are the first and last day the value allows (day precision; a time of day and its
///   zone are kept in `display` but do not shift the day). nil means an open ("..") or unknown ("") end.
/// - `uncertain` is true when any '?' or '%' appears; `approximate` when any '~' or '%' appears.
///   A one-of set `[a,b]` is *not* marked uncertain by itself: the set says it.
/// - Seasons 21/25 spring = March–May, 22/26 summer = June–August, 23/27 autumn = September–November,
///   24/28 winter = December of the year to the end of February of the next year (29–32: southern
///   hemisphere, 33–36 quarters, 37–39 four-month periods, 40–41 halves).
/// - Years are astronomical as in EDTF: 0000 is 1 BC, -0100 is 101 BC.
public struct EDTFDate: Sendable, Hashable {
    /// The input, unchanged.
    public let edtf: String
    /// First day the value allows; nil = open or unknown start.
    public let earliest: Day?
    /// Last day the value allows; nil = open or unknown end.
    public let latest: Day?
    /// Any '?' or '%' anywhere.
    public let uncertain: Bool
    /// Any '~' or '%' anywhere.
    public let approximate: Bool
    /// The EDTF conformance level the value needs (0, 1 or 2).
    public let level: Int
    /// The parsed structure.
    let expression: EDTFExpression

    /// Parses an EDTF string (level 0, level 1, level-2 sets and seasons), or says what is wrong and where.
    public static func parse(_ text: String) throws(EDTFError) -> EDTFDate {
        var parser = EDTFParser(text)
        let expression = try parser.parse()
        let dates = expression.dates
        return EDTFDate(
            edtf: text, earliest: expression.earliest, latest: expression.latest,
            uncertain: dates.contains { $0.uncertain }, approximate: dates.contains { $0.approximate },
            level: expression.level, expression: expression)
    }

    /// Parses only a plain level-0 date ("1941", "1941-06", "1941-06-14"), e.g. for `from`/`to` query parameters;
    /// anything else (intervals, times, qualifiers, X, seasons, negative years, sets) is refused with a clear message.
    public static func parseLevel0(_ text: String) throws(EDTFError) -> EDTFDate {
        let date = try parse(text)
        let hint = "; only a plain date like 1941, 1941-06 or 1941-06-14 is allowed here"
        guard case .single(let d) = date.expression else {
            let slash = Array(text).firstIndex(of: "/") ?? 0
            let what = text.first == "[" || text.first == "{" ? "a set" : "an interval"
            throw EDTFError(what + " is not allowed" + hint, at: text.first == "[" || text.first == "{" ? 0 : slash, in: text)
        }
        let reason: (String, Int)? = {
            if d.longYear { return ("a 'Y' year", 0) }
            if d.negative { return ("a negative year", 0) }
            if let x = Array(text).firstIndex(of: "X") { return ("an unspecified digit 'X'", x) }
            if d.season != nil { return ("a season", 5) }
            if let t = d.time { return ("a time of day", t.offset) }
            if let q = Array(text).firstIndex(where: EDTFParser.isQualifier) { return ("the qualifier '\(Array(text)[q])'", q) }
            return nil
        }()
        if let (what, offset) = reason { throw EDTFError(what + " is not allowed" + hint, at: offset, in: text) }
        return date
    }

    /// Readable English, e.g. "between 3 February and 7 June 1941", "about 1940", "June 1941?", "the 1940s".
    public var display: String { EDTFDisplay.render(expression) }

    /// True for "a/b" intervals (including open or unknown ends).
    public var isInterval: Bool {
        if case .interval = expression { return true } else { return false }
    }

    /// True for level-2 sets "[…]" and "{…}".
    public var isSet: Bool {
        if case .set = expression { return true } else { return false }
    }
}

extension EDTFDate: CustomStringConvertible {
    /// The EDTF text.
    public var description: String { edtf }
}
