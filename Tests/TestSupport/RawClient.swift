import Glibc
import Server
import Support

/// A blocking TCP client over raw sockets for the live suite, with a receive timeout.
public final class RawClient {
    public let fd: Int32

    /// A parsed response.
    public struct Response {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// A response made by a test (status 0 stands for "no response").
        public init(status: Int, headers: [(String, String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`, from `source` (an address in 127.0.0.0/8) when given;
    /// reads time out after `timeoutMilliseconds`; `receiveBufferBytes` makes its receive window small.
    public init(port: Int, from source: String? = nil, timeoutMilliseconds: Int = 2000, receiveBufferBytes: Int32? = nil) {
        fd = LoopbackSocket.connect(port: port, from: source, receiveBufferBytes: receiveBufferBytes)
        precondition(fd >= 0, "connect failed: \(errno)")
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    /// Sends all of `text`.
    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends all of `bytes`.
    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads once into the buffer; false on EOF, error or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response (Content-Length, chunked, or until close); nil on timeout or EOF first.
    public func readResponse(isHEAD: Bool = false) -> Response? {
        var headEnd: Int?
        while headEnd == nil {
            if let range = findCRLFCRLF() { headEnd = range } else if !fill() { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
        }
        var response = Response(status: status, headers: headers, body: [])
        if isHEAD || status == 204 || status == 304 || status == 100 { return response }
        if let length = response.header("content-length").flatMap({ Int($0) }) {
            while buffer.count < length { if !fill() { return nil } }
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else if response.header("transfer-encoding") == "chunked" {
            while true {
                guard let line = readLine(), let size = Int(line, radix: 16) else { return nil }
                while buffer.count < size + 2 { if !fill() { return nil } }
                response.body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { return response }
            }
        } else {
            while fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    private func readLine() -> String? {
        while true {
            if let index = buffer.indices.dropLast().first(where: { buffer[$0] == 0x0D && buffer[$0 + 1] == 0x0A }) {
                let line = String(decoding: buffer[..<index], as: UTF8.self)
                buffer.removeFirst(index + 2)
                return line
            }
            if !fill() { return nil }
        }
    }

    private func findCRLFCRLF() -> Int? {
        guard buffer.count >= 4 else { return nil }
        return (0...(buffer.count - 4)).first { buffer[$0] == 0x0D && buffer[$0 + 1] == 0x0A && buffer[$0 + 2] == 0x0D && buffer[$0 + 3] == 0x0A }
    }

    /// Whether the server closed the connection (EOF) before the receive timeout.
    public func isClosedByPeer() -> Bool {
        while true {
            var byte: UInt8 = 0
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }

    /// Closes abruptly (RST) by setting a zero linger.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }
}

/// A live server on 127.0.0.1 port 0 with short test deadlines, stopped after `body`.
public func withServer(_ router: Router = testRouter(), maxConnections: Int = 1024, maxConnectionsPerClient: Int? = nil, workers: Int = 4,
                limits change: (inout HTTPLimits) -> Void = { _ in }, _ body: (Int, HTTPServer) throws -> Void) throws {
    var limits = HTTPLimits.testing
    limits.firstByteTimeout = HTTPLimits().firstByteTimeout  // live tests open sockets they write to later
    change(&limits)
    let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, maxConnections: maxConnections,
                                            maxConnectionsPerClient: maxConnectionsPerClient,
                                            workerCount: workers, limits: limits, logFormat: .none)
    let server = HTTPServer(configuration: configuration, responder: router)
    let port = try server.start()
    defer { server.stop(drain: false) }
    try body(port, server)
}

/// Routes the live tests use.
public func testRouter() -> Router {
    var router = Router()
    router.add(.GET, "/hello") { _, _ in .json(Array(#"{"hello":"world"}"#.utf8)) }
    router.add(.POST, "/echo") { request, _ in HTTPResponse(status: 200, body: .bytes(request.body)) }
    router.add(.GET, "/slow") { _, _ in
        usleep(300_000)
        return .text("slow done")
    }
    router.add(.GET, "/big") { _, _ in
        .stream(contentType: "application/octet-stream") { writer in
            let block = [UInt8](repeating: 0x61, count: 64 * 1024)
            for _ in 0..<2048 { try writer.write(block) }  // 128 MiB: more than any socket buffer
        }
    }
    return router
}

/// Milliseconds elapsed while running `body`.
public func elapsedMilliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = SystemClock.monotonicNanoseconds()
    try body()
    return Double(SystemClock.monotonicNanoseconds() - start) / 1_000_000
}
