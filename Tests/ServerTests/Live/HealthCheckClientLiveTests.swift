import Glibc
import Testing
@testable import Server
import TestSupport

/// `archive-server healthcheck`: true exactly when `GET /healthz` answers 200.
@Suite struct HealthCheckClientLiveTests {
    static func router(status: HTTPStatus) -> Router {
        var router = Router()
        router.add(.GET, "/healthz") { _, _ in HTTPResponse(status: status, body: .bytes(Array("{}".utf8))) }
        return router
    }

    @Test func a200_IsHealthy_OnTheAddressAndThroughAWildcardOrLocalhost() throws {
        try withServer(Self.router(status: 200)) { port, _ in
            #expect(HealthCheckClient.isHealthy(host: "127.0.0.1", port: port))
            #expect(HealthCheckClient.isHealthy(host: "0.0.0.0", port: port))
            #expect(HealthCheckClient.isHealthy(host: "localhost", port: port))
        }
    }

    @Test func anotherStatus_IsUnhealthy() throws {
        try withServer(Self.router(status: 503)) { port, _ in
            #expect(!HealthCheckClient.isHealthy(host: "127.0.0.1", port: port))
        }
        try withServer(Router()) { port, _ in
            #expect(!HealthCheckClient.isHealthy(host: "127.0.0.1", port: port))  // 404
        }
    }

    @Test func nothingListening_OrNoAnswer_IsUnhealthy() throws {
        var port = 0
        try withServer { serving, _ in port = serving }
        #expect(LoopbackSocket.isRefused(port: port))
        #expect(!HealthCheckClient.isHealthy(host: "127.0.0.1", port: port))
        #expect(!HealthCheckClient.isHealthy(host: "not-an-address", port: port))
        // A listener that accepts but never answers: the client gives up at its timeout.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(listener, $0, length)
                _ = listen(listener, 4)
                _ = getsockname(listener, $0, &length)
            }
        }
        #expect(!HealthCheckClient.isHealthy(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)), timeoutSeconds: 1))
    }
}
