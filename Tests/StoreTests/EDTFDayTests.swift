import Testing
@testable import Store

@Suite("EDTF Day")
struct EDTFDayTests {
    @Test func validatesMonthsDaysAndLeapYears() {
        #expect(Day(year: 1941, month: 6, day: 7) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2004, month: 2, day: 29) != nil)
        #expect(Day(year: 1941, month: 2, day: 29) == nil)
        #expect(Day(year: 1941, month: 4, day: 31) == nil)
        #expect(Day(year: 1941, month: 13, day: 1) == nil)
        #expect(Day(year: 1941, month: 0, day: 1) == nil)
        #expect(Day(year: 1941, month: 1, day: 0) == nil)
        #expect(Day(year: 0, month: 2, day: 29) != nil)       // year 0 (1 BC) is a leap year
        #expect(Day(year: -100, month: 2, day: 29) == nil)    // -100 is divisible by 100, not 400
        #expect(Day(year: -4, month: 2, day: 29) != nil)
        #expect(Day(year: Int.max, month: 1, day: 1) == nil)
    }

    @Test func dayNumbersMatchKnownValues() {
        #expect(Day(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(Day(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        #expect(Day(year: 1941, month: 6, day: 14)!.dayNumber == -10428)
        #expect(Day(year: 2000, month: 2, day: 29)!.dayNumber == 11016)
        #expect(Day(year: 1, month: 1, day: 1)!.dayNumber == -719162)
        #expect(Day(year: 9999, month: 12, day: 31)!.dayNumber == 2932896)
        #expect(Day(year: 1900, month: 3, day: 1)!.dayNumber == -25508)
        #expect(Day(year: 0, month: 3, day: 1)!.dayNumber == -719468)
    }

    @Test func dayNumberRoundTripsAndIsMonotonic() {
        var previous: Day?
        for n in stride(from: -800_000, through: 800_000, by: 7) {
            let day = Day(dayNumber: n)
            #expect(day.dayNumber == n)
            #expect(Day(year: day.year, month: day.month, day: day.day) == day)
            if let previous { #expect(previous < day) }
            previous = day
        }
        for n in [-3_000_000_000, 60_000_000_000, -1] {
            #expect(Day(dayNumber: n).dayNumber == n)
        }
        // Extreme inputs are clamped, not trapped on.
        _ = Day(dayNumber: Int.max)
        _ = Day(dayNumber: Int.min)
    }

    @Test func comparesChronologically() {
        let a = Day(year: -100, month: 12, day: 31)!, b = Day(year: 0, month: 1, day: 1)!
        let c = Day(year: 1941, month: 6, day: 7)!, d = Day(year: 1941, month: 6, day: 8)!
        #expect(a < b && b < c && c < d)
        #expect([d, a, c, b].sorted() == [a, b, c, d])
    }

    @Test func isoFormatting() {
        #expect(Day(year: 1941, month: 6, day: 7)!.iso == "1941-06-07")
        #expect(Day(year: 0, month: 1, day: 1)!.iso == "0000-01-01")
        #expect(Day(year: 50, month: 3, day: 9)!.iso == "0050-03-09")
        #expect(Day(year: -100, month: 1, day: 1)!.iso == "-0100-01-01")
        #expect(Day(year: -12345, month: 1, day: 1)!.iso == "-12345-01-01")
        #expect(Day(year: 12345, month: 1, day: 1)!.iso == "+12345-01-01")
        #expect(Day(year: 9999, month: 12, day: 31)!.iso == "9999-12-31")
    }

    @Test func isoParsing() {
        #expect(Day(iso: "1941-06-07") == Day(year: 1941, month: 6, day: 7))
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "1900-02-29") == nil)
        #expect(Day(iso: "-0100-01-01") == Day(year: -100, month: 1, day: 1))
        #expect(Day(iso: "+12345-01-01") == Day(year: 12345, month: 1, day: 1))
        for bad in ["", "1941", "1941-06", "1941-6-07", "41-06-07", "1941-06-07T10:00", "+1941-06-07",
                    "-0000-01-01", "19410607", "1941-06-7", "1941/06/07", "１９４１-06-07", "-", "+"] {
            #expect(Day(iso: bad) == nil, "\(bad)")
        }
        for n in stride(from: -1_000_000, through: 4_000_000, by: 997) {
            let day = Day(dayNumber: n)
            #expect(Day(iso: day.iso) == day)
        }
    }
}
