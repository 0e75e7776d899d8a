import Support

/// HTTP dates for Last-Modified and If-Modified-Since (RFC 9110 §5.6.7): IMF-fixdate out, and
/// all three formats in (IMF-fixdate, the obsolete RFC 850 form and asctime). Written here because
/// FoundationEssentials has no HTTP-date format style (only ISO 8601).
public enum HTTPDateText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for seconds since the epoch.
    public static func format(_ seconds: Int64) -> String {
        String(decoding: HTTPDateCache.imfFixdate(Int(seconds)), as: UTF8.self)
    }

    /// Seconds since the epoch, or nil for anything that is not an HTTP date (then the
    /// condition is ignored, as RFC 9110 §13.1.3 requires).
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var day: Int?, month: Int?, year: Int?, time: String?
        if parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT" {          // IMF-fixdate
            (day, month, year, time) = (Int(parts[1]), months.firstIndex(of: parts[2]).map { $0 + 1 }, Int(parts[3]), parts[4])
        } else if parts.count == 4, parts[0].hasSuffix(","), parts[3] == "GMT" {   // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let date = parts[1].split(separator: "-").map(String.init)
            guard date.count == 3, let shortYear = Int(date[2]) else { return nil }
            (day, month, year, time) = (Int(date[0]), months.firstIndex(of: date[1]).map { $0 + 1 }, shortYear < 70 ? 2000 + shortYear : 1900 + shortYear, parts[2])
        } else if parts.count == 5 {                                                   // asctime: Sun Nov  6 08:49:37 1994
            (day, month, year, time) = (Int(parts[2]), months.firstIndex(of: parts[1]).map { $0 + 1 }, Int(parts[4]), parts[3])
        }
        guard let day, let month, let year, let time, let dayNumber = CivilDate.dayNumber(year: year, month: month, day: day) else { return nil }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        return Int64(dayNumber) * 86400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
    }
}
