import Testing
@testable import Server

/// Fields, problems, query decoding, request ids and the response encoder.
@Suite struct MessageTests {
    @Test func fields_LookupIsCaseInsensitive_AndKeepsDuplicates() {
        var fields = HTTPFields()
        fields.append("Accept", "a")
        fields.append("accept", "b")
        #expect(fields["ACCEPT"] == "a, b" && fields.values("Accept") == ["a", "b"])
        fields.set("Accept", "c")
        #expect(fields.values("accept") == ["c"])
        fields.remove("accept")
        #expect(fields.isEmpty)
        #expect(!HTTPFields.equalNames("a@", "a`"))
        #expect(!HTTPFields.equalNames("Accept", "Accept-Encoding") && !HTTPFields.equalNames("ab", "a"))
        #expect(HTTPFields.equalNames("ETag", "etag") && HTTPFields.equalNames("", ""))
    }

    @Test func tokenBytes_AreExactlyRFC9110sTchar() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in 0...255 { #expect(HTTPSyntax.isTokenByte(UInt8(byte)) == tchar.contains(UInt8(byte)), "byte \(byte)") }
        #expect(HTTPFields.isToken("Content-Type") && !HTTPFields.isToken("") && !HTTPFields.isToken("a b"))
    }

    @Test func fields_Values_CanNeverCarryCRLFOrNUL() {
        var fields = HTTPFields()
        fields.append("X", "a\r\nSet-Cookie: evil\0")
        #expect(fields["X"] == "a  Set-Cookie: evil")
        fields.set("Y", " padded\t")
        fields.set("Z", "caf\u{E9} \u{7F}")
        #expect(fields["Y"] == "padded" && fields["Z"] == "caf\u{E9}")
    }

    @Test func problem_IsEscapedJSON_WithErrorsAndMembers() {
        let problem = Problem(status: 422, detail: "Quote \" backslash \\ newline \n tab \t \u{01} Rīga",
                              type: Problem.typeBase + "invalid-body", errors: [("/title", "must not be empty")],
                              members: [("parameter", "limit"), ("max", 500), ("retry", false)])
        let json = String(decoding: problem.jsonBytes(), as: UTF8.self)
        #expect(json == #"{"type":"https://archive.invalid/problems/invalid-body","title":"Unprocessable Content","status":422,"detail":"Quote \" backslash \\ newline \n tab \t \u0001 Rīga","errors":[{"pointer":"/title","detail":"must not be empty"}],"parameter":"limit","max":500,"retry":false}"#)
        let response = problem.response()
        #expect(response.status == 422 && response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func queryItems_AreDecoded_InOrder_WithPlusAsSpace() throws {
        let request = HTTPRequest(method: .GET, target: "/s?q=R%C4%ABga+1&types=a&types=b&&flag&e=")
        let items = try request.queryItems()
        #expect(items.map(\.name) == ["q", "types", "types", "flag", "e"])
        #expect(items.map(\.value) == ["Rīga 1", "a", "b", "", ""])
    }

    @Test(arguments: ["q=%00", "q=%zz", "q=%C3", "q=%4", "%ff=1"])
    func queryItems_Are400_NamingTheParameter(query: String) {
        let request = HTTPRequest(method: .GET, target: "/s?" + query)
        #expect(throws: Problem.self) { try request.queryItems() }
        do { _ = try request.queryItems() } catch {
            #expect(error.status == 400 && error.members.first?.name == "parameter")
        }
    }

    @Test func requestID_IsTakenWhenSane_ElseGenerated() {
        #expect(RequestID.isSane("abc-123_X.y") && !RequestID.isSane("") && !RequestID.isSane("a b"))
        #expect(!RequestID.isSane(String(repeating: "a", count: 129)) && RequestID.isSane(String(repeating: "a", count: 128)))
        let given = HTTPRequest(method: .GET, target: "/", headers: ["X-Request-Id": "abc"])
        #expect(RequestID.make(for: given) == "abc")
        let evil = HTTPRequest(method: .GET, target: "/", headers: ["X-Request-Id": "a\"b"])
        #expect(RequestID.make(for: evil) != "a\"b")
        #expect(RequestID.next() != RequestID.next())
    }

