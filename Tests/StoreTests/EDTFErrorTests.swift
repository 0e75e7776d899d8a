import Testing
@testable import Store

/// The error `EDTFDate.parse` throws for `text` (nil if it parses).
func edtfError(_ text: String) -> EDTFError? {
    do {
        _ = try EDTFDate.parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite("EDTF errors")
struct EDTFErrorTests {
    @Test func describesWhatAndWhere() {
        let e = edtfError("1941-13-01")
        #expect(e?.message == "month 13 is out of range")
        #expect(e?.offset == 5)
        #expect(e?.description == "month 13 is out of range (at character 6 of \"1941-13-01\")")
        #expect(edtfError("1941-")?.description == "expected a two-digit month (at the end of \"1941-\")")
        #expect(edtfError("")?.description == "the date is empty")
    }

    @Test(arguments: [
        // (input, expected message fragment, offset)
        ("", "the date is empty", 0),
        ("banana", "expected a year (four digits or 'Y' and more digits), found 'b'", 0),
        ("1941-13-01", "month 13 is out of range", 5),
        ("1941-00", "month 00 is out of range", 5),
        ("1941-20", "month 20 is out of range", 5),
        ("1941-42", "month 42 is out of range", 5),
        ("1941-02-30", "day 30 is out of range for February 1941", 8),
        ("1900-02-29", "day 29 is out of range for February 1900 (not a leap year)", 8),
        ("1941-04-31", "day 31 is out of range for April 1941", 8),
        ("1941-04-00", "day 00 is out of range", 8),
        ("1941-04-32", "day 32 is out of range", 8),
        ("-0100-02-29", "day 29 is out of range for February 101 BC (not a leap year)", 9),
        ("1941-6-1", "a month must have two digits", 5),
        ("1941-06-1", "a day must have two digits", 8),
        ("1941-06-071", "a day must have two digits", 8),
        ("194", "a year must have four digits, found 3", 0),
        ("19410", "longer years need a 'Y' prefix, e.g. Y19410", 0),
        ("-19410", "e.g. Y-19410", 1),
        ("1941-06-07abc", "unexpected 'a' after the date", 10),
        ("1941 ", "unexpected space after the date (EDTF has no spaces)", 4),
        (" 1941", "unexpected space", 0),
        ("1941/1940", "the interval's start (1941) is after its end (1940)", 5),
        ("1941-06-08/1941-06-07", "is after its end", 11),
        ("1941/1942/1943", "an interval has only one '/'", 9),
        ("/", "an interval needs at least one date", 0),
        ("../..", "an interval needs at least one date", 2),
        ("..", "'..' (open end) is only allowed in an interval or a set", 0),
        ("1941/.", "expected '..'", 5),
        ("1941/open", "write nothing for an unknown end", 5),
        ("unknown/1941", "write nothing for an unknown end", 0),
        ("[", "the set opened at character 1 is not closed", 1),
        ("[1941", "the set opened at character 1 is not closed; expected a date and ']'", 5),
        ("{1941,", "is not closed; expected a date and '}'", 6),
        ("[]", "a set needs at least one date", 1),
        ("[1941,]", "expected a date after ','", 6),
        ("[1667,,1668]", "expected a year", 6),
        ("{1941]", "the set opened with '{' must be closed with '}'", 5),
        ("[1941, 1942]", "unexpected space", 6),
        ("[1941 ,1942]", "spaces are not allowed", 5),
        ("[1941/1942]", "intervals are not allowed inside a set", 5),
        ("[[1941]]", "sets cannot be nested", 1),
        ("[1941..1940]", "the range's start (1941) is after its end (1940)", 7),
        ("[1941,..1942]", "'..' before a date is only allowed on the first date of a set", 6),
        ("[1941..,1942]", "'..' after a date is only allowed on the last date of a set", 5),
        ("[..1941..]", "a set date cannot be open at both ends", 7),
        ("[1941]?", "a qualifier on a whole set is not supported", 6),
        ("[1941]x", "unexpected 'x' after the set", 6),
        ("1941-06-07T25:00:00", "hour 25 is out of range", 11),
        ("1941-06-07T23:60:00", "minute 60 is out of range", 14),
        ("1941-06-07T23:59:60", "second 60 is out of range", 17),
        ("1941-06-07T23:59", "expected ':' after the minutes", 16),
        ("1941-06-07T23:59:59.5", "fractions of a second are not supported", 19),
        ("1941-06-07T23:59:59+4", "expected a two-digit time-zone hour", 20),
        ("1941-06-07T23:59:59+24", "time-zone hour 24 is out of range", 20),
        ("1941-06T10:00:00", "a time of day needs a complete date", 7),
        ("1941-06-XXT10:00:00", "a time of day needs a complete date", 10),
        ("1941-06-07T10:00:00?", "a qualifier cannot follow a time of day", 19),
        ("1941-06-07T10:00:00/1942", "a time of day is not allowed in an interval", 10),
        ("1940/1941-06-07T10:00:00", "a time of day is not allowed in an interval", 15),
        ("[1941-06-07T10:00:00]", "a time of day is not allowed in a set", 11),
        ("1941??", "only one qualifier is allowed", 5),
        ("1941?~", "only one qualifier is allowed", 5),
        ("1984?-06", "a qualifier on part of a date ('?' here) is EDTF level 2 and not supported", 4),
        ("2004-06~-11", "EDTF level 2 and not supported", 7),
        ("?2004-06-11", "EDTF level 2 and not supported", 0),
        ("2004-?06-11", "EDTF level 2 and not supported", 5),
        ("2004-06-~01/2004-06-~20", "EDTF level 2 and not supported", 8),
        ("Y-17E7", "exponential years ('E') are EDTF level 2 and not supported", 4),
        ("1950S2", "significant digits ('S') are EDTF level 2 and not supported", 4),
        ("Y171010000S3", "significant digits ('S') are EDTF level 2 and not supported", 10),
        ("Y1985", "a 'Y' prefix is only for years of more than four digits", 0),
        ("Y-1985", "a 'Y' prefix is only for years of more than four digits", 0),
        ("Y12345-01", "a 'Y' year cannot have a month or day", 6),
        ("Y1234X", "unspecified digits (X) are not supported in a 'Y' year", 5),
        ("Y12345678901", "the year is too large", 1),
        ("y12345", "the long-year prefix is a capital 'Y'", 0),
        ("-0000", "year -0000 is not allowed; write 0000", 0),
        ("+1941", "EDTF years take no '+' sign", 0),
        ("201x", "unspecified digits are written with a capital 'X'", 3),
        ("198u", "the old 'u' is no longer EDTF", 3),
        ("156X-12-25", "'X' may only replace the rightmost digits", 5),
        ("15XX-12-25", "'X' may only replace the rightmost digits", 5),
        ("XXXX-12-XX", "'X' may only replace the rightmost digits", 5),
        ("1XXX-12", "'X' may only replace the rightmost digits", 5),
        ("1985-XX-12", "'X' may only replace the rightmost digits", 8),
        ("1X85", "'X' may only replace the rightmost digits", 2),
        ("1984-2X", "month 2X is out of range", 5),
        ("1941-02-3X", "day 3X is out of range for February 1941", 8),
        ("1941-04-4X", "day 4X is out of range", 8),
        ("2001-21-03", "a season cannot have a day", 8),
        ("2001-21X", "a month must have two digits", 5),
        ("１９４１", "expected a year (four digits or 'Y' and more digits), found '１'", 0),
        ("1941\u{301}", "a year must have four digits, found 3", 0),
        ("1941\u{0}", "unexpected invisible character U+0000 after the date", 4),
    ])
    func errors(_ text: String, _ fragment: String, _ offset: Int) {
        guard let error = edtfError(text) else {
            Issue.record("\"\(text)\" was accepted")
            return
        }
        #expect(error.message.contains(fragment), "\"\(text)\": \(error.message)")
        #expect(error.offset == offset, "\"\(text)\": \(error.message)")
        #expect(error.input == text)
        #expect(error.offset >= 0 && error.offset <= text.count)
    }

    @Test func tooLongInputsAreRefusedWithoutWork() {
        let long = String(repeating: "1941,", count: 100_000)
        let e = edtfError("[" + long + "1941]")
        #expect(e?.message.contains("too long") == true)
        #expect(e?.offset == EDTFParser.maxLength)
        #expect(e?.description.contains("…") == true)
        // A long but allowed set works.
        let ok = "[" + Array(repeating: "1941", count: 150).joined(separator: ",") + "]"
        #expect(edtfError(ok) == nil)
    }
}
