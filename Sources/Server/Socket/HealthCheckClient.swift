#if canImport(Glibc)
import Glibc
#endif

/// The client behind `archive-server healthcheck` (Docker's HEALTHCHECK): one `GET /healthz`
/// (or `/readyz` for `--ready`) over loopback with a short timeout; true when the answer is 200.
public enum HealthCheckClient {
    public static func isHealthy(host: String, port: Int, path: String = "/healthz", timeoutSeconds: Int = 3) -> Bool {
        // A wildcard listener is reached through loopback.
        let target = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : (host == "localhost" ? "127.0.0.1" : host))
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(target, String(port), &hints, &list) == 0, let info = list else { return false }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { _ = Glibc.close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { return false }
        let hostField = target.contains(":") ? "[\(target)]:\(port)" : "\(target):\(port)"
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(hostField)\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        var received = 0
        while received < 12 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, $0.count - received, 0) }
            if count <= 0 { break }
            received += count
        }
        let statusLine = String(decoding: buffer[0..<received], as: UTF8.self)
        return statusLine.hasPrefix("HTTP/1.1 200") || statusLine.hasPrefix("HTTP/1.0 200")
    }
}
