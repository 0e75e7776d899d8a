import CSystem
import Glibc
import Support

/// Every socket syscall the server makes, each reduced to would-block, peer-gone or failed.
///
/// One wrapper (``Socket/call(_:_:)``) retries `EINTR`, returns `EAGAIN` as a value and never
/// retries `close`. Model: swift-nio `Sources/NIOPosix/System.swift`, FlyingFox `Socket.swift`.
enum Socket {
    /// Runs a syscall that returns -1 on failure: retries EINTR, maps EAGAIN to `.wouldBlock`.
    @inline(__always)
    static func call(_ name: StaticString, _ body: () -> Int) throws(SocketError) -> IOResult<Int> {
        while true {
            let result = body()
            if result >= 0 { return .processed(result) }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EBADF, EFAULT, ENOTSOCK:
                // These can only mean a bug in the server (a stale or foreign descriptor).
                preconditionFailure("\(name) failed with errno \(code): programming error")
            default: throw SocketError(call: name, errno: code)
            }
        }
    }

    // MARK: - Process-wide setup

    /// Ignores SIGPIPE once for the process; writes also pass `MSG_NOSIGNAL`.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    // MARK: - Listening

    /// Creates a non-blocking, close-on-exec TCP listener bound to `host:port`; returns fd and real port.
    static func makeListener(host: String, port: Int, backlog: Int32 = SOMAXCONN) throws(SocketError) -> (fd: Int32, port: Int) {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        let literal = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            family = AF_INET
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            address.sin_addr = v4
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        } else if inet_pton(AF_INET6, literal.trimmingBrackets, &v6) == 1 {
            family = AF_INET6
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            address.sin6_addr = v6
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            throw SocketError.failed(call: "inet_pton(\(host))", errno: EINVAL)
        }
        let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(family, kind, 0)
        guard fd >= 0 else { throw SocketError(call: "socket", errno: errno) }
        do throws(SocketError) {
            var one: Int32 = 1
            if setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) != 0 {
                throw SocketError(call: "setsockopt(SO_REUSEADDR)", errno: errno)
            }
            let bound = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            if bound != 0 { throw SocketError(call: "bind", errno: errno) }
            if listen(fd, backlog) != 0 { throw SocketError(call: "listen", errno: errno) }
            return (fd, try localPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    /// The local port a socket is bound to.
    static func localPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard ok == 0 else { throw SocketError(call: "getsockname", errno: errno) }
        return withUnsafeBytes(of: storage) { raw -> Int in
            if Int32(raw.load(as: sa_family_t.self)) == AF_INET6 {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            }
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    /// What `accept4` gave back.
    enum Accepted {
        /// A new non-blocking, close-on-exec socket and its peer.
        case connection(fd: Int32, peer: Peer)
        /// Nothing pending.
        case none
        /// Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): back off before retrying.
        case backOff(errno: Int32)
        /// The pending connection failed before we took it (ECONNABORTED, EPROTO, …): try the next.
        case skipped
    }

    /// Accepts one pending connection (`accept4` with `SOCK_NONBLOCK | SOCK_CLOEXEC`); see ``setNoDelay(_:)``.
    static func accept(_ listener: Int32) -> Accepted {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(listener, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if fd >= 0 {
                return .connection(fd: fd, peer: Peer(storage: storage))
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .none
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .backOff(errno: errno)
            default: return .skipped  // ECONNABORTED, EPROTO, EPERM, network errors on the new socket
            }
        }
    }

    /// Turns Nagle off on an admitted connection (not on one refused at once: a syscall saved per refusal).
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Fixes an admitted connection's kernel send buffer (`SO_SNDBUF`; the kernel doubles it and stops autotuning it).
    static func setSendBuffer(_ fd: Int32, bytes: Int) {
        var size = Int32(clamping: bytes)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    /// An accepted peer's address: its per-client key at once, its text only when admitted.
    struct Peer {
        fileprivate let storage: sockaddr_storage
        /// The key the per-client cap counts it under.
        var client: ClientAddress { ClientAddress(storage) }
        /// `ip:port` or `[ip6]:port`, for logs and handlers.
        var text: String { Socket.describe(storage) }
    }

    /// Formats a peer address as `ip:port` or `[ip6]:port`.
    fileprivate static func describe(_ storage: sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        return withUnsafeBytes(of: storage) { raw -> String in
            if Int32(raw.load(as: sa_family_t.self)) == AF_INET6 {
                var address = raw.load(as: sockaddr_in6.self)
                inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count))
                return "[\(string(text))]:\(UInt16(bigEndian: address.sin6_port))"
            }
            var address = raw.load(as: sockaddr_in.self)
            inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
            return "\(string(text)):\(UInt16(bigEndian: address.sin_port))"
        }
    }

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Reading and writing

    /// Reads up to `buffer.count` bytes into `buffer`; `.processed(0)` means the peer closed.
    static func read(_ fd: Int32, into buffer: inout [UInt8]) throws(SocketError) -> IOResult<Int> {
        try call("read") { buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) } }
    }

    /// Sends `bytes[from...]` once with `MSG_NOSIGNAL` (and `MSG_MORE` when more follows at once).
    static func send(_ fd: Int32, _ bytes: [UInt8], from offset: Int, more: Bool = false) throws(SocketError) -> IOResult<Int> {
        let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
        return try call("send") {
            bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, flags) }
        }
    }

    /// Sends raw bytes once with `MSG_NOSIGNAL`.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SocketError) -> IOResult<Int> {
        try call("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Blocks until `fd` is writable or `timeoutMilliseconds` pass; false on timeout.
    static func waitWritable(_ fd: Int32, timeoutMilliseconds: Int32) throws(SocketError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        switch try call("poll", { Int(poll(&entry, 1, timeoutMilliseconds)) }) {
        case .processed(let ready):
            if ready == 0 { return false }
            if entry.revents & Int16(POLLERR | POLLHUP) != 0 && entry.revents & Int16(POLLOUT) == 0 {
                throw SocketError.disconnected
            }
            return true
        case .wouldBlock: return false
        }
    }

    /// Sends every byte of `bytes` on a non-blocking socket, waiting up to `timeoutMilliseconds` per stall.
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            switch try send(fd, rest) {
            case .processed(let count): offset += count
            case .wouldBlock:
                if try !waitWritable(fd, timeoutMilliseconds: timeoutMilliseconds) { throw SocketError.timedOut }
            }
        }
    }

    /// Shuts down the writing half so the peer sees our FIN while we still drain its input.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes a descriptor; never retried, even on EINTR (the descriptor is gone on Linux).
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes a whole line to standard error with as few `write` calls as possible.
    static func writeStandardError(_ bytes: [UInt8]) {
        SystemFiles.writeAll(2, bytes)
    }
}

extension String {
    /// The address without the surrounding `[` `]` of an IPv6 literal.
    fileprivate var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}

extension Socket {
    /// Shuts down both directions, so a worker blocked on this socket fails fast (forced shutdown).
    static func shutdownBoth(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }
}

extension Socket {
    /// Whether input is waiting on `fd` (a peek that consumes nothing); false on EOF or error.
    static func hasPendingInput(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) > 0
    }
}
