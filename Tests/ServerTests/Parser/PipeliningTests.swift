import Testing
@testable import Server

/// Several requests in one buffer come out one by one, in order, and errors are final.
@Suite struct PipeliningTests {
    @Test func threeRequests_InOneWrite_ComeOutInOrder() {
        let text = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"
        let result = parse(text)
        #expect(result.requests.map { $0.split(separator: " ")[1] } == ["/1", "/2", "/3"])
        #expect(result.error == nil && !result.needsMore)
    }

    @Test func error_IsSticky() {
        var parser = RequestParser()
        parser.feed("GET / HTTP/1.1\r\nHost : a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        guard case .error(.whitespaceBeforeColon) = parser.next() else { Issue.record("expected an error"); return }
        guard case .error(.whitespaceBeforeColon) = parser.next() else { Issue.record("error must stay"); return }
    }

    @Test func manyRequests_DoNotGrowTheBuffer() {
        var parser = RequestParser()
        for _ in 0..<10_000 {
            parser.feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
            guard case .request = parser.next() else { Issue.record("no request"); return }
        }
        #expect(parser.bufferedByteCount == 0 && parser.buffer.capacity < 4096)
    }
}
