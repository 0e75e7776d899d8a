/// `yyyy-MM-ddTHH:mm:ss.SSSZ` for the access log.
public enum UTCTimestamp {
    /// The current UTC time in ISO 8601 with milliseconds.
    public static func now() -> String {
        let clock = SystemClock.wallClock()
        return format(seconds: clock.seconds, milliseconds: clock.milliseconds)
    }

    /// A UTC time in ISO 8601 (RFC 3339), with milliseconds when given.
    public static func format(seconds: Int, milliseconds: Int?) -> String {
        let t = SystemClock.utcFields(seconds)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendDigits(t.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(t.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(t.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendDigits(t.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(t.minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(t.second, width: 2, to: &out)
        if let milliseconds {
            out.append(UInt8(ascii: "."))
            appendDigits(milliseconds, width: 3, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat { digits.append(UInt8(ascii: "0") + UInt8(rest % 10)); rest /= 10 } while rest > 0
        if digits.count < width { digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }
}
