import Testing
@testable import Store

/// "earliest..latest" in ISO form, "nil" for an open/unknown end.
func edtfSpan(_ text: String) throws -> String {
    let d = try EDTFDate.parse(text)
    return (d.earliest?.iso ?? "nil") + ".." + (d.latest?.iso ?? "nil")
}

@Suite("EDTF parsing: spec examples")
struct EDTFParserTests {
    // MARK: Level 0

    @Test(arguments: [
        ("1985-04-12", "1985-04-12..1985-04-12"),
        ("1985-04", "1985-04-01..1985-04-30"),
        ("1985", "1985-01-01..1985-12-31"),
        ("1941", "1941-01-01..1941-12-31"),
        ("1941-06", "1941-06-01..1941-06-30"),
        ("1941-06-07", "1941-06-07..1941-06-07"),
        ("1941-02", "1941-02-01..1941-02-28"),
        ("2000-02", "2000-02-01..2000-02-29"),
        ("0000", "0000-01-01..0000-12-31"),
        ("9999", "9999-01-01..9999-12-31"),
        ("1985-04-12T23:20:30", "1985-04-12..1985-04-12"),
        ("1985-04-12T23:20:30Z", "1985-04-12..1985-04-12"),
        ("1985-04-12T23:20:30-04", "1985-04-12..1985-04-12"),
        ("1985-04-12T23:20:30+04:30", "1985-04-12..1985-04-12"),
        ("1985-04-12T23:20:30+04:00", "1985-04-12..1985-04-12"),
        ("1964/2008", "1964-01-01..2008-12-31"),
        ("2004-06/2006-08", "2004-06-01..2006-08-31"),
        ("2004-02-01/2005-02-08", "2004-02-01..2005-02-08"),
        ("2004-02-01/2005-02", "2004-02-01..2005-02-28"),
        ("2004-02-01/2005", "2004-02-01..2005-12-31"),
        ("2005/2006-02", "2005-01-01..2006-02-28"),
        ("1941-02-03/1941-06-07", "1941-02-03..1941-06-07"),
        ("1941/1941-06", "1941-01-01..1941-06-30"),
        ("1941-06-07/1941-06-07", "1941-06-07..1941-06-07"),
    ])
    func level0(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        let d = try EDTFDate.parse(text)
        #expect(d.level == 0)
        #expect(!d.uncertain && !d.approximate)
        #expect(d.edtf == text)
    }

    // MARK: Level 1

    @Test func letterPrefixedYears() throws {
        #expect(try edtfSpan("Y170000002") == "+170000002-01-01..+170000002-12-31")
        #expect(try edtfSpan("Y-170000002") == "-170000002-01-01..-170000002-12-31")
        #expect(try edtfSpan("Y10000") == "+10000-01-01..+10000-12-31")
        #expect(try EDTFDate.parse("Y170000002").level == 1)
    }

    @Test(arguments: [
        ("2001-21", "2001-03-01..2001-05-31"),
        ("2001-22", "2001-06-01..2001-08-31"),
        ("2001-23", "2001-09-01..2001-11-30"),
        ("2001-24", "2001-12-01..2002-02-28"),
        ("2003-24", "2003-12-01..2004-02-29"),
        ("1941-21", "1941-03-01..1941-05-31"),
    ])
    func seasons(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        #expect(try EDTFDate.parse(text).level == 1)
    }

    @Test func qualifiers() throws {
        let a = try EDTFDate.parse("1984?")
        #expect(a.uncertain && !a.approximate)
        #expect(try edtfSpan("1984?") == "1984-01-01..1984-12-31")
        let b = try EDTFDate.parse("2004-06~")
        #expect(!b.uncertain && b.approximate)
        #expect(try edtfSpan("2004-06~") == "2004-06-01..2004-06-30")
        let c = try EDTFDate.parse("2004-06-11%")
        #expect(c.uncertain && c.approximate)
        #expect(try edtfSpan("2004-06-11%") == "2004-06-11..2004-06-11")
        #expect(a.level == 1 && b.level == 1 && c.level == 1)
        let s = try EDTFDate.parse("2001-21~")
        #expect(s.approximate)
    }

    @Test(arguments: [
        ("201X", "2010-01-01..2019-12-31"),
        ("20XX", "2000-01-01..2099-12-31"),
        ("2004-XX", "2004-01-01..2004-12-31"),
        ("1985-04-XX", "1985-04-01..1985-04-30"),
        ("1985-XX-XX", "1985-01-01..1985-12-31"),
        ("1941-02-XX", "1941-02-01..1941-02-28"),
        ("2000-02-XX", "2000-02-01..2000-02-29"),
        ("194X", "1940-01-01..1949-12-31"),
        ("-194X", "-1949-01-01..-1940-12-31"),
        ("194X?", "1940-01-01..1949-12-31"),
    ])
    func unspecifiedDigits(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        #expect(try EDTFDate.parse(text).level == 1)
    }

