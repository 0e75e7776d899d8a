/// Every size limit and timeout of the HTTP layer, with the defaults the server runs with.
///
/// Sizes are in bytes, durations in milliseconds. Each limit is tested at N and N+1.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line, CRLF excluded (longer → 414 URI Too Long).
    public var maxRequestLine = 8 * 1024
    /// Longest single field line, CRLF excluded (longer → 431).
    public var maxFieldLine = 8 * 1024
    /// Largest whole header section: request line, fields and CRLFs (larger → 431).
    public var maxHeaderSize = 32 * 1024
    /// Most field lines in a header section (more → 431).
    public var maxFieldCount = 100
    /// Largest request body, by Content-Length or decoded chunks (larger → 413).
    public var maxBodySize = 1024 * 1024
    /// Longest chunk-size line including extensions, CRLF excluded (longer → 400).
    public var maxChunkLine = 1024
    /// Largest trailer section after the last chunk (larger → 431).
    public var maxTrailerSize = 8 * 1024
    /// Time allowed from the accept to the first byte; a connection silent that long is closed
    /// without an answer (capped at ``headerTimeout``). Short, so idle sockets cannot hold slots.
    public var firstByteTimeout = 3_000
    /// Time allowed from the accept (or a kept-alive request's first byte) to the end of the header section (→ 408).
    public var headerTimeout = 10_000
    /// Longest silence allowed while a body is being received (→ 408).
    public var bodyProgressTimeout = 10_000
    /// How long a kept-alive connection may wait for its next request (then closed quietly).
    public var idleTimeout = 15_000
    /// Longest time a client may leave a response unread before the connection is dropped.
    public var sendTimeout = 10_000
    /// The most of a streamed body produced into memory before any of it is sent: a body up to
    /// this size is made at once and then written by the event loop, so a client that does not
    /// read holds no worker (nor the database reader the body was read with); a larger one is
    /// written by its worker, blocking up to ``sendTimeout`` per stall.
    public var streamBufferBytes = 8 * 1024 * 1024
    /// Each connection's kernel send buffer (`SO_SNDBUF`); nil leaves it to the kernel's autotuning.
    /// Tests make it small so that a client that does not read stalls the server at once.
    public var socketSendBufferBytes: Int? = nil
    /// On shutdown, how long requests in flight may take before connections are cut.
    public var drainTimeout = 10_000
    /// After an error response, how long to drain client input before closing (lingering close).
    public var lingerTimeout = 2_000

    /// The defaults listed above.
    public init() {}
}
