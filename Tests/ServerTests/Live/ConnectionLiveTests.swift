import Glibc
import Testing
@testable import Server
import TestSupport

/// Over real sockets on port 0: keep-alive, pipelining, HEAD, problems, 100-continue, errors.
@Suite(.serialized) struct ConnectionLiveTests {
    @Test func keepAlive_ServesSeveralRequests_OnOneConnection() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            for _ in 0..<3 {
                client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try #require(client.readResponse())
                #expect(response.status == 200 && response.text == #"{"hello":"world"}"#)
                #expect(response.header("Date")?.hasSuffix(" GMT") == true && response.header("X-Request-Id") != nil)
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test func threePipelinedRequests_InOneWrite_AreAnsweredInOrder() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: one\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nX-Request-Id: two\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /nope HTTP/1.1\r\nHost: t\r\nX-Request-Id: three\r\n\r\n")
            let responses = (0..<3).compactMap { _ in client.readResponse() }
            #expect(responses.map(\.status) == [200, 200, 404])
            #expect(responses.map { $0.header("X-Request-Id") ?? "" } == ["one", "two", "three"])
            #expect(responses[1].text == "abc")
        }
    }

    @Test func connectionClose_IsHonoured() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(client.readResponse()?.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func http10_ClosesByDefault() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /hello HTTP/1.0\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 200 && response.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func head_HasGETHeaders_AndNoBody() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try #require(client.readResponse(isHEAD: true))
            #expect(head.status == 200 && head.header("Content-Length") == "17")
            // The next response starts right after the head: no body bytes were sent.
            #expect(client.readResponse()?.text == #"{"hello":"world"}"#)
        }
    }

    @Test func unknownPath_Is404_AndOtherMethod_Is405WithAllow_AsProblemJSON() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let missing = try #require(client.readResponse())
            #expect(missing.status == 404 && missing.header("Content-Type") == "application/problem+json")
            let wrong = try #require(client.readResponse())
            #expect(wrong.status == 405 && wrong.header("Allow") == "GET, HEAD")
            #expect(wrong.text.contains(#""status":405"#))
        }
    }

    @Test func expect100Continue_IsAnswered_BeforeTheBodyIsSent() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            #expect(client.readResponse()?.status == 100)
            client.send("hello")
            #expect(client.readResponse()?.text == "hello")
        }
    }

    @Test func framingError_Gets400_WithConnectionClose_ThenTheConnectionCloses() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 400 && response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func unknownMethod_Is501() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("TRACE / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 501)
        }
    }

    @Test func hugeDeclaredBody_Is413_AtOnce() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            // Answered before any of the body is sent.
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1073741824\r\n\r\n")
            #expect(client.readResponse()?.status == 413)
            #expect(client.isClosedByPeer())
        }
    }

    @Test func streamedBody_IsChunked() throws {
        var router = Router()
        router.add(.GET, "/lines") { _, _ in
            .stream(contentType: "text/plain") { writer in for index in 0..<3 { try writer.write("line \(index)\n") } }
        }
        try withServer(router) { port, _ in
            let client = RawClient(port: port)
            client.send("GET /lines HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.header("Transfer-Encoding") == "chunked" && response.text == "line 0\nline 1\nline 2\n")
        }
    }
}
