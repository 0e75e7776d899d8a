import Dispatch
import Glibc
import Testing
@testable import Server
import TestSupport

/// Slow, idle, vanishing and surplus clients; draining on stop.
@Suite(.serialized) struct RobustnessLiveTests {
    @Test func slowloris_IsCut_AtTheHeaderDeadline_With408() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            for piece in ["GET / HTTP/1.1\r\n", "Host: t\r\n", "X-A: 1\r\n", "X-B: 2\r\n"] {
                client.send(piece)
                usleep(60_000)  // pacing the trickle, not a wait for an event
            }
            let response = client.readResponse()
            #expect(response?.status == 408 && response?.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func twoHundredIdleConnections_DoNotDelayANormalRequest() throws {
        try withServer(maxConnectionsPerClient: 1024) { port, _ in
            let idle = (0..<200).map { _ in RawClient(port: port) }
            for (index, client) in idle.enumerated() where index.isMultiple(of: 2) { client.send("GET /hel") }  // trickling
            let client = RawClient(port: port)
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            _ = idle.count
        }
    }

    @Test func slowHandler_DoesNotBlockOtherConnections() throws {
        try withServer(workers: 2) { port, _ in
            let slow = RawClient(port: port)
            slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            let fast = RawClient(port: port)
            fast.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(fast.readResponse()?.status == 200)
            #expect(slow.readResponse()?.text == "slow done")
        }
    }

    @Test func clientVanishingMidResponse_LeavesTheServerServing() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
            var chunk = [UInt8](repeating: 0, count: 4096)
            _ = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            client.reset()
            usleep(50_000)
            let next = RawClient(port: port)
            next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(next.readResponse()?.status == 200)
        }
    }

    @Test func connectionsAboveTheCap_WithNoneIdle_Get503_AndAreClosed() throws {
        try withServer(maxConnections: 2, maxConnectionsPerClient: 1024) { port, _ in
            let first = RawClient(port: port), second = RawClient(port: port)
            first.send("GET /hello HTTP/1.1\r\nHost: t\r\n")  // heads under way: busy, not idle
            second.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
            let third = RawClient(port: port)
            let refused = third.readResponse()
            #expect(refused?.status == 503 && refused?.header("Connection") == "close")
            #expect(refused?.header("Content-Type") == "application/problem+json")
            #expect(third.isClosedByPeer())
            first.send("\r\n")
            #expect(first.readResponse()?.status == 200)
        }
    }

    @Test func stopWithDrain_FinishesTheRequestInFlight_AndRefusesNewOnes() throws {
        let entered = DispatchSemaphore(value: 0)
        var router = testRouter()
        router.add(.GET, "/held") { _, _ in
            entered.signal()
            usleep(300_000)
            return .text("slow done")
        }
        try withServer(router) { port, server in
            let client = RawClient(port: port)
            client.send("GET /held HTTP/1.1\r\nHost: t\r\n\r\n")
            entered.wait()  // the request is in the handler when the stop begins
            server.stop(drain: true)
            let response = try #require(client.readResponse())
            #expect(response.text == "slow done" && response.header("Connection") == "close")
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(result != 0)
        }
    }

    @Test func idleKeepAlive_IsClosed_AfterTheIdleTimeout() throws {
        try withServer(limits: { $0.idleTimeout = 200 }) { port, _ in
            let client = RawClient(port: port)
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            #expect(client.isClosedByPeer())
        }
    }
}
