#if canImport(Glibc)
import Glibc
#endif

/// A small blocking HTTP/1.1 client, for a replica talking to its primary and for
/// `archive-server healthcheck`: one GET per connection (`Connection: close`), a receive timeout,
/// bodies framed by `Content-Length`, chunked or by the close. Plain `http://host:port` only:
/// replication runs inside the deployment's own network (docs/deploy.md).
public enum HTTPClient {
    /// Where to connect: from `http://host[:port]` (no path, query or user info).
    public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
        public let host: String
        public let port: Int

        public init?(url: String) {
            guard url.hasPrefix("http://") else { return nil }
            var rest = Substring(url.dropFirst(7))
            while rest.hasSuffix("/") { rest.removeLast() }
            guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?"), !rest.contains("#") else { return nil }
            var host = rest
            var port = 80
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                host = rest[rest.index(after: rest.startIndex)..<close]
                let tail = rest[rest.index(after: close)...]
                if !tail.isEmpty {
                    guard tail.hasPrefix(":"), let number = Int(tail.dropFirst()), (1...65535).contains(number) else { return nil }
                    port = number
                }
            } else if let colon = rest.lastIndex(of: ":") {
                host = rest[..<colon]
                guard let number = Int(rest[rest.index(after: colon)...]), (1...65535).contains(number) else { return nil }
                port = number
            }
            guard !host.isEmpty else { return nil }
            self.host = String(host)
            self.port = port
        }

        /// An address as it is, not parsed from a URL (an IPv6 literal without brackets).
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }
        var hostField: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// A response's status and fields (names lowercased).
    public struct Response: Sendable {
        public let status: Int
        public let fields: [(name: String, value: String)]
        /// The body, when it was not streamed to a sink.
        public var body: [UInt8] = []

        public func field(_ name: String) -> String? {
            let lower = name.lowercased()
            return fields.first { $0.name == lower }?.value
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// GETs `target`; a 200's body goes to `sink` piece by piece when given, every other body
    /// (and a 200's without a sink) is collected into ``Response/body``. With `numericHost` the
    /// host must be an address literal: no name lookup.
    public static func get(
        _ endpoint: Endpoint, target: String, fields: [(HTTPFieldName, String)] = [], timeoutSeconds: Int = 30,
        numericHost: Bool = false, sink: (([UInt8]) throws -> Void)? = nil
    ) throws -> Response {
        let fd = try connect(endpoint, timeoutSeconds: timeoutSeconds, numericHost: numericHost)
        defer { _ = Glibc.close(fd) }
        var request = "GET \(target) HTTP/1.1\r\n\(HTTPFieldName.host): \(endpoint.hostField)\r\n\(HTTPFieldName.connection): close\r\n\(HTTPFieldName.userAgent): archive-server\r\n"
        for (name, value) in fields { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw Failure(description: "cannot send to \(endpoint): \(errorText())") }
        var reader = Reader(fd: fd, endpoint: endpoint)
        var response = try reader.readHead()
        let deliver: ([UInt8]) throws -> Void
        var collected: [UInt8] = []
        if response.status == 200, let sink { deliver = sink } else { deliver = { collected.append(contentsOf: $0) } }
        if response.field(HTTPFieldName.transferEncoding.rawValue)?.lowercased().contains("chunked") == true {
            try reader.readChunked(deliver)
        } else if let length = response.field(HTTPFieldName.contentLength.rawValue).flatMap({ Int($0) }) {
            try reader.read(length, deliver)
        } else {
            try reader.readToEnd(deliver)
        }
        response.body = collected
        return response
    }

    private static func connect(_ endpoint: Endpoint, timeoutSeconds: Int, numericHost: Bool) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        if numericHost { hints.ai_flags = AI_NUMERICHOST }
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard code == 0, let first = list else {
            throw Failure(description: "cannot resolve \(endpoint.host): \(String(cString: gai_strerror(code)))")
        }
        defer { freeaddrinfo(list) }
        var failure = "no address"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            next = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { failure = errorText(); continue }
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            failure = errorText()
            _ = Glibc.close(fd)
        }
        throw Failure(description: "cannot connect to \(endpoint): \(failure)")
    }

    /// Buffered reads from the socket.
    private struct Reader {
        let fd: Int32
        let endpoint: Endpoint
        var buffer: [UInt8] = []
        var start = 0
        var ended = false

        init(fd: Int32, endpoint: Endpoint) {
            self.fd = fd
            self.endpoint = endpoint
            buffer.reserveCapacity(64 << 10)
        }

        var available: Int { buffer.count - start }

        /// Reads more bytes; false at the end of the stream.
        mutating func fill() throws -> Bool {
            if ended { return false }
            if start > 0 && start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 32 << 10 {
                buffer.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    buffer.append(contentsOf: chunk[0..<count])
                    return true
                }
                if count == 0 { ended = true; return false }
                if errno == EINTR { continue }
                let reason = errno == EAGAIN || errno == EWOULDBLOCK ? "timed out" : errorText()
                throw Failure(description: "reading from \(endpoint): \(reason)")
            }
        }

        /// The next line without its CRLF.
        mutating func line() throws -> [UInt8] {
            var scanned = 0  // from `start`, which fill() may move
            while true {
                while start + scanned + 1 < buffer.count {
                    let index = start + scanned
                    if buffer[index] == 13 && buffer[index + 1] == 10 {
                        let line = Array(buffer[start..<index])
                        start = index + 2
                        return line
                    }
                    scanned += 1
                }
                guard buffer.count - start < 64 << 10 else { throw Failure(description: "\(endpoint) sent a line too long") }
                guard try fill() else { throw Failure(description: "\(endpoint) closed the connection in the middle of a line") }
            }
        }

        mutating func readHead() throws -> Response {
            let statusLine = String(decoding: try line(), as: UTF8.self)
            let parts = statusLine.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                throw Failure(description: "\(endpoint) did not answer in HTTP/1.1: \(statusLine.prefix(80).debugDescription)")
            }
            var fields: [(name: String, value: String)] = []
            while true {
                let text = String(decoding: try line(), as: UTF8.self)
                if text.isEmpty { break }
                guard let colon = text.firstIndex(of: ":") else { continue }
                fields.append((text[..<colon].lowercased(), String(text[text.index(after: colon)...]).trimmingSpaces()))
            }
            return Response(status: status, fields: fields)
        }

        mutating func read(_ count: Int, _ deliver: ([UInt8]) throws -> Void) throws {
            var remaining = count
            while remaining > 0 {
                if available == 0, try !fill() { throw Failure(description: "\(endpoint) closed the connection \(remaining) bytes before the end of the body") }
                let take = min(remaining, available)
                try deliver(Array(buffer[start..<(start + take)]))
                start += take
                remaining -= take
            }
        }

        mutating func readChunked(_ deliver: ([UInt8]) throws -> Void) throws {
            while true {
                let sizeLine = String(decoding: try line(), as: UTF8.self)
                let digits = sizeLine.split(separator: ";").first.map { String($0).trimmingSpaces() } ?? ""
                guard let size = Int(digits, radix: 16), size >= 0 else { throw Failure(description: "\(endpoint) sent a bad chunk size") }
                if size == 0 {
                    while try !line().isEmpty {}  // trailer fields
                    return
                }
                try read(size, deliver)
                guard try line().isEmpty else { throw Failure(description: "\(endpoint) sent a chunk without its CRLF") }
            }
        }

        mutating func readToEnd(_ deliver: ([UInt8]) throws -> Void) throws {
            repeat {
                if available > 0 {
                    try deliver(Array(buffer[start...]))
                    start = buffer.count
                }
            } while try fill()
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