    @Test(arguments: [
        ("1985-04-12/..", "1985-04-12..nil"),
        ("1985-04/..", "1985-04-01..nil"),
        ("1985/..", "1985-01-01..nil"),
        ("../1985-04-12", "nil..1985-04-12"),
        ("../1985-04", "nil..1985-04-30"),
        ("../1985", "nil..1985-12-31"),
        ("1985-04-12/", "1985-04-12..nil"),
        ("1985-04/", "1985-04-01..nil"),
        ("1985/", "1985-01-01..nil"),
        ("/1985-04-12", "nil..1985-04-12"),
        ("/1985-04", "nil..1985-04-30"),
        ("/1985", "nil..1985-12-31"),
        ("1984~/2004-06", "1984-01-01..2004-06-30"),
        ("1984/2004-06~", "1984-01-01..2004-06-30"),
        ("1984~/2004~", "1984-01-01..2004-12-31"),
        ("1984?/2004%", "1984-01-01..2004-12-31"),
        ("1984-06?/2004-08?", "1984-06-01..2004-08-31"),
        ("1984-06-02?/2004-08-08~", "1984-06-02..2004-08-08"),
        ("1984-06-02?/", "1984-06-02..nil"),
        ("1984-06-02?/..", "1984-06-02..nil"),
        ("../1984-06-02~", "nil..1984-06-02"),
        ("2004-06~/2004-06-11%", "2004-06-01..2004-06-11"),
        ("2001-21/2001-23", "2001-03-01..2001-11-30"),
    ])
    func extendedIntervals(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        #expect(try EDTFDate.parse(text).isInterval)
    }

    @Test func qualifiersInsideIntervalsSetTheFlags() throws {
        let a = try EDTFDate.parse("2004-06~/2004-06-11%")
        #expect(a.uncertain && a.approximate)
        let b = try EDTFDate.parse("1984~/2004-06")
        #expect(!b.uncertain && b.approximate)
        let c = try EDTFDate.parse("1984/2004-06?")
        #expect(c.uncertain && !c.approximate)
        let d = try EDTFDate.parse("1984/2004-06")
        #expect(!d.uncertain && !d.approximate && d.level == 0)
        #expect(try EDTFDate.parse("1985/..").level == 1)
    }

    @Test func negativeYears() throws {
        #expect(try edtfSpan("-1985") == "-1985-01-01..-1985-12-31")
        #expect(try edtfSpan("-0100") == "-0100-01-01..-0100-12-31")
        #expect(try edtfSpan("-0100-02") == "-0100-02-01..-0100-02-28")
        #expect(try edtfSpan("-0004-02") == "-0004-02-01..-0004-02-29")
        #expect(try edtfSpan("-1985-04-12") == "-1985-04-12..-1985-04-12")
        #expect(try edtfSpan("-0200/-0100") == "-0200-01-01..-0100-12-31")
        #expect(try EDTFDate.parse("-1985").level == 1)
    }

    // MARK: Level 2 (supported parts)

    @Test(arguments: [
        ("[1667,1668,1670..1672]", "1667-01-01..1672-12-31"),
        ("[..1760-12-03]", "nil..1760-12-03"),
        ("[1760-12..]", "1760-12-01..nil"),
        ("[1667,1760-12]", "1667-01-01..1760-12-31"),
        ("[..1984]", "nil..1984-12-31"),
        ("{1667,1668,1670..1672}", "1667-01-01..1672-12-31"),
        ("{1960,1961-12}", "1960-01-01..1961-12-31"),
        ("{..1984}", "nil..1984-12-31"),
        ("[1905-08-13,1905-08-25]", "1905-08-13..1905-08-25"),
        ("[1905-08-25,1905-08-13]", "1905-08-13..1905-08-25"),
        ("[..1760-12-03,1762]", "nil..1762-12-31"),
        ("[1667,1760-12..]", "1667-01-01..nil"),
        ("[1941]", "1941-01-01..1941-12-31"),
        ("[1941-06-01..1941-06-14]", "1941-06-01..1941-06-14"),
        ("[1941?,1942~]", "1941-01-01..1942-12-31"),
        ("[-0100,1941-XX]", "-0100-01-01..1941-12-31"),
    ])
    func sets(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        let d = try EDTFDate.parse(text)
        #expect(d.isSet && d.level == 2)
    }

