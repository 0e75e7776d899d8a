import Glibc
import Testing
import TestSupport
@testable import Server

/// One client flooding the server with idle sockets must not starve another client: the
/// per-client cap refuses its surplus, and at the total cap its idle sockets make room.
@Suite(.serialized) struct FloodLiveTests {
    /// 200 requests from 127.0.0.3, a new connection every 10: each status (nil: no answer) and latency.
    private func normalClient(port: Int, requests: Int = 200) -> (statuses: [Int?], milliseconds: [Double]) {
        var statuses: [Int?] = [], latencies: [Double] = []
        var client = RawClient(port: port, from: "127.0.0.3")
        for index in 0..<requests {
            if index > 0 && index.isMultiple(of: 10) { client = RawClient(port: port, from: "127.0.0.3") }
            var status: Int?
            latencies.append(elapsedMilliseconds {
                client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                status = client.readResponse()?.status
            })
            statuses.append(status)
        }
        return (statuses, latencies)
    }

    private func report(_ name: String, _ latencies: [Double], _ flood: FloodingClient.Totals) {
        let sorted = latencies.sorted()
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        let shown = (p99 * 100).rounded() / 100
        print("\(name): normal client p99 \(shown) ms over \(sorted.count) requests; flood opened \(flood.opened), server closed \(flood.closedByServer)")
    }

    @Test func floodFromOneAddress_IsHeldToThePerClientCap_AndANormalClientIsAnswered() throws {
        try withServer(maxConnections: 64, maxConnectionsPerClient: 16) { port, _ in
            let flood = FloodingClient(port: port, from: "127.0.0.2", holding: 100)
            flood.start()
            let (statuses, latencies) = normalClient(port: port)
            let totals = flood.stop()
            #expect(statuses.allSatisfy { $0 == 200 }, "answers other than 200: \(statuses.filter { $0 != 200 })")
            #expect(totals.closedByServer > 0)
            report("per-client cap", latencies, totals)
        }
    }

    @Test func floodFillingEverySlot_GivesUpItsIdleSockets_AndANormalClientIsAnswered() throws {
        try withServer(maxConnections: 64, maxConnectionsPerClient: 64) { port, _ in
            let flood = FloodingClient(port: port, from: "127.0.0.2", holding: 100)
            flood.start()
            let (statuses, latencies) = normalClient(port: port)
            let totals = flood.stop()
            #expect(statuses.allSatisfy { $0 == 200 }, "answers other than 200: \(statuses.filter { $0 != 200 })")
            #expect(totals.closedByServer > 0)
            report("idle sockets reclaimed", latencies, totals)
        }
    }

    @Test func atTheCap_TheOldestSilentConnection_IsClosedForANewOne() throws {
        try withServer(maxConnections: 2, maxConnectionsPerClient: 1024) { port, _ in
            let oldest = RawClient(port: port), older = RawClient(port: port)
            let newcomer = RawClient(port: port)
            newcomer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(newcomer.readResponse()?.status == 200)
            #expect(oldest.isClosedByPeer())
            older.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(older.readResponse()?.status == 200)
        }
    }

    @Test func overThePerClientCap_Gets503_WhileOtherAddressesAreServed() throws {
        try withServer(maxConnections: 64, maxConnectionsPerClient: 2) { port, _ in
            let first = RawClient(port: port, from: "127.0.0.2"), second = RawClient(port: port, from: "127.0.0.2")
            let third = RawClient(port: port, from: "127.0.0.2")
            let refused = third.readResponse()
            #expect(refused?.status == 503 && refused?.header("Connection") == "close")
            #expect(refused?.header("Content-Type") == "application/problem+json")
            #expect(third.isClosedByPeer())
            let other = RawClient(port: port, from: "127.0.0.3")
            other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(other.readResponse()?.status == 200)
            first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(first.readResponse()?.status == 200)
            _ = second
        }
    }

    @Test func silentConnection_IsClosed_AtTheFirstByteTimeout_BeforeTheHeaderTimeout() throws {
        try withServer(limits: { $0.firstByteTimeout = 100; $0.headerTimeout = 10_000 }) { port, _ in
            let client = RawClient(port: port)  // its 2 s receive timeout ends the wait long before 10 s
            #expect(client.isClosedByPeer())
        }
    }
}
