/// Runs handlers on a pool thread and writes their responses straight to the socket.
///
/// One per pool thread (its encoder and output buffer are reused). A response that fits the
/// socket buffer leaves in one `send` from here, with no hop back to the loop before the client
/// has it; the rest of a blocked response is left to the loop. Streams are produced into memory
/// and then sent the same way; only one larger than ``HTTPLimits/streamBufferBytes`` is written from here,
/// blocking up to the send timeout per stall.
struct Worker {
    let responder: any HTTPResponder
    let loop: EventLoop
    private var encoder = ResponseEncoder()
    private var out: [UInt8] = []

    /// A worker for `responder` reporting to `loop`.
    init(responder: any HTTPResponder, loop: EventLoop) {
        self.responder = responder
        self.loop = loop
        out.reserveCapacity(ResponseEncoder.inlineBodyLimit + 1024)
    }

    /// Answers one request and posts the connection back to the loop.
    mutating func run(_ job: WorkerJob) {
        let connection = job.connection
        let request = job.request
        let requestID = RequestID.make(for: request)
        let context = RequestContext(requestID: requestID, clientAddress: connection.peer)
        let response = responder.respond(to: request, context: context)
        let keepAlive = request.isKeepAlive && !loop.isDraining.load(ordering: .relaxed)
        out.removeAll(keepingCapacity: true)
        let (framing, finalKeepAlive) = encoder.encode(response, isHEAD: request.method == .HEAD, version: request.version,
                                                       requestID: requestID, keepAlive: keepAlive, into: &out)
        var bodyBytes = 0
        switch framing {
        case .none:
            connection.outcome = send(connection, keepAlive: finalKeepAlive)
        case .fixed(let count, let inline):
            bodyBytes = count
            if !inline, case .bytes(let body) = response.body {
                out.append(contentsOf: body)  // large bodies: one buffer, then as many sends as it takes
            }
            connection.outcome = send(connection, keepAlive: finalKeepAlive)
        case .chunked, .untilClose:
            if case .stream(let produce) = response.body {
                connection.outcome = stream(connection, produce: produce, chunked: framing == .chunked,
                                            keepAlive: finalKeepAlive, bytes: &bodyBytes)
            }
        }
        response.onSent?(bodyBytes)
        if out.capacity > 1 << 20 { out = []; out.reserveCapacity(ResponseEncoder.inlineBodyLimit + 1024) }  // after a buffered stream
        loop.workerDone(connection)
    }

    /// Sends `out` without blocking; what does not fit is left to the loop.
    private func send(_ connection: Connection, keepAlive: Bool) -> Connection.WorkerOutcome {
        var offset = 0
        while offset < out.count {
            do {
                switch try Socket.send(connection.fd, out, from: offset) {
                case .processed(let count): offset += count
                case .wouldBlock:
                    connection.pending = Array(out[offset...])
                    connection.pendingOffset = 0
                    return .pendingOutput(keepAlive: keepAlive)
                }
            } catch {
                return .failed
            }
        }
        return .responded(keepAlive: keepAlive)
    }

    /// Writes the head, then the producer's chunks (or raw bytes for HTTP/1.0), then the last chunk.
    private mutating func stream(_ connection: Connection, produce: @Sendable (BodyWriter) throws -> Void, chunked: Bool,
                                 keepAlive: Bool, bytes: inout Int) -> Connection.WorkerOutcome {
        let fd = connection.fd
        let timeout = Int32(clamping: loop.limits.sendTimeout)
        let limit = loop.limits.streamBufferBytes
        var buffered = out  // the head, then frames while the body stays under the limit
        var isBuffering = true
        var frame: [UInt8] = []
        var written = 0
        do {
            let writer = BodyWriter { chunk in
                written += chunk.count
                frame.removeAll(keepingCapacity: true)
                if chunked { frame.append(contentsOf: ResponseEncoder.chunkHeader(chunk.count)) }
                frame.append(contentsOf: chunk)
                if chunked { frame.append(contentsOf: [0x0D, 0x0A]) }
                if isBuffering {
                    buffered.append(contentsOf: frame)
                    guard buffered.count > limit else { return }
                    isBuffering = false
                    try buffered.withUnsafeBytes { try Socket.sendAll(fd, $0, timeoutMilliseconds: timeout) }
                    buffered = []
                    return
                }
                try frame.withUnsafeBytes { try Socket.sendAll(fd, $0, timeoutMilliseconds: timeout) }
            }
            try produce(writer)
            if chunked {
                if isBuffering {
                    buffered.append(contentsOf: ResponseEncoder.lastChunk)
                } else {
                    try ResponseEncoder.lastChunk.withUnsafeBytes { try Socket.sendAll(fd, $0, timeoutMilliseconds: timeout) }
                }
            }
        } catch {
            bytes = written
            if !(error is SocketError) {
                ErrorLog.write("stream body failed after \(written) bytes: \(error)")
                // What was produced before the failure still leaves, as it did when streamed.
                if isBuffering { _ = try? buffered.withUnsafeBytes { try Socket.sendAll(fd, $0, timeoutMilliseconds: timeout) } }
            }
            return .failed  // the body is cut short: closing is the only honest signal left
        }
        bytes = written
        guard isBuffering else { return .responded(keepAlive: keepAlive) }
        out = buffered
        return send(connection, keepAlive: keepAlive)
    }
}
