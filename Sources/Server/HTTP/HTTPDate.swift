import Support

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), formatted without Foundation.
struct HTTPDateCache {
    private var second = Int.min
    private var line: [UInt8] = []

    /// The `Date: …\r\n` field line for the current second (rebuilt at most once a second).
    mutating func fieldLine() -> [UInt8] {
        let now = SystemClock.wallClock().seconds
        if now != second {
            second = now
            line = Array((HTTPFieldName.date.rawValue + ": ").utf8) + HTTPDateCache.imfFixdate(now) + [0x0D, 0x0A]
        }
        return line
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The IMF-fixdate bytes for a Unix time in seconds.
    static func imfFixdate(_ seconds: Int) -> [UInt8] {
        let t = SystemClock.utcFields(seconds)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: days[t.weekday].utf8)
        out.append(contentsOf: ", ".utf8)
        appendDigits(t.day, width: 2, to: &out)
        out.append(0x20)
        out.append(contentsOf: months[t.month - 1].utf8)
        out.append(0x20)
        appendDigits(t.year, width: 4, to: &out)
        out.append(0x20)
        appendDigits(t.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(t.minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(t.second, width: 2, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    /// Appends `value` in decimal, zero-padded to `width`.
    static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(0x30 + rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(0x30) }
        out.append(contentsOf: digits.reversed())
    }
}
