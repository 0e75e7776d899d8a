/// The lifecycle of one connection as a pure state machine over instants from an injected clock.
///
/// No sockets and no clock reads here: every event carries `now` (monotonic nanoseconds), so the
/// deadlines are unit-tested with a manual clock. Model: hummingbird's
/// `HTTPConnectionStateHandler.StateMachine`, extended with header, body, send and linger deadlines.
struct ConnectionState: Equatable {
    /// Where the connection is.
    enum Phase: Equatable {
        /// Waiting for the first byte of a request: fresh (`since` = accept) or kept alive.
        case awaitingRequest(since: UInt64, isFresh: Bool)
        /// Part of a header section arrived; it must be complete by `deadline`.
        case readingHead(deadline: UInt64)
        /// The head is complete; the body must keep arriving (`lastProgress` + body timeout).
        case readingBody(lastProgress: UInt64)
        /// A handler is running; nothing is read (one request at a time).
        case processing
        /// The response is being written and the client is slow; `lastProgress` + send timeout.
        case writing(lastProgress: UInt64)
        /// The writing side is shut; input is drained until `until`, then the socket is closed.
        case lingering(until: UInt64)
        /// Done.
        case closed
    }

    /// What the owner of the socket must do.
    enum Action: Equatable {
        /// Nothing.
        case none
        /// Close now, without a response.
        case close
        /// Answer 408 with `Connection: close`, then close lingering.
        case sendRequestTimeout
        /// Shut down writing and drain briefly before closing.
        case linger
        /// Wait for the next request.
        case readNextRequest
    }

    /// How a connection waits with no byte of a request received: closing it loses no work
    /// (nginx's "reusable" connections), so it is what the loop closes first at the cap.
    enum Idleness: Equatable {
        /// Accepted, and not a byte of a request yet.
        case neverSent
        /// Kept alive after a response, waiting for the next request.
        case betweenRequests
    }

    private let limits: HTTPLimits
    /// The current phase.
    private(set) var phase: Phase
    /// Whether the server is shutting down (no more keep-alive).
    private(set) var isDraining = false

    /// A connection accepted at `now`: the header deadline runs from the accept.
    init(limits: HTTPLimits, now: UInt64) {
        self.limits = limits
        phase = .awaitingRequest(since: now, isFresh: true)
    }

    /// How the connection is idle, or nil when a request is under way or it is closing.
    var idleness: Idleness? {
        guard case .awaitingRequest(_, let isFresh) = phase else { return nil }
        return isFresh ? .neverSent : .betweenRequests
    }

    private func nanos(_ milliseconds: Int) -> UInt64 { UInt64(max(0, milliseconds)) &* 1_000_000 }

    /// Bytes arrived; `hasPartialRequest` / `isReadingBody` describe the parser afterwards.
    mutating func received(now: UInt64, hasPartialRequest: Bool, isReadingBody: Bool) {
        switch phase {
        case .awaitingRequest(let since, let isFresh):
            if isReadingBody {
                phase = .readingBody(lastProgress: now)
            } else if hasPartialRequest {
                let start = isFresh ? since : now
                phase = .readingHead(deadline: start &+ nanos(limits.headerTimeout))
            }
        case .readingHead:
            if isReadingBody { phase = .readingBody(lastProgress: now) }
        case .readingBody:
            phase = .readingBody(lastProgress: now)
        case .processing, .writing, .lingering, .closed:
            break
        }
    }

    /// A complete request went to a handler.
    mutating func requestDispatched() {
        phase = .processing
    }

    /// The client is not taking the response as fast as it is written.
    mutating func writeBlocked(now: UInt64) {
        if case .writing = phase { return }
        phase = .writing(lastProgress: now)
    }

    /// Some response bytes left while writing was blocked.
    mutating func wroteSome(now: UInt64) {
        if case .writing = phase { phase = .writing(lastProgress: now) }
    }

    /// The whole response is out; keep alive only if both the request and the server allow it.
    mutating func responseComplete(now: UInt64, keepAlive: Bool) -> Action {
        if keepAlive && !isDraining {
            phase = .awaitingRequest(since: now, isFresh: false)
            return .readNextRequest
        }
        phase = .lingering(until: now &+ nanos(limits.lingerTimeout))
        return .linger
    }

    /// An error response (parse error, timeout) was sent: close lingering.
    mutating func errorResponseSent(now: UInt64) -> Action {
        phase = .lingering(until: now &+ nanos(limits.lingerTimeout))
        return .linger
    }

    /// The peer closed or the socket failed.
    mutating func closed() {
        phase = .closed
    }

    /// The server stops: idle connections close now, the others finish their request. One with
    /// `hasPendingInput` (a request in the socket, not read yet) is not idle: it is answered.
    mutating func startDraining(hasPendingInput: Bool = false) -> Action {
        isDraining = true
        if case .awaitingRequest = phase, !hasPendingInput {
            phase = .closed
            return .close
        }
        return .none
    }

    /// What the deadlines demand at `now`.
    mutating func checkDeadlines(now: UInt64) -> Action {
        switch phase {
        case .awaitingRequest(let since, let isFresh):
            let limit = isFresh ? min(limits.firstByteTimeout, limits.headerTimeout) : limits.idleTimeout
            if now >= since &+ nanos(limit) {
                phase = .closed
                return .close
            }
        case .readingHead(let deadline):
            if now >= deadline { return timedOut() }
        case .readingBody(let lastProgress):
            if now >= lastProgress &+ nanos(limits.bodyProgressTimeout) { return timedOut() }
        case .writing(let lastProgress):
            if now >= lastProgress &+ nanos(limits.sendTimeout) {
                phase = .closed
                return .close
            }
        case .lingering(let until):
            if now >= until {
                phase = .closed
                return .close
            }
        case .processing, .closed:
            break
        }
        return .none
    }

    private mutating func timedOut() -> Action {
        phase = .processing  // the 408 is being written; errorResponseSent() follows
        return .sendRequestTimeout
    }
}
