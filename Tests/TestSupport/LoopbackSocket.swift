import Glibc

/// Blocking TCP connects to 127.0.0.1 from a chosen source address in 127.0.0.0/8, so one test
/// process can play several clients (every 127.x.y.z address is local on Linux).
public enum LoopbackSocket {
    /// A connected socket, or -1 with errno set; connect gives up after `timeoutMilliseconds`.
    /// `receiveBufferBytes` sets `SO_RCVBUF` before the connect (so the window is small from the start).
    public static func connect(port: Int, from source: String?, timeoutMilliseconds: Int = 1000, receiveBufferBytes: Int32? = nil) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return -1 }
        if var size = receiveBufferBytes { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = address(source, port: 0)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { return failed(fd) }
        }
        var remote = address("127.0.0.1", port: port)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0 ? fd : failed(fd)
    }

    /// Whether a connect from 127.0.0.1 to `port` is refused (ECONNREFUSED): nothing listens.
    public static func isRefused(port: Int) -> Bool {
        let fd = connect(port: port, from: nil)
        if fd >= 0 {
            close(fd)
            return false
        }
        return errno == ECONNREFUSED
    }

    private static func address(_ text: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr(text)
        return address
    }

    private static func failed(_ fd: Int32) -> Int32 {
        let code = errno
        close(fd)
        errno = code
        return -1
    }
}
