import Testing
@testable import Server

/// Every limit in ``HTTPLimits`` at N (accepted) and N+1 (refused with its status).
@Suite struct LimitTests {
    private func limits(_ change: (inout HTTPLimits) -> Void) -> HTTPLimits {
        var limits = HTTPLimits()
        change(&limits)
        return limits
    }

    @Test func defaults_AreThoseDocumented() {
        let limits = HTTPLimits()
        #expect(limits.maxRequestLine == 8192 && limits.maxBodySize == 1_048_576 && limits.headerTimeout == 10_000)
    }

    @Test func requestLine_AtLimit_IsAccepted_AndOneMoreIs414() {
        let line = { (length: Int) in "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1" }
        #expect(line(8192).utf8.count == 8192)
        #expect(parse(line(8192) + "\r\nHost: a\r\n\r\n", splits: false).requests.count == 1)
        #expect(parse(line(8193) + "\r\nHost: a\r\n\r\n", splits: false).error == .requestLineTooLong)
        #expect(ParseError.requestLineTooLong.status == 414)
        // Refused before the line ends: the server does not wait for a CRLF that may never come.
        #expect(outcome(feeding: [Array(line(8193).utf8)[...] + [0x0D]]).error == .requestLineTooLong)
    }

    @Test func requestLine_SmallLimit_IsExact() {
        let small = limits { $0.maxRequestLine = 16 }
        #expect(parse("GET /ab HTTP/1.1\r\nHost: a\r\n\r\n", limits: small).requests.count == 1)  // 16
        #expect(parse("GET /abc HTTP/1.1\r\nHost: a\r\n\r\n", limits: small).error == .requestLineTooLong)  // 17
    }

    @Test func fieldLine_AtLimit_IsAccepted_AndOneMoreIs431() {
        let small = limits { $0.maxFieldLine = 10 }
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nX: 1234567\r\n\r\n", limits: small).requests.count == 1)  // 10
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nX: 12345678\r\n\r\n", limits: small).error == .fieldLineTooLong)
        #expect(ParseError.fieldLineTooLong.status == 431)
    }

    @Test func headerSection_AtLimit_IsAccepted_AndOneMoreIs431() {
        let text = "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n"  // 16 + 9 + 6 + 2 = 33 bytes
        #expect(text.utf8.count == 33)
        #expect(parse(text, limits: limits { $0.maxHeaderSize = 33 }).requests.count == 1)
        #expect(parse(text, limits: limits { $0.maxHeaderSize = 32 }).error == .headerTooLarge)
        #expect(ParseError.headerTooLarge.status == 431)
    }

    @Test func fieldCount_AtLimit_IsAccepted_AndOneMoreIs431() {
        let fields = (0..<3).map { "X-\($0): 1\r\n" }.joined()
        let small = limits { $0.maxFieldCount = 4 }
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n", limits: small).requests.count == 1)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "X-9: 1\r\n\r\n", limits: small).error == .tooManyFields)
    }

    @Test func body_ContentLength_AtLimit_IsAccepted_AndOneMoreIs413_BeforeTheBody() {
        let small = limits { $0.maxBodySize = 5 }
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", limits: small).requests.count == 1)
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n", limits: small).error == .bodyTooLarge)
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1073741824\r\n\r\n").error == .bodyTooLarge)
        #expect(ParseError.bodyTooLarge.status == 413)
    }

    @Test func body_Chunked_AtLimit_IsAccepted_AndOneMoreIs413() {
        let small = limits { $0.maxBodySize = 5 }
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parse(head + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", limits: small).requests.count == 1)
        #expect(parse(head + "3\r\nabc\r\n3\r\n", limits: small).error == .bodyTooLarge)
    }

    @Test func chunkLine_AtLimit_IsAccepted_AndOneMoreIs400() {
        let small = limits { $0.maxChunkLine = 6 }
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parse(head + "1;a=bc\r\nx\r\n0\r\n\r\n", limits: small).requests.count == 1)
        #expect(parse(head + "1;a=bcd\r\nx\r\n0\r\n\r\n", limits: small).error == .chunkLineTooLong)
    }

    @Test func trailers_AtLimit_AreAccepted_AndOneMoreIs431() {
        let small = limits { $0.maxTrailerSize = 8 }
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        #expect(parse(head + "X: 123\r\n\r\n", limits: small).requests.count == 1)  // 6 + CRLF = 8
        #expect(parse(head + "X: 1234\r\n\r\n", limits: small).error == .trailerTooLarge)
    }
}
