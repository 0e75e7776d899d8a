import Synchronization
import Support

/// The readiness-driven I/O thread: accepts, reads and parses, writes what workers could not,
/// enforces deadlines, and hands complete requests to the worker pool.
///
/// Only this thread accepts and closes sockets; workers give connections back through
/// ``workerDone(_:)``, which re-arms a kept-alive one itself (the one `epoll_ctl` off the loop). `@unchecked Sendable`: everything but the inbox and the epoll
/// wake-up is touched by the loop thread only.
final class EventLoop: @unchecked Sendable {
    /// A message for the loop from another thread.
    enum Message {
        /// A worker is done with this connection (see ``Connection/outcome``).
        case workerDone(Connection)
        /// A worker sent a keep-alive answer whole and re-armed the connection for reading.
        case workerDoneRearmed(Connection)
        /// Stop accepting; finish requests in flight until the drain deadline (0 when not draining).
        case stop(drain: Bool)
    }

    let configuration: ServerConfiguration
    let limits: HTTPLimits
    let epoll: Epoll
    let listener: Int32
    let accessLog: AccessLog
    var pool: WorkerPool<WorkerJob>!
    var connections: [Connection?] = []
    var openCount = 0 {
        didSet { EventLoop.openConnections.wrappingAdd(openCount - oldValue, ordering: .relaxed) }
    }
    /// Connections open in every loop of the process (``HTTPServer/openConnectionCount``).
    static let openConnections = Atomic<Int>(0)
    /// Idle connections, oldest first, closed to make room at the cap.
    var reusable = ReusableConnections()
    /// Open connections per client address, for the per-client cap (no entry at zero).
    var connectionsPerClient: [ClientAddress: Int] = [:]
    var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    var encoder = ResponseEncoder()

    private let inbox = Mutex<[Message]>([])
    private let wakePending = Atomic<Bool>(false)
    /// Read by workers: once set, responses say `Connection: close`.
    let isDraining = Atomic<Bool>(false)

    /// Events of connections whose worker re-armed them before the loop had their message.
    private var eventsBeforeMessage = 0
    private var isListening = true
    private var acceptPausedUntil: UInt64 = 0
    private var stopDeadline: UInt64?
    private let tick: UInt64
    private var nextSweep: UInt64 = 0

    static let listenerToken = UInt64.max - 1

    /// A loop over a bound, listening socket.
    init(configuration: ServerConfiguration, listener: Int32) throws(SocketError) {
        self.configuration = configuration
        limits = configuration.limits
        self.listener = listener
        accessLog = AccessLog(format: configuration.logFormat)
        epoll = try Epoll()
        try epoll.register(listener, token: EventLoop.listenerToken, interest: .readPersistent)
        let shortest = [limits.firstByteTimeout, limits.headerTimeout, limits.idleTimeout, limits.bodyProgressTimeout,
                        limits.sendTimeout, limits.lingerTimeout].min() ?? 1000
        tick = UInt64(min(250, max(5, shortest / 5))) * 1_000_000
    }

    /// Hands a message to the loop; callable from any thread, wakes the loop at most once per batch.
    func post(_ message: Message) {
        inbox.withLock { $0.append(message) }
        wakeOnce()
    }

