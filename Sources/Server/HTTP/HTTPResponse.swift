/// A response: status, fields and a body that is empty, bytes, or streamed.
///
/// The writer adds `Date`, `X-Request-Id`, `Content-Length` (bytes) or chunked framing (stream),
/// and `Connection: close` when closing; it drops the body of HEAD, 1xx, 204 and 304.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: HTTPStatus
    /// The fields the handler sets (the writer adds the framing fields).
    public var headers: HTTPFields
    /// The body.
    public var body: Body
    /// Called once the answer has been sent (or the connection failed), with the body bytes
    /// handed to the kernel; the access log hangs its line here.
    public var onSent: (@Sendable (_ bodyBytes: Int) -> Void)?

    /// A response body.
    public enum Body: Sendable {
        /// No body (Content-Length: 0 where a body is allowed).
        case empty
        /// A body known in full: sent with Content-Length, head and body in one write when small.
        case bytes([UInt8])
        /// A body produced while it is sent, from the handler's worker thread: chunked for
        /// HTTP/1.1, close-delimited for HTTP/1.0. Each write blocks up to the send timeout
        /// when the client reads slowly, and throws when the client is gone.
        case stream(@Sendable (BodyWriter) throws -> Void)
    }

    /// Makes a response.
    public init(status: HTTPStatus = .ok, headers: HTTPFields = HTTPFields(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// UTF-8 JSON bytes with `Content-Type: application/json`.
    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: [.contentType: "application/json"], body: .bytes(bytes))
    }

    /// Text with the given content type (UTF-8 plain text by default).
    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: [.contentType: contentType], body: .bytes(Array(text.utf8)))
    }

    /// A streamed body with the given content type.
    public static func stream(status: HTTPStatus = .ok, contentType: String,
                              _ produce: @escaping @Sendable (BodyWriter) throws -> Void) -> HTTPResponse {
        HTTPResponse(status: status, headers: [.contentType: contentType], body: .stream(produce))
    }

    /// Whether this status never carries content (1xx, 204, 304; RFC 9110 §6.4.1).
    public var isBodyForbidden: Bool { status.isBodyForbidden }
}

/// Sends the pieces of a streamed body; each call blocks until the bytes are handed to the kernel.
public struct BodyWriter {
    let sink: (UnsafeRawBufferPointer) throws -> Void

    /// Makes a writer over a sink (the server's, or a test's).
    public init(_ sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
    }

    /// Writes bytes; throws if the client is gone or stopped reading for the send timeout.
    public func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try sink($0) }
    }

    /// Writes raw bytes without copying them first.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        try sink(bytes)
    }

    /// Writes the UTF-8 bytes of a string.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
    }
}
