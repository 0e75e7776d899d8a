import Server
import Testing

/// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in.
@Suite struct HTTPDateTextTests {
    /// RFC 9110's own example instant, 1994-11-06 08:49:37 UTC.
    static let example: Int64 = 784_111_777

    @Test func format_IsIMFFixdate() {
        #expect(HTTPDateText.format(Self.example) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDateText.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func allThreeFormats_Parse(text: String) {
        #expect(HTTPDateText.parse(text) == Self.example)
    }

    @Test func formatThenParse_RoundTrips() {
        for seconds: Int64 in [0, 951_782_400, 1_709_164_800, 4_102_444_799, Self.example] {  // leap days, 2099-12-31
            #expect(HTTPDateText.parse(HTTPDateText.format(seconds)) == seconds)
        }
    }

    @Test(arguments: [
        "", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49 GMT", "1994-11-06T08:49:37Z",
    ])
    func anythingElse_IsNil(text: String) {
        #expect(HTTPDateText.parse(text) == nil, "\(text)")
    }
}
