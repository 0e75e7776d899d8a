// The level-0 time of day after a complete date: "T23:20:30", "…Z", "…+04:00".

extension EDTFParser {
    /// "T" hh:mm:ss, then optional "Z" or ±hh[:mm].
    mutating func parseTime() throws(EDTFError) -> EDTFTime {
        let t = i
        i += 1
        let hour = try twoDigits("hour", max: 23)
        try expect(":", "expected ':' after the hour (times are hh:mm:ss)")
        let minute = try twoDigits("minute", max: 59)
        try expect(":", "expected ':' after the minutes (times are hh:mm:ss)")
        let second = try twoDigits("second", max: 59)
        if peek() == "." || peek() == "," , let n = peek(1), EDTFParser.isDigit(n) {
            throw fail("fractions of a second are not supported", at: i)
        }
        var zone: String?
        if peek() == "Z" {
            zone = "Z"
            i += 1
        } else if let sign = peek(), sign == "+" || sign == "-" {
            let zoneStart = i
            i += 1
            _ = try twoDigits("time-zone hour", max: 23)
            if peek() == ":" {
                i += 1
                _ = try twoDigits("time-zone minute", max: 59)
            }
            zone = String(chars[zoneStart..<i])
        }
        return EDTFTime(hour: hour, minute: minute, second: second, zone: zone, offset: t)
    }

    private mutating func twoDigits(_ name: String, max: Int) throws(EDTFError) -> Int {
        let start = i
        var value = 0
        for _ in 0..<2 {
            guard let c = peek(), EDTFParser.isDigit(c) else {
                throw fail("expected a two-digit \(name)", at: start)
            }
            value = value * 10 + Int(c.asciiValue! - 48)
            i += 1
        }
        if let c = peek(), EDTFParser.isDigit(c) { throw fail("expected a two-digit \(name)", at: start) }
        if value > max { throw fail("\(name) \(String(chars[start..<i])) is out of range", at: start) }
        return value
    }

    private mutating func expect(_ c: Character, _ message: String) throws(EDTFError) {
        guard peek() == c else { throw fail(message, at: i) }
        i += 1
    }
}
