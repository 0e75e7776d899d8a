import Testing
@testable import Server

/// Field lines and Host (RFC 9112 §3.2, §5; RFC 9110 §5.5).
@Suite struct FieldLineTests {
    private func request(_ fields: String, version: String = "HTTP/1.1") -> String {
        "GET / \(version)\r\n\(fields)\r\n"
    }

    @Test func fields_KeepOrderCaseAndDuplicates_AndTrimOWS() {
        let result = parse(request("Host: a\r\nX-A:  1 \r\nx-a:\t2\t\r\nEmpty:\r\n"))
        #expect(result.single?.hasSuffix("headers=Host: a|X-A: 1|x-a: 2|Empty: ") == true)
    }

    @Test func whitespaceBeforeColon_Is400() {
        #expect(parseError(request("Host: a\r\nContent-Length : 5\r\n")) == .whitespaceBeforeColon)
        #expect(parseError(request("Host\t: a\r\n")) == .whitespaceBeforeColon)
    }

    @Test func obsFold_Is400() {
        #expect(parseError(request("Host: a\r\nX-A: 1\r\n 2\r\n")) == .obsoleteLineFolding)
        #expect(parseError(request("Host: a\r\nX-A: 1\r\n\t2\r\n")) == .obsoleteLineFolding)
        #expect(parseError(request(" Host: a\r\n")) == .obsoleteLineFolding)
    }

    @Test func fieldName_IsRejected_ForEveryNonTokenByte() {
        for byte in 0...255 where !HTTPSyntax.isTokenByte(UInt8(byte)) && byte != UInt8(ascii: ":") {
            let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX".utf8) + [UInt8(byte)] + Array("Y: 1\r\n\r\n".utf8)
            let result = parse(bytes, splits: false)
            #expect(result.error?.status == 400, "byte \(byte): \(result)")
        }
    }

    @Test func fieldValue_AcceptsVCHAR_ObsText_SP_HTAB_AndRejectsControls() {
        for byte in 0...255 {
            let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX: a".utf8) + [UInt8(byte)] + Array("b\r\n\r\n".utf8)
            let result = parse(bytes, splits: false)
            let allowed = byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
            if allowed {
                #expect(result.requests.count == 1, "byte \(byte): \(result)")
            } else {
                #expect(result.error?.status == 400, "byte \(byte): \(result)")
            }
        }
    }

    @Test func nulAndBareCR_InValue_Are400() {
        #expect(parseError(request("Host: a\r\nX: a\0b\r\n")) == .invalidFieldValue)
        #expect(parseError(request("Host: a\r\nX: a\rb\r\n")) == .invalidFieldValue)
    }

    @Test func emptyNameOrNoColon_Is400() {
        #expect(parseError(request("Host: a\r\n: x\r\n")) == .invalidFieldName)
        #expect(parseError(request("Host: a\r\nNoColon\r\n")) == .invalidFieldName)
    }

    @Test func host_IsRequired_ForHTTP1_1_Only() {
        #expect(parseError(request("X: 1\r\n")) == .missingHost)
        #expect(parse(request("", version: "HTTP/1.0")).requests.count == 1)
        #expect(parse(request("Host:\r\n")).requests.count == 1)  // empty Host is valid (RFC 9112 §3.2)
    }

    @Test func host_Duplicate_Is400_EvenWhenEqual() {
        #expect(parseError(request("Host: a\r\nHost: a\r\n")) == .duplicateHost)
        #expect(parseError(request("Host: a\r\nhost: b\r\n", version: "HTTP/1.0")) == .duplicateHost)
    }

    @Test(arguments: ["example.org", "example.org:8080", "127.0.0.1:1", "[::1]", "[::1]:80", "xn--rga-xqa.lv", "a_b"])
    func host_IsAccepted_WhenValid(host: String) {
        #expect(parse(request("Host: \(host)\r\n")).requests.count == 1)
    }

    @Test(arguments: ["a b", "a/b", "a:b", "[::1", "[zz]", "a@b", "a\"b", "a:80x"])
    func host_Is400_WhenInvalid(host: String) {
        #expect(parseError(request("Host: \(host)\r\n")) == .invalidHost)
    }

    @Test func connectionTokens_DecideKeepAlive() {
        #expect(parse(request("Host: a\r\nConnection: close\r\n")).single?.contains("keepAlive=false") == true)
        #expect(parse(request("Host: a\r\nConnection: upgrade, Close\r\n")).single?.contains("keepAlive=false") == true)
        #expect(parse(request("Connection: keep-alive\r\n", version: "HTTP/1.0")).single?.contains("keepAlive=true") == true)
        #expect(parse(request("Connection: keep-alive, close\r\n", version: "HTTP/1.0")).single?.contains("keepAlive=false") == true)
    }
}
