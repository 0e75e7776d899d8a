import Testing
@testable import Server

/// The request line: method, target forms, version (RFC 9112 §3).
@Suite struct RequestLineTests {
    @Test func request_IsParsed_WhenMinimalGET() {
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\n\r\n").single
                == "GET / path=/ query=nil HTTP/1.1 keepAlive=true body= headers=Host: a")
    }

    @Test(arguments: HTTPMethod.allCases)
    func method_IsRecognised_WhenImplemented(method: HTTPMethod) {
        let target = method == .OPTIONS ? "*" : "/x"
        let result = parse("\(method.rawValue) \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.single?.hasPrefix("\(method.rawValue) \(target)") == true)
    }

    @Test(arguments: ["get", "Get", "CONNECT", "TRACE", "FOO", "PROPFIND"])
    func method_Is501_WhenUnknownOrCaseDiffers(method: String) {
        #expect(parseError("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n") == .unsupportedMethod)
        #expect(ParseError.unsupportedMethod.status == 501)
    }

    @Test func method_IsRejected_ForEveryNonTokenByte() {
        for byte in 0...255 where !HTTPSyntax.isTokenByte(UInt8(byte)) {
            var bytes = Array("G".utf8) + [UInt8(byte)] + Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
            if byte == 0x20 { bytes = Array("G T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8) }
            let result = parse(bytes, splits: false)
            #expect(result.error != nil && result.error!.status == 400, "byte \(byte): \(result)")
        }
    }

    @Test func method_TokenBytes_Are501NotParsedAsKnown() {
        for byte in 0...255 where HTTPSyntax.isTokenByte(UInt8(byte)) {
            let bytes = Array("G".utf8) + [UInt8(byte)] + Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
            let expected: ParseError? = byte == UInt8(ascii: "E") ? nil : .unsupportedMethod
            #expect(parse(bytes, splits: false).error == expected, "byte \(byte)")
        }
    }

    @Test func target_AcceptsVisibleASCII_AndRejectsEverythingElse() {
        for byte in 0...255 {
            let bytes = Array("GET /a".utf8) + [UInt8(byte)] + Array("b HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
            let result = parse(bytes, splits: false)
            let allowed = byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "#")
            if allowed {
                #expect(result.error == nil && result.requests.count == 1, "byte \(byte): \(result)")
            } else {
                #expect(result.error?.status == 400, "byte \(byte): \(result)")
            }
        }
    }

    @Test func target_IsSplit_IntoPathAndQuery() {
        #expect(parse("GET /v1/docs?limit=5&q=a+b HTTP/1.1\r\nHost: a\r\n\r\n").single?
            .contains("path=/v1/docs query=limit=5&q=a+b") == true)
        #expect(parse("GET /x? HTTP/1.1\r\nHost: a\r\n\r\n").single?.contains("path=/x query= ") == true)
    }

    @Test func target_IsAccepted_InAbsoluteForm() {
        #expect(parse("GET http://example.org/a?b=1 HTTP/1.1\r\nHost: example.org\r\n\r\n").single?
            .contains("path=/a query=b=1") == true)
        #expect(parse("GET HTTPS://example.org HTTP/1.1\r\nHost: x\r\n\r\n").single?.contains("path=/ ") == true)
        #expect(parseError("GET ftp://example.org/ HTTP/1.1\r\nHost: x\r\n\r\n") == .invalidTarget)
        #expect(parseError("GET http:///a HTTP/1.1\r\nHost: x\r\n\r\n") == .invalidTarget)
    }

    @Test func target_Asterisk_IsOnlyForOPTIONS() {
        #expect(parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").single?.contains("path=*") == true)
        #expect(parseError("GET * HTTP/1.1\r\nHost: a\r\n\r\n") == .invalidTarget)
    }

    @Test func target_AuthorityForm_IsRejected() {
        #expect(parseError("OPTIONS example.org:443 HTTP/1.1\r\nHost: a\r\n\r\n") == .invalidTarget)
    }

    @Test func version_1_0_And_1_1_AreAccepted_AndHigherMinorIs1_1() {
        #expect(parse("GET / HTTP/1.0\r\n\r\n").single?.contains("HTTP/1.0 keepAlive=false") == true)
        #expect(parse("GET / HTTP/1.2\r\nHost: a\r\n\r\n").single?.contains("HTTP/1.1 keepAlive=true") == true)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/3.1"])
    func version_Is505_WhenMajorIsNot1(version: String) {
        #expect(parseError("GET / \(version)\r\nHost: a\r\n\r\n") == .unsupportedVersion)
    }

    @Test(arguments: ["http/1.1", "HTTP/1.10", "HTTP/1", "HTTP/a.1", "HTTP/1,1", "HTTP 1.1"])
    func version_Is400_WhenMalformed(version: String) {
        #expect(parseError("GET / \(version)\r\nHost: a\r\n\r\n")?.status == 400)
    }

    @Test(arguments: ["GET  / HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ", "GET /", "GET\t/ HTTP/1.1", "GET / \tHTTP/1.1"])
    func requestLine_Is400_WhenSpacingIsWrong(line: String) {
        #expect(parseError("\(line)\r\nHost: a\r\n\r\n")?.status == 400)
    }

    @Test func leadingEmptyLines_AreIgnored() {
        #expect(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
    }

    @Test func bareLF_Is400_InRequestLineAndFields() {
        #expect(parseError("GET / HTTP/1.1\nHost: a\r\n\r\n") == .invalidLineEnding)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\n\r\n") == .invalidLineEnding)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\n\n") == .invalidLineEnding)
        #expect(parseError("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") == .invalidLineEnding)
    }

    @Test func bareCR_Is400_InRequestLine() {
        #expect(parseError("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\r\nHost: a\r\n\r\n")?.status == 400)
    }

    @Test func incompleteInput_NeedsMore() {
        let result = parse("GET / HTTP/1.1\r\nHost: a\r\n")
        #expect(result.requests.isEmpty && result.error == nil && result.needsMore)
    }
}
