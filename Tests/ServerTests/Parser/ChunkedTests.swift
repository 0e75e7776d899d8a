import Testing
@testable import Server

/// The chunked transfer coding (RFC 9112 §7.1).
@Suite struct ChunkedTests {
    private let head = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func chunks_AreDecoded_WithExtensionsAndHexSizes() {
        let body = "5;name=value\r\nhello\r\nA ; x=\"y\"\r\n0123456789\r\n0\r\n\r\n"
        #expect(parse(head + body).single?.contains("body=hello0123456789 ") == true)
    }

    @Test func trailers_AreKeptApart_NeverMergedIntoHeaders() {
        let result = parse(head + "3\r\nabc\r\n0\r\nX-Checksum: 1\r\nContent-Length: 99\r\n\r\n")
        #expect(result.single?.hasSuffix("headers=Host: a|Transfer-Encoding: chunked trailers=X-Checksum: 1|Content-Length: 99") == true)
    }

    // Chunk-size overflow: a size that wraps around must not become a small number.
    @Test func chunkSize_Is400_WhenItOverflows() {
        #expect(parseError(head + "10000000000000000000000000001\r\nx\r\n0\r\n\r\n") == .invalidChunkSize)
        #expect(parseError(head + "ffffffffffffffffff\r\nx\r\n0\r\n\r\n") == .invalidChunkSize)
    }

    @Test func chunkSize_Is413_WhenLargerThanTheBodyLimit() {
        #expect(parseError(head + "7fffffffffffffff\r\n") == .bodyTooLarge)
    }

    @Test(arguments: ["", "x", "-1", "+1", "0x5", " 5", "5 ", "5\t"])
    func chunkSize_Is400_WhenNotHex(size: String) {
        #expect(parseError(head + "\(size)\r\nhello\r\n0\r\n\r\n") == .invalidChunkSize)
    }

    // Bare LF / bare CR in chunk lines.
    @Test func chunkLines_Are400_WithBareLF() {
        #expect(parseError(head + "5\nhello\r\n0\r\n\r\n") == .invalidLineEnding)
        #expect(parseError(head + "5\r\nhello\r\n0\n\r\n") == .invalidLineEnding)
        #expect(parseError(head + "5\r\nhello\n0\r\n\r\n") == .invalidChunkTerminator)
    }

    @Test func chunkLines_Are400_WithBareCR() {
        #expect(parseError(head + "5\rX\r\nhello\r\n0\r\n\r\n")?.status == 400)
        #expect(parseError(head + "5;a=\rb\r\nhello\r\n0\r\n\r\n")?.status == 400)
        #expect(parseError(head + "5\r\nhello\rX0\r\n\r\n") == .invalidChunkTerminator)
    }

    @Test func chunkData_Is400_WhenLongerThanDeclared() {
        #expect(parseError(head + "3\r\nhello\r\n0\r\n\r\n") == .invalidChunkTerminator)
    }

    @Test func trailerField_FollowsFieldRules() {
        #expect(parseError(head + "0\r\nX : 1\r\n\r\n") == .whitespaceBeforeColon)
        #expect(parseError(head + "0\r\nX: a\0\r\n\r\n") == .invalidFieldValue)
    }
}