    @Test func setsAreNotUncertainByThemselves() throws {
        let oneOf = try EDTFDate.parse("[1667,1668]")
        #expect(!oneOf.uncertain && !oneOf.approximate)
        let qualified = try EDTFDate.parse("[1667?,1668~]")
        #expect(qualified.uncertain && qualified.approximate)
    }

    @Test(arguments: [
        ("2001-25", "2001-03-01..2001-05-31"),
        ("2001-28", "2001-12-01..2002-02-28"),
        ("2001-29", "2001-09-01..2001-11-30"),
        ("2001-30", "2001-12-01..2002-02-28"),
        ("2001-31", "2001-03-01..2001-05-31"),
        ("2001-32", "2001-06-01..2001-08-31"),
        ("2001-33", "2001-01-01..2001-03-31"),
        ("2001-36", "2001-10-01..2001-12-31"),
        ("2001-37", "2001-01-01..2001-04-30"),
        ("2001-39", "2001-09-01..2001-12-31"),
        ("2001-40", "2001-01-01..2001-06-30"),
        ("2001-41", "2001-07-01..2001-12-31"),
    ])
    func level2Seasons(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        #expect(try EDTFDate.parse(text).level == 2)
    }

    @Test(arguments: [
        ("1XXX", "1000-01-01..1999-12-31"),
        ("XXXX", "0000-01-01..9999-12-31"),
        ("1XXX-XX", "1000-01-01..1999-12-31"),
        ("194X-XX-XX", "1940-01-01..1949-12-31"),
        ("1984-1X", "1984-10-01..1984-12-31"),
        ("1984-0X", "1984-01-01..1984-09-30"),
        ("1984-0X-XX", "1984-01-01..1984-09-30"),
        ("1985-04-1X", "1985-04-10..1985-04-19"),
        ("1985-04-3X", "1985-04-30..1985-04-30"),
        ("1985-05-3X", "1985-05-30..1985-05-31"),
        ("1941-02-2X", "1941-02-20..1941-02-28"),
        ("2000-02-2X", "2000-02-20..2000-02-29"),
        ("1941-02-0X", "1941-02-01..1941-02-09"),
    ])
    func rightmostUnspecifiedDigitsBeyondLevel1(_ text: String, _ span: String) throws {
        #expect(try edtfSpan(text) == span)
        #expect(try EDTFDate.parse(text).level == 2)
    }

    @Test func levelZeroOnlyParsing() throws {
        #expect(try EDTFDate.parseLevel0("1941").latest?.iso == "1941-12-31")
        #expect(try EDTFDate.parseLevel0("1941-06").latest?.iso == "1941-06-30")
        #expect(try EDTFDate.parseLevel0("1941-06-14").earliest?.iso == "1941-06-14")
        let refused: [(String, String, Int)] = [
            ("1941?", "the qualifier '?' is not allowed", 4),
            ("1941-06~", "the qualifier '~' is not allowed", 7),
            ("194X", "an unspecified digit 'X' is not allowed", 3),
            ("1941/1942", "an interval is not allowed", 4),
            ("../1942", "an interval is not allowed", 2),
            ("[1941,1942]", "a set is not allowed", 0),
            ("1941-21", "a season is not allowed", 5),
            ("-1941", "a negative year is not allowed", 0),
            ("Y19410", "a 'Y' year is not allowed", 0),
            ("1941-06-14T10:00:00", "a time of day is not allowed", 10),
        ]
        for (text, message, offset) in refused {
            #expect(throws: EDTFError.self) { try EDTFDate.parseLevel0(text) }
            do {
                _ = try EDTFDate.parseLevel0(text)
            } catch {
                #expect(error.message.hasPrefix(message), "\(text): \(error.message)")
                #expect(error.message.contains("1941-06-14"))
                #expect(error.offset == offset, "\(text)")
            }
        }
        // Real errors keep their precise message.
        do {
            _ = try EDTFDate.parseLevel0("1941-13")
            Issue.record("accepted 1941-13")
        } catch {
            #expect(error.message == "month 13 is out of range")
        }
    }

    @Test func equalInputsAreEqualValues() throws {
        #expect(try EDTFDate.parse("1941-06") == EDTFDate.parse("1941-06"))
        #expect(try EDTFDate.parse("1941-06") != EDTFDate.parse("1941-06?"))
        let set: Set<EDTFDate> = [try EDTFDate.parse("1941"), try EDTFDate.parse("1941")]
        #expect(set.count == 1)
    }
}
