import Glibc
import Synchronization
import TestSupport
@testable import Server

/// A client that floods the server with idle sockets from one source address: it keeps up to
/// `holding` connections open without sending a byte and reopens each one the server closes
/// (or refuses with a 503), until stopped. Runs on its own thread.
final class FloodingClient: Sendable {
    private let port: Int
    private let source: String
    private let holding: Int
    private let isStopping = Atomic<Bool>(false)
    private let opened = Atomic<Int>(0)
    private let closedByServer = Atomic<Int>(0)
    private let thread = Mutex<OSThread?>(nil)

    /// What the flood did.
    struct Totals {
        /// Connections opened, reopenings included.
        var opened: Int
        /// Connections the server closed or refused.
        var closedByServer: Int
    }

    /// A flood of `holding` idle sockets from `source` to 127.0.0.1:`port`; call ``start()``.
    init(port: Int, from source: String, holding: Int) {
        self.port = port
        self.source = source
        self.holding = holding
    }

    /// Starts flooding; returns once the first `holding` connects were tried.
    func start() {
        let ready = Atomic<Bool>(false)
        let started = OSThread(name: "flood") { [self] in
            var sockets = (0..<holding).map { _ in open() }
            ready.store(true, ordering: .releasing)
            while !isStopping.load(ordering: .acquiring) {
                var entries = sockets.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                _ = poll(&entries, nfds_t(entries.count), 10)
                for index in sockets.indices where sockets[index] < 0 || entries[index].revents != 0 {
                    if sockets[index] >= 0 {
                        close(sockets[index])
                        closedByServer.wrappingAdd(1, ordering: .relaxed)
                    }
                    sockets[index] = open()
                }
            }
            for fd in sockets where fd >= 0 { close(fd) }
        }
        thread.withLock { $0 = started }
        while !ready.load(ordering: .acquiring) { usleep(1000) }
    }

    /// Stops the flood, closes its sockets and reports what it did.
    func stop() -> Totals {
        isStopping.store(true, ordering: .releasing)
        thread.withLock { $0?.join() }
        return Totals(opened: opened.load(ordering: .relaxed), closedByServer: closedByServer.load(ordering: .relaxed))
    }

    private func open() -> Int32 {
        let fd = LoopbackSocket.connect(port: port, from: source, timeoutMilliseconds: 200)
        if fd >= 0 { opened.wrappingAdd(1, ordering: .relaxed) }
        return fd
    }
}
