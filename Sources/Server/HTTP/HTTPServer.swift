import Dispatch
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
        loop.pool = WorkerPool(count: configuration.workerCount, name: "http-worker") { [loop] in
            var worker = Worker(responder: responder, loop: loop)
            return { job in worker.run(job) }
        }
        let thread = OSThread(name: "http-loop") { loop.run() }
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

    /// Serves until SIGTERM or SIGINT, then drains and returns (so `main` can exit 0).
    public func runUntilSignalled() {
        let signalled = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "http-server.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in Socket.terminationSignals {
            Socket.ignoreSignal(number)  // the default action would kill us before Dispatch sees it
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { signalled.signal() }
            source.resume()
            sources.append(source)
        }
        signalled.wait()
        if configuration.logFormat != .none { ErrorLog.write("signal received; draining") }
        stop(drain: true)
        sources.forEach { $0.cancel() }
    }
}
