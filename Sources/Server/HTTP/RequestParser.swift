/// What the parser has for its caller after being fed bytes.
public enum ParseResult: Sendable {
    /// A complete request (its body fully received and decoded).
    case request(HTTPRequest)
    /// The bytes so far do not finish a request; feed more.
    case needMore
    /// The head asks `Expect: 100-continue` and no body byte has arrived: answer 100, then feed.
    case expectContinue
    /// The bytes break a rule; answer with the error's status and close.
    case error(ParseError)
}

/// An incremental HTTP/1.1 request parser (RFC 9112) that never touches a socket.
///
/// Feed it bytes with ``feed(_:)`` and call ``next()`` until it says ``ParseResult/needMore``.
/// Each byte is scanned once, however the input is split. After an error the parser stays failed.
/// Rules and limits are documented in `docs/http.md`; model: FlyingFox `HTTPDecoder.swift`,
/// swift-nio `HTTPDecoder.swift` (limits in one struct, one error case per rule).
public struct RequestParser: Sendable {
    /// The limits applied to every request.
    public let limits: HTTPLimits

    enum State: Equatable {
        case requestLine, fields, body(remaining: Int), chunkSize, chunkData(remaining: Int)
        case chunkDataEnd, trailers, failed(ParseError)
    }

    var buffer: [UInt8] = []
    /// Index of the first byte not yet consumed.
    var position = 0
    /// Bytes before this index (from `position`) are known to hold no LF.
    var scanned = 0
    var state: State = .requestLine

    // The request being assembled.
    var headBytes = 0
    var method = HTTPMethod.GET
    var target = ""
    var path = ""
    var query: String?
    var version = HTTPVersion.http1_1
    var fields = HTTPFields()
    var body: [UInt8] = []
    var trailers = HTTPFields()
    var trailerBytes = 0
    var closeAfterResponse = false
    var continuePending = false

    /// A parser with the given limits.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Whether some bytes of a request arrived but the request is not complete.
    public var hasPartialRequest: Bool {
        state != .requestLine || position < buffer.count || headBytes > 0
    }

    /// Whether the head is complete and the body is being received.
    public var isReadingBody: Bool {
        switch state {
        case .body, .chunkSize, .chunkData, .chunkDataEnd, .trailers: return true
        default: return false
        }
    }

    /// The number of received bytes not yet consumed by a returned request.
    public var bufferedByteCount: Int { buffer.count - position }

    /// Appends received bytes.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes so the buffer does not grow with pipelined or chunked input.
    private mutating func compact() {
        if position == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            position = 0
            scanned = 0
        } else if position >= 16 * 1024 {
            buffer.removeFirst(position)
            scanned -= position
            position = 0
        }
    }

    /// Parses as far as the bytes allow and reports a request, a need for more, or an error.
    public mutating func next() -> ParseResult {
        while true {
            let step: Step
            switch state {
            case .failed(let error): return .error(error)
            case .requestLine: step = parseRequestLine()
            case .fields: step = parseFieldLine()
            case .body(let remaining): step = parseFixedBody(remaining)
            case .chunkSize: step = parseChunkSize()
            case .chunkData(let remaining): step = parseChunkData(remaining)
            case .chunkDataEnd: step = parseChunkDataEnd()
            case .trailers: step = parseTrailerLine()
            }
            switch step {
            case .continue: continue
            case .needMore: return .needMore
            case .expectContinue: return .expectContinue
            case .failed(let error):
                state = .failed(error)
                return .error(error)
            case .complete: return .request(finishRequest())
            }
        }
    }

    /// The outcome of one parsing step.
    enum Step {
        case `continue`, needMore, expectContinue, complete, failed(ParseError)
    }

    /// Where the next line ends.
    enum Line {
        /// The line's content (CRLF excluded) and the index just past its LF.
        case line(Range<Int>, next: Int)
        case needMore, tooLong, badEnding
    }

    /// Finds the next CRLF-terminated line of at most `limit` bytes (CRLF excluded).
    func nextLine(limit: Int) -> Line {
        let from = Swift.max(position, scanned)
        guard let lf = buffer[from...].firstIndex(of: 0x0A) else {
            return buffer.count - position > limit + 1 ? .tooLong : .needMore
        }
        guard lf > position, buffer[lf - 1] == 0x0D else { return .badEnding }
        if lf - 1 - position > limit { return .tooLong }
        return .line(position..<(lf - 1), next: lf + 1)
    }

    /// Remembers how far the current incomplete line has been searched for an LF.
    mutating func rememberScan() {
        scanned = buffer.count
    }

    /// Builds the finished request and resets for the next one on the connection.
    private mutating func finishRequest() -> HTTPRequest {
        let keepAlive = !closeAfterResponse && HTTPRequest.keepAlive(version: version, headers: fields)
        let request = HTTPRequest(method: method, target: target, path: path, query: query, version: version,
                                  headers: fields, body: body, trailers: trailers, isKeepAlive: keepAlive)
        state = .requestLine
        headBytes = 0
        fields = HTTPFields()
        body = []
        trailers = HTTPFields()
        trailerBytes = 0
        closeAfterResponse = false
        continuePending = false
        scanned = position
        return request
    }
}