    /// Wakes the loop unless a wake-up is already on its way.
    private func wakeOnce() {
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) { epoll.wake() }
    }

    /// A worker is done with `connection`. The common case, a keep-alive answer sent whole with
    /// no further input buffered, does not wake the loop: the worker re-arms the connection for
    /// reading itself, then queues the message, which the loop takes before it handles that
    /// connection's next event (or at its next tick, when the client stays idle). Everything else
    /// needs the loop now: a blocked write, a close, pipelined input, a drain.
    func workerDone(_ connection: Connection) {
        guard case .responded(keepAlive: true) = connection.outcome, !connection.isInputClosed,
              !connection.parser.hasPartialRequest, !isDraining.load(ordering: .relaxed),
              (try? epoll.rearm(connection.fd, token: UInt64(connection.fd), interest: .read)) != nil else {
            return post(.workerDone(connection))
        }
        // Re-armed first: the loop cannot close the socket (whose number a new connection could
        // take) before it has the message. An event that beats the message waits for it (handle).
        inbox.withLock { $0.append(.workerDoneRearmed(connection)) }
    }

    /// Runs until stopped and every connection is gone (or the drain deadline passes).
    func run() {
        while true {
            let now = SystemClock.monotonicNanoseconds()
            var wait = nextSweep > now ? Int32((nextSweep - now + 999_999) / 1_000_000) : 0
            if eventsBeforeMessage > 0 { wait = min(wait, 1) }  // their messages are moments away and wake nothing
            var inboxRead = false
            epoll.wait(timeoutMilliseconds: wait) { event in
                // Messages first: most events of connections workers re-armed have theirs queued.
                if !inboxRead { receiveMessages(); inboxRead = true }
                handle(event)
            }
            wakePending.store(false, ordering: .sequentiallyConsistent)
            receiveMessages()
            let after = SystemClock.monotonicNanoseconds()
            if after >= nextSweep {
                sweep(now: after)
                nextSweep = after + tick
            }
            if let stopDeadline {
                if openCount == 0 { break }
                if after >= stopDeadline + 1_000_000_000 { break }  // workers stuck past the grace second
            }
        }
        for case let connection? in connections where connection.isLoopOwned { close(connection) }
        pool.shutdown()
    }

    private func receiveMessages() {
        let messages = inbox.withLock { inbox -> [Message] in
            defer { inbox.removeAll(keepingCapacity: true) }
            return inbox
        }
        for message in messages { receive(message) }
    }

    private func handle(_ event: Epoll.Event) {
        if event.token == Epoll.wakeToken { return }
        if event.token == EventLoop.listenerToken {
            if isListening { acceptPending() }  // a stop read from the inbox in this batch closed it
            return
        }
        let fd = Int(event.token)
        guard fd < connections.count, let connection = connections[fd] else { return }
        guard connection.isLoopOwned else {
            // A worker re-armed it and has yet to queue its message: handled when that comes.
            connection.hasEventBeforeMessage = true
            eventsBeforeMessage += 1
            return
        }
        handleEvent(connection)
    }

    private func handleEvent(_ connection: Connection) {
        switch connection.state.phase {
        case .writing: flush(connection)
        case .lingering: drainLingering(connection)
        case .closed: close(connection)
        default: readInput(connection)
        }
    }

    private func receive(_ message: Message) {
        switch message {
        case .workerDone(let connection):
            connection.isLoopOwned = true
            drainAfterWorker(connection)
            workerFinished(connection)
        case .workerDoneRearmed(let connection):
            connection.isLoopOwned = true
            drainAfterWorker(connection)
            let action = connection.state.responseComplete(now: SystemClock.monotonicNanoseconds(), keepAlive: true)
            if case .readNextRequest = action {
                reusable.update(connection)  // nothing buffered, and arming again could hand a worker's connection an event
            } else {
                act(connection, action)
            }
            if connection.hasEventBeforeMessage {
                connection.hasEventBeforeMessage = false
                eventsBeforeMessage -= 1
                if isOpen(connection) { handleEvent(connection) }
            }
        case .stop(let drain):
            guard stopDeadline == nil else { return }
            isDraining.store(true, ordering: .sequentiallyConsistent)
            let now = SystemClock.monotonicNanoseconds()
            stopDeadline = now + (drain ? UInt64(limits.drainTimeout) * 1_000_000 : 0)
            if isListening {
                epoll.unregister(listener)
                isListening = false
            }
            Socket.close(listener)
            for case let connection? in connections where connection.isLoopOwned {
                let hasPendingInput = connection.state.idleness != nil && Socket.hasPendingInput(connection.fd)
                if connection.state.startDraining(hasPendingInput: hasPendingInput) == .close { close(connection) }
            }
        }
    }

    /// During a drain, a connection a worker gives back closes after this answer, unless the
    /// client has already sent (part of) its next request: that one is answered first, as the
    /// requests on connections the loop held at the stop are, and says `Connection: close`.
    private func drainAfterWorker(_ connection: Connection) {
        guard stopDeadline != nil else { return }
        if connection.parser.bufferedByteCount > 0 || Socket.hasPendingInput(connection.fd) { return }
        _ = connection.state.startDraining()
    }

    // MARK: - Accepting

    private func acceptPending() {
        let now = SystemClock.monotonicNanoseconds()
        for _ in 0..<64 {
            switch Socket.accept(listener) {
            case .none:
                return
            case .skipped:
                continue
            case .backOff(let code):
                // EMFILE/ENFILE: stop polling the listener for a while instead of spinning.
                ErrorLog.write("accept: out of descriptors or memory (errno \(code)); pausing accepts for 100 ms")
                epoll.unregister(listener)
                isListening = false
                acceptPausedUntil = now + 100_000_000
                return
            case .connection(let fd, let peer):
                let client = peer.client
                if connectionsPerClient[client, default: 0] >= configuration.maxConnectionsPerClient {
                    refuse(fd, detail: "This client address has too many open connections.")
                    continue
                }
                if openCount >= configuration.maxConnections && !closeOldestIdleConnection() {
                    refuse(fd, detail: "The server has too many open connections.")
                    continue
                }
                Socket.setNoDelay(fd)
                if let bytes = limits.socketSendBufferBytes { Socket.setSendBuffer(fd, bytes: bytes) }
                let connection = Connection(fd: fd, peer: peer.text, client: client, limits: limits, now: now)
                if Int(fd) >= connections.count {
                    connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count))
                }
                do {
                    try epoll.register(fd, token: UInt64(fd), interest: .read)
                } catch {
                    Socket.close(fd)
                    continue
                }
                connections[Int(fd)] = connection
                openCount += 1
                connectionsPerClient[client, default: 0] += 1
                reusable.update(connection)
            }
        }
    }

    /// At the cap: closes the oldest idle connection (never-sent first) to make room; false if
    /// none is idle. One with input already waiting is busy, not idle: its event is on its way.
    private func closeOldestIdleConnection() -> Bool {
        guard let victim = reusable.oldest(lookingAtMost: 16, where: { !Socket.hasPendingInput($0.fd) }) else { return false }
        close(victim)
        return true
    }

    /// Over a cap: a canned 503 problem (as nginx's `limit_conn` answers), best effort, then close.
    private func refuse(_ fd: Int32, detail: String) {
        var out: [UInt8] = []
        var problem = Problem(status: .serviceUnavailable, detail: detail).response()
        problem.headers.set(.retryAfter, "1")
        _ = encoder.encode(problem, isHEAD: false, version: .http1_1, requestID: RequestID.next(), keepAlive: false, into: &out)
        _ = try? Socket.send(fd, out, from: 0)
        Socket.close(fd)  // a FIN follows the answer; no lingering for a connection never read
    }

    // MARK: - Deadlines

    private func sweep(now: UInt64) {
        if !isListening && stopDeadline == nil && now >= acceptPausedUntil {
            if (try? epoll.register(listener, token: EventLoop.listenerToken, interest: .readPersistent)) != nil {
                isListening = true
            }
        }
        if let stopDeadline, now >= stopDeadline {
            for case let connection? in connections {
                if connection.isLoopOwned { close(connection) } else { Socket.shutdownBoth(connection.fd) }
            }
            return
        }
        for case let connection? in connections where connection.isLoopOwned {
            switch connection.state.checkDeadlines(now: now) {
            case .close: close(connection)
            case .sendRequestTimeout: sendError(connection, status: .requestTimeout, detail: "The request was not received in time.")
            case .none, .linger, .readNextRequest: break
            }
        }
    }
}

/// A request handed to the worker pool with its connection.
struct WorkerJob: Sendable {
    /// The connection, owned by the worker until it is posted back.
    let connection: Connection
    /// The parsed request.
    let request: HTTPRequest
}
