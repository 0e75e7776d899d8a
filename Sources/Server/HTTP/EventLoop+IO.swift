import Support

// Reading, parsing, writing and closing on the loop thread.
extension EventLoop {
    /// Reads what is available (bounded per turn), then parses.
    func readInput(_ connection: Connection) {
        var total = 0
        reading: while total < 256 * 1024 {
            do {
                switch try Socket.read(connection.fd, into: &scratch) {
                case .processed(0):
                    connection.isInputClosed = true
                    break reading
                case .processed(let count):
                    connection.parser.feed(scratch[0..<count])
                    total += count
                    if count < scratch.count { break reading }
                case .wouldBlock:
                    break reading
                }
            } catch {
                close(connection)
                return
            }
        }
        processInput(connection)
    }

    /// Parses buffered input: dispatches a complete request, answers an error, or waits for more.
    func processInput(_ connection: Connection) {
        let now = SystemClock.monotonicNanoseconds()
        while true {
            switch connection.parser.next() {
            case .needMore:
                if connection.isInputClosed {
                    close(connection)
                    return
                }
                connection.state.received(now: now, hasPartialRequest: connection.parser.hasPartialRequest,
                                          isReadingBody: connection.parser.isReadingBody)
                reusable.update(connection)
                arm(connection, .read)
                return
            case .expectContinue:
                reusable.remove(connection)
                // RFC 9110 §10.1.1: the 100 goes out before the body is read; it is 25 bytes.
                connection.pending = ResponseEncoder.continueResponse
                connection.pendingOffset = 0
                if !writePending(connection) { return close(connection) }
                connection.state.received(now: now, hasPartialRequest: true, isReadingBody: true)
            case .request(let request):
                reusable.remove(connection)
                connection.state.requestDispatched()
                connection.isLoopOwned = false
                pool.submit(WorkerJob(connection: connection, request: request))
                return
            case .error(let error):
                sendError(connection, status: error.status, detail: error.detail)
                return
            }
        }
    }

    /// Writes as much of ``Connection/pending`` as the socket takes; false if the peer is gone.
    private func writePending(_ connection: Connection) -> Bool {
        while connection.pendingOffset < connection.pending.count {
            do {
                switch try Socket.send(connection.fd, connection.pending, from: connection.pendingOffset) {
                case .processed(let count): connection.pendingOffset += count
                case .wouldBlock: return true
                }
            } catch {
                return false
            }
        }
        return true
    }

    /// Continues a blocked write; when done, does what ``Connection/afterFlush`` says.
    func flush(_ connection: Connection) {
        let before = connection.pendingOffset
        guard writePending(connection) else { return close(connection) }
        let now = SystemClock.monotonicNanoseconds()
        if connection.pendingOffset < connection.pending.count {
            if connection.pendingOffset > before { connection.state.wroteSome(now: now) }
            connection.state.writeBlocked(now: now)
            arm(connection, .write)
            return
        }
        connection.pending = []
        connection.pendingOffset = 0
        switch connection.afterFlush {
        case .responseComplete(let keepAlive): act(connection, connection.state.responseComplete(now: now, keepAlive: keepAlive))
        case .errorResponseSent: act(connection, connection.state.errorResponseSent(now: now))
        }
    }

    /// A worker gave the connection back.
    func workerFinished(_ connection: Connection) {
        let now = SystemClock.monotonicNanoseconds()
        switch connection.outcome {
        case .responded(let keepAlive):
            act(connection, connection.state.responseComplete(now: now, keepAlive: keepAlive))
        case .pendingOutput(let keepAlive):
            connection.afterFlush = .responseComplete(keepAlive: keepAlive)
            connection.state.writeBlocked(now: now)
            flush(connection)
        case .failed:
            close(connection)
        }
    }

    /// Applies a lifecycle decision.
    func act(_ connection: Connection, _ action: ConnectionState.Action) {
        switch action {
        case .readNextRequest: processInput(connection)  // pipelined bytes may already hold the next request
        case .linger: startLingering(connection)
        case .close: close(connection)
        case .sendRequestTimeout: sendError(connection, status: .requestTimeout, detail: "The request was not received in time.")
        case .none: break
        }
    }

    /// Answers a problem with `Connection: close`, then closes lingering.
    func sendError(_ connection: Connection, status: HTTPStatus, detail: String) {
        reusable.remove(connection)
        let requestID = RequestID.next()
        var out: [UInt8] = []
        let response = Problem(status: status, detail: detail).response()
        _ = encoder.encode(response, isHEAD: false, version: .http1_1, requestID: requestID, keepAlive: false, into: &out)
        connection.pending = out
        connection.pendingOffset = 0
        connection.afterFlush = .errorResponseSent
        if case .bytes(let body) = response.body {
            accessLog.record(AccessLog.Entry(requestID: requestID, client: connection.peer, method: "-", target: "-",
                                             status: status.code, bytes: body.count, durationNanoseconds: 0))
        }
        flush(connection)
    }

    /// Shuts down our writing side so the client gets the whole answer, then drains its input.
    private func startLingering(_ connection: Connection) {
        Socket.shutdownWrite(connection.fd)
        if connection.isInputClosed { return close(connection) }
        drainLingering(connection)
    }

    /// Discards input until EOF, an error, or the linger deadline (checked by the sweep).
    func drainLingering(_ connection: Connection) {
        while true {
            do {
                switch try Socket.read(connection.fd, into: &scratch) {
                case .processed(0): return close(connection)
                case .processed: continue
                case .wouldBlock: return arm(connection, .read)
                }
            } catch {
                return close(connection)
            }
        }
    }

    /// Re-arms the one-shot registration; the loop keeps ownership.
    func arm(_ connection: Connection, _ interest: Epoll.Interest) {
        connection.isLoopOwned = true
        do {
            try epoll.rearm(connection.fd, token: UInt64(connection.fd), interest: interest)
        } catch {
            close(connection)
        }
    }

    /// Whether `connection` is still open: its socket's slot holds it, not a newer connection on that number.
    func isOpen(_ connection: Connection) -> Bool {
        Int(connection.fd) < connections.count && connections[Int(connection.fd)] === connection
    }

    /// Closes the socket and forgets the connection.
    func close(_ connection: Connection) {
        guard isOpen(connection) else { return }
        connection.state.closed()
        reusable.remove(connection)
        epoll.unregister(connection.fd)
        Socket.close(connection.fd)
        connections[Int(connection.fd)] = nil
        openCount -= 1
        let remaining = (connectionsPerClient[connection.client] ?? 1) - 1
        connectionsPerClient[connection.client] = remaining > 0 ? remaining : nil
    }
}
