/// One parsed request: method, raw target, version, fields and the whole (decoded) body.
public struct HTTPRequest: Sendable {
    /// The method (case-sensitive, one of those the server implements).
    public var method: HTTPMethod
    /// The request target exactly as received (origin-, absolute- or asterisk-form).
    public var target: String
    /// The raw path (still percent-encoded), without the query; `*` for asterisk-form.
    public var path: String
    /// The raw query after `?` (still percent-encoded), or nil when there was no `?`.
    public var query: String?
    /// The protocol version (`HTTP/1.2` and above arrive as 1.1).
    public var version: HTTPVersion
    /// The header fields in order, duplicates kept.
    public var headers: HTTPFields
    /// The body after any chunked decoding (empty when there was none).
    public var body: [UInt8]
    /// Trailer fields after a chunked body; never merged into ``headers``.
    public var trailers: HTTPFields = HTTPFields()
    /// Whether the connection may serve another request after this one.
    public var isKeepAlive: Bool

    /// Makes a request, splitting `target` into path and query and deriving ``isKeepAlive``.
    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPFields = HTTPFields(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<mark])
            query = String(target[target.utf8.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        self.version = version
        self.headers = headers
        self.body = body
        isKeepAlive = HTTPRequest.keepAlive(version: version, headers: headers)
    }

    /// Internal memberwise init for the parser (no re-splitting).
    init(method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
         headers: HTTPFields, body: [UInt8], trailers: HTTPFields, isKeepAlive: Bool) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
        self.isKeepAlive = isKeepAlive
    }

    /// Keep-alive by version and the `Connection` token list (RFC 9112 §9.3).
    ///
    /// HTTP/1.1 persists unless a `close` token is present; HTTP/1.0 only with `keep-alive`.
    static func keepAlive(version: HTTPVersion, headers: HTTPFields) -> Bool {
        var close = false
        var keepAlive = false
        for field in headers where HTTPFields.equalNames(field.name, HTTPFieldName.connection.rawValue) {
            for token in field.value.split(separator: ",") {
                let trimmed = token.utf8.drop(while: HTTPSyntax.isWhitespace)
                let word = Substring(trimmed).trimmingSuffixWhitespace
                if HTTPFields.equalNames(word, "close") { close = true }
                if HTTPFields.equalNames(word, "keep-alive") { keepAlive = true }
            }
        }
        if close { return false }
        return version.minor >= 1 || keepAlive
    }
}

extension Substring {
    /// The text without trailing SP/HTAB.
    var trailingTrimmed: Substring {
        var end = utf8.endIndex
        while end > utf8.startIndex, HTTPSyntax.isWhitespace(utf8[utf8.index(before: end)]) {
            end = utf8.index(before: end)
        }
        return self[..<end]
    }

    /// The text as a String without trailing SP/HTAB.
    var trimmingSuffixWhitespace: String { String(trailingTrimmed) }
}
