import Testing
@testable import Server

/// Content-Length, Transfer-Encoding and the request-smuggling regressions (RFC 9112 §6, §11.2).
@Suite struct FramingTests {
    private let head = "POST /x HTTP/1.1\r\nHost: a\r\n"

    @Test func contentLength_DelimitsTheBody_AndTheNextRequestFollows() {
        let result = parse(head + "Content-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.requests.count == 2)
        #expect(result.requests.first?.contains("body=hello ") == true)
    }

    @Test func contentLength_Zero_HasNoBody() {
        #expect(parse(head + "Content-Length: 0\r\n\r\n").single?.contains("body= ") == true)
    }

    @Test(arguments: ["+5", "-5", "0x5", "5 5", "5,5", "5, 5", "", "five", "5.0", "٥"])
    func contentLength_Is400_WhenNotDigitsOnly(value: String) {
        #expect(parseError(head + "Content-Length: \(value)\r\n\r\nhello") == .invalidContentLength)
    }

    @Test func contentLength_Is400_WhenItOverflows() {
        #expect(parseError(head + "Content-Length: 99999999999999999999999\r\n\r\n") == .invalidContentLength)
        #expect(parseError(head + "Content-Length: 9223372036854775808\r\n\r\n") == .invalidContentLength)
    }

    @Test func contentLength_LeadingZeros_AreTheSameNumber() {
        #expect(parse(head + "Content-Length: 005\r\n\r\nhello").single?.contains("body=hello") == true)
    }

    // CL.CL: two lengths that differ.
    @Test func smuggling_CLCL_DifferentLengths_Is400() {
        #expect(parseError(head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!") == .conflictingContentLength)
    }

    @Test func contentLength_DuplicatesThatAgree_AreAccepted() {
        #expect(parse(head + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello").requests.count == 1)
    }

    // CL.TE and TE.CL: both headers, in either order.
    @Test func smuggling_CLTE_Is400() {
        #expect(parseError(head + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX")
                == .contentLengthWithTransferEncoding)
    }

    @Test func smuggling_TECL_Is400() {
        #expect(parseError(head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n")
                == .contentLengthWithTransferEncoding)
    }

    // TE.TE: obfuscated Transfer-Encoding values that one hop might read as chunked and another not.
    @Test(arguments: [
        ("Transfer-Encoding: xchunked", ParseError.chunkedNotLast),
        ("Transfer-Encoding: chunked, identity", .chunkedNotLast),
        ("Transfer-Encoding: chunked\r\nTransfer-Encoding: x", .chunkedNotLast),
        ("Transfer-Encoding: chunked, chunked", .chunkedNotLast),
        ("Transfer-Encoding: chunked;q=1", .chunkedNotLast),
        ("Transfer-Encoding : chunked", .whitespaceBeforeColon),
        ("Transfer-Encoding\t: chunked", .whitespaceBeforeColon),
        (" Transfer-Encoding: chunked", .obsoleteLineFolding),
        ("X: 1\r\n Transfer-Encoding: chunked", .obsoleteLineFolding),
        ("Transfer-Encoding:\u{0B}chunked", .invalidFieldValue),
        ("Transfer-Encoding: \"chunked\"", .chunkedNotLast),
        ("Transfer-Encoding: gzip, chunked", .unsupportedTransferCoding),
        ("Transfer-Encoding: ", .chunkedNotLast),
    ])
    func smuggling_TETE_ObfuscationsAreRejected(field: String, error: ParseError) {
        #expect(parseError(head + field + "\r\n\r\n0\r\n\r\n") == error)
    }

    @Test(arguments: ["chunked", "Chunked", "CHUNKED", " chunked ", "\tchunked"])
    func transferEncoding_Chunked_IsCaseInsensitive_AndOWSTrimmed(value: String) {
        #expect(parse(head + "Transfer-Encoding:\(value)\r\n\r\n3\r\nabc\r\n0\r\n\r\n").single?.contains("body=abc") == true)
    }

    @Test func http10_WithTransferEncoding_IsAnswered_ThenClosed() {
        let result = parse("POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(result.single?.contains("keepAlive=false body=abc") == true)
    }

    @Test func expect100Continue_IsAnnounced_BeforeTheBody() {
        let bytes = Array((head + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n").utf8)
        var parser = RequestParser()
        parser.feed(bytes)
        guard case .expectContinue = parser.next() else { Issue.record("no 100-continue"); return }
        guard case .needMore = parser.next() else { Issue.record("should wait for the body"); return }
        parser.feed("hello".utf8)
        guard case .request(let request) = parser.next() else { Issue.record("no request"); return }
        #expect(request.body == Array("hello".utf8))
    }

    @Test func expect100Continue_WithTooLargeBody_Is413_BeforeAnyBody() {
        var limits = HTTPLimits()
        limits.maxBodySize = 4
        #expect(parseError(head + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n", limits: limits) == .bodyTooLarge)
    }

    @Test func expect_OtherValue_Is417_AndIgnoredForHTTP10() {
        #expect(parseError(head + "Expect: something\r\nContent-Length: 0\r\n\r\n") == .expectationFailed)
        #expect(ParseError.expectationFailed.status == 417)
        #expect(parse("POST / HTTP/1.0\r\nExpect: something\r\n\r\n").requests.count == 1)
    }
}
