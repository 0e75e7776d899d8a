/// One client connection: its socket, parser, lifecycle state and unsent output.
///
/// `@unchecked Sendable` because ownership moves between threads without locks, and exactly
/// one thread owns it at a time: the event loop while the socket is armed in epoll
/// (`EPOLLONESHOT`), a worker from `WorkerPool.submit` until it posts the connection back
/// through the loop's locked inbox. The mutex and epoll calls order each hand-off.
final class Connection: @unchecked Sendable {
    /// What a worker reports when it gives the connection back.
    enum WorkerOutcome {
        /// The whole response is out.
        case responded(keepAlive: Bool)
        /// Part of the response is still in ``Connection/pending``: the loop finishes writing.
        case pendingOutput(keepAlive: Bool)
        /// The client is gone or stopped reading: close.
        case failed
    }

    /// What to do when ``pending`` is fully written.
    enum AfterFlush {
        /// The response ended; keep alive or not.
        case responseComplete(keepAlive: Bool)
        /// An error response ended: lingering close.
        case errorResponseSent
    }

    /// The socket.
    let fd: Int32
    /// The peer address for logs and the request context.
    let peer: String
    /// The key the per-client connection cap counts this connection under.
    let client: ClientAddress
    /// The request parser (it holds the unparsed input).
    var parser: RequestParser
    /// Deadlines and phase.
    var state: ConnectionState
    /// Bytes waiting to be written, from ``pendingOffset``.
    var pending: [UInt8] = []
    /// How many bytes of ``pending`` are already written.
    var pendingOffset = 0
    /// What follows the pending output.
    var afterFlush = AfterFlush.errorResponseSent
    /// Set by the worker before it posts the connection back.
    var outcome = WorkerOutcome.failed
    /// The peer shut down its writing side (EOF read).
    var isInputClosed = false
    /// Whether the event loop owns it (loop-only bookkeeping).
    var isLoopOwned = true
    /// An event came after the worker re-armed it, before its message (loop-only).
    var hasEventBeforeMessage = false
    /// Which list of ``ReusableConnections`` holds it, if any (loop-only).
    var reusableKind: ConnectionState.Idleness?
    /// The next older connection in that list (loop-only).
    var olderReusable: Connection?
    /// The next newer connection in that list (loop-only).
    var newerReusable: Connection?

    /// Wraps an accepted socket.
    init(fd: Int32, peer: String, client: ClientAddress, limits: HTTPLimits, now: UInt64) {
        self.fd = fd
        self.peer = peer
        self.client = client
        parser = RequestParser(limits: limits)
        state = ConnectionState(limits: limits, now: now)
    }
}
