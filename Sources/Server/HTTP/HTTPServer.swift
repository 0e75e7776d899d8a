import Synchronization

/// The HTTP/1.1 server: one epoll event-loop thread plus a bounded pool of handler threads.
public final class HTTPServer: Sendable {
    /// How the server listens and what it accepts.
    public let configuration: ServerConfiguration
    private let responder: any HTTPResponder
    private let running = Mutex<Running?>(nil)

    private struct Running: Sendable {
        let loop: EventLoop
        let thread: OSThread
    }

    /// A server that will answer every request with `responder`.
    public init(configuration: ServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Binds and listens (SO_REUSEADDR, SOMAXCONN), starts the threads, and returns the real port.
    @discardableResult
    public func start() throws -> Int {
        Socket.ignoreSIGPIPE()
        let (fd, port) = try Socket.makeListener(host: configuration.host, port: configuration.port)
        let loop: EventLoop
        do {
            loop = try EventLoop(configuration: configuration, listener: fd)
        } catch {
            Socket.close(fd)
            throw error
        }
        let responder = self.responder
        // Our threads never take SIGTERM/SIGINT: they wait for runUntilSignalled().
        let thread = TerminationSignals.blockedWhile { () -> OSThread in
            loop.pool = WorkerPool(count: configuration.workerCount, name: "http-worker") { [loop] in
                var worker = Worker(responder: responder, loop: loop)
                return { job in worker.run(job) }
            }
            return OSThread(name: "http-loop") { loop.run() }
        }
        running.withLock { $0 = Running(loop: loop, thread: thread) }
        if configuration.logFormat != .none {
            let shown = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            ErrorLog.write("listening on http://\(shown):\(port)")
        }
        return port
    }

    /// The client connections open in this process (every server's event loop), for the
    /// `archive_http_open_connections` gauge; read without locking.
    public static var openConnectionCount: Int { EventLoop.openConnections.load(ordering: .relaxed) }

    /// Stops accepting; with `drain`, requests in flight finish until the drain deadline.
    /// Returns when the event loop has closed every connection (or given up on stuck handlers).
    public func stop(drain: Bool = true) {
        guard let current = running.withLock({ state -> Running? in defer { state = nil }; return state }) else { return }
        current.loop.post(.stop(drain: drain))
        current.thread.join()
    }

    /// Blocks SIGTERM and SIGINT in the calling thread and every thread started after it, so a
    /// signal waits for ``runUntilSignalled()`` instead of killing the process or being lost.
    /// Call it first in `main`, before anything (SQLite's queues included) starts a thread.
    public static func holdTerminationSignals() {
        TerminationSignals.block()
    }

    /// Serves until SIGTERM or SIGINT (taken with `sigwait`), then drains and returns (so `main`
    /// can exit 0): the listener closes at once, requests in flight finish.
    public func runUntilSignalled() {
        let number = TerminationSignals.wait()
        if configuration.logFormat != .none { ErrorLog.write("\(TerminationSignals.name(number)) received; draining") }
        stop(drain: true)
    }
}
