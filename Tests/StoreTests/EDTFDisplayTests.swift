import Testing
@testable import Store

@Suite("EDTF display")
struct EDTFDisplayTests {
    @Test(arguments: [
        // Required by the brief.
        ("1941-02-03/1941-06-07", "between 3 February and 7 June 1941"),
        ("1940~", "about 1940"),
        ("1941-06?", "June 1941?"),
        ("1941-06-14", "14 June 1941"),
        ("1941", "1941"),
        ("1941-06", "June 1941"),
        // Intervals.
        ("1941-02-03/1942-06-07", "between 3 February 1941 and 7 June 1942"),
        ("1941-06-03/1941-06-07", "between 3 and 7 June 1941"),
        ("1941-02/1941-06", "between February and June 1941"),
        ("1941-02-03/1941-06", "between 3 February and June 1941"),
        ("1941/1945", "between 1941 and 1945"),
        ("1941/1941-06", "between 1941 and June 1941"),
        ("1941-06-14/1941-06-14", "14 June 1941"),
        ("1941/..", "from 1941 on"),
        ("../1941", "until 1941"),
        ("1941/", "from 1941 (end unknown)"),
        ("/1941", "until 1941 (start unknown)"),
        ("1941-06-14~/..", "from about 14 June 1941 on"),
        ("2004-06~/2004-06-11%", "between about June 2004 and about 11 June 2004?"),
        ("1984?/2004%", "between 1984? and about 2004?"),
        ("-0200/-0100", "between 201 BC and 101 BC"),
        ("-0100-02-03/-0100-06-07", "between 3 February and 7 June 101 BC"),
        ("2001-21/2001-23", "between spring 2001 and autumn 2001"),
        // Qualifiers.
        ("1940%", "about 1940?"),
        ("1941-06-14?", "14 June 1941?"),
        ("1941-06-14~", "about 14 June 1941"),
        // Sets.
        ("[1905-08-13,1905-08-25]", "one of 13 August 1905 or 25 August 1905"),
        ("[1667,1668,1670..1672]", "one of 1667, 1668 or 1670 to 1672"),
        ("{1667,1668,1670..1672}", "all of 1667, 1668 and 1670 to 1672"),
        ("{1960,1961-12}", "all of 1960 and December 1961"),
        ("[1905-08-13..1905-08-25]", "one of 13 to 25 August 1905"),
        ("[..1760-12-03]", "3 December 1760 or earlier"),
        ("[1760-12..]", "December 1760 or later"),
        ("[..1760-12-03,1762]", "one of: 3 December 1760 or earlier; 1762"),
        ("[1667,1760-12..]", "one of: 1667; December 1760 or later"),
        ("{..1984}", "1984 and earlier"),
        ("[1941]", "1941"),
        ("[1941?,1942~]", "one of 1941? or about 1942"),
        // Seasons.
        ("1941-21", "spring 1941"),
        ("1941-22", "summer 1941"),
        ("1941-23", "autumn 1941"),
        ("1941-24", "winter 1941–1942"),
        ("1941-21?", "spring 1941?"),
        ("2001-25", "spring 2001 (Northern Hemisphere)"),
        ("2001-30", "summer 2001–2002 (Southern Hemisphere)"),
        ("2001-32", "winter 2001 (Southern Hemisphere)"),
        ("2001-33", "first quarter of 2001"),
        ("2001-36", "fourth quarter of 2001"),
        ("2001-38", "May–August 2001"),
        ("2001-41", "second half of 2001"),
        ("-0100-24", "winter 101–100 BC"),
        ("0000-24", "winter 1 BC–AD 1"),
        // Unspecified digits.
        ("194X", "the 1940s"),
        ("194X~", "about the 1940s"),
        ("200X", "the 2000s"),
        ("19XX", "some year between 1900 and 1999"),
        ("-194X", "some year between 1950 BC and 1941 BC"),
        ("1941-XX", "1941 (month unknown)"),
        ("1941-06-XX", "June 1941 (day unknown)"),
        ("1941-06-XX?", "June 1941? (day unknown)"),
        ("1941-XX-XX", "1941 (month and day unknown)"),
        ("194X-XX", "the 1940s (month unknown)"),
        ("1984-1X", "between October and December 1984"),
        ("1985-04-1X", "between 10 and 19 April 1985"),
        // Years.
        ("-0100", "101 BC"),
        ("-0099", "100 BC"),
        ("0000", "1 BC"),
        ("0001", "AD 1"),
        ("0050", "AD 50"),
        ("-0100-03-15", "15 March 101 BC"),
        ("Y170000002", "170000002"),
        ("Y-170000002", "170000003 BC"),
        // Times.
        ("1985-04-12T23:20:30", "12 April 1985, 23:20:30"),
        ("1985-04-12T23:20:30Z", "12 April 1985, 23:20:30 UTC"),
        ("1985-04-12T23:20:30+04:00", "12 April 1985, 23:20:30 UTC+04:00"),
        ("1985-04-12T23:20:30-04", "12 April 1985, 23:20:30 UTC-04"),
    ])
    func display(_ text: String, _ expected: String) throws {
        #expect(try EDTFDate.parse(text).display == expected)
    }
}