    private func encode(_ response: HTTPResponse, head: Bool = false, version: HTTPVersion = .http1_1,
                        keepAlive: Bool = true) -> (String, ResponseEncoder.Framing) {
        var encoder = ResponseEncoder()
        var out: [UInt8] = []
        let result = encoder.encode(response, isHEAD: head, version: version, requestID: "rid", keepAlive: keepAlive, into: &out)
        return (String(decoding: out, as: UTF8.self), result.framing)
    }

    @Test func encoder_WritesDateRequestIdAndContentLength_AndDropsManagedFields() {
        var response = HTTPResponse.json(Array("{}".utf8))
        response.headers.append("Content-Length", "999")
        response.headers.append("Connection", "keep-alive")
        let (text, framing) = encode(response)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: "))
        #expect(text.hasSuffix(" GMT\r\nX-Request-Id: rid\r\nContent-Length: 2\r\n\r\n{}"))
        #expect(!text.contains("999") && !text.contains("Connection"))
        #expect(framing == .fixed(count: 2, inline: true))
    }

    @Test func encoder_HEAD_KeepsContentLength_WithoutBody() {
        let (text, framing) = encode(.json(Array("{}".utf8)), head: true)
        #expect(text.hasSuffix("Content-Length: 2\r\n\r\n") && framing == .none)
    }

    @Test func encoder_204And304_HaveNoBodyAndNoLength() {
        for status: HTTPStatus in [204, 304] {
            let (text, framing) = encode(HTTPResponse(status: status, body: .bytes([1, 2])))
            #expect(!text.contains("Content-Length") && text.hasSuffix("\r\n\r\n") && framing == .none)
        }
    }

    @Test func encoder_Streams_AreChunkedFor1_1_AndCloseDelimitedFor1_0() {
        let stream = HTTPResponse.stream(contentType: "text/csv") { _ in }
        let (text11, framing11) = encode(stream)
        #expect(text11.contains("Transfer-Encoding: chunked\r\n") && framing11 == .chunked)
        let (text10, framing10) = encode(stream, version: .http1_0)
        #expect(!text10.contains("Transfer-Encoding") && text10.contains("Connection: close\r\n") && framing10 == .untilClose)
    }

    @Test func encoder_SaysConnectionClose_WhenClosing_AndKeepAliveFor1_0() {
        #expect(encode(HTTPResponse(), keepAlive: false).0.contains("Connection: close\r\n"))
        #expect(encode(HTTPResponse(), version: .http1_0).0.contains("Connection: keep-alive\r\n"))
    }

    @Test func date_IsIMFFixdate() {
        #expect(String(decoding: HTTPDateCache.imfFixdate(784_111_777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func accessLog_Text_And_JSON_EscapeTheTarget() {
        let entry = AccessLog.Entry(requestID: "r1", client: "127.0.0.1:1", method: "GET", target: "/a\"b",
                                    status: 200, bytes: 2, durationNanoseconds: 1_500_000)
        let text = String(decoding: AccessLog(format: .text).line(entry)!, as: UTF8.self)
        #expect(text.hasSuffix(" r1 127.0.0.1:1 \"GET /a\\\"b\" 200 2 1.5ms\n"))
        let json = String(decoding: AccessLog(format: .json).line(entry)!, as: UTF8.self)
        #expect(json.contains(#""request_id":"r1","client":"127.0.0.1:1","method":"GET","target":"/a\"b","status":200,"bytes":2,"duration_ms":1.5}"#))
        #expect(AccessLog(format: .none).line(entry) == nil)
    }
}
