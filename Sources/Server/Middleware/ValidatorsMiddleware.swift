/// Gives every successful GET/HEAD answer its validators and freshness (RFC 9110 §8.8, RFC 9111
/// §5.2): a strong `ETag` of its bytes (a stream's from the data version and the request, since
/// its bytes are not known in advance), the default `Cache-Control`, and `Last-Modified` where
/// the answer is data whose last change is known.
public struct ValidatorsMiddleware: HTTPMiddleware {
    let cacheControl: String
    let lastModified: @Sendable (HTTPRequest) -> Int64?
    let streamVersion: @Sendable () -> String

    /// `lastModified` says, per request, the data's last change in seconds since the epoch (nil:
    /// none is sent); `streamVersion` names the data's current version for streamed answers.
    public init(cacheControl: String, lastModified: @escaping @Sendable (HTTPRequest) -> Int64?,
                streamVersion: @escaping @Sendable () -> String) {
        self.cacheControl = cacheControl
        self.lastModified = lastModified
        self.streamVersion = streamVersion
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        var response = next.respond(to: request, context: context)
        guard request.method == .GET || request.method == .HEAD, response.status == .ok else { return response }
        if response.headers[.etag] == nil {
            switch response.body {
            case .bytes(let bytes): response.headers.set(.etag, EntityTag.strong(for: bytes))
            case .stream, .empty:
                let key = "stream \(streamVersion()) \(request.target) \(request.headers[.accept] ?? "")"
                response.headers.set(.etag, EntityTag.strong(forKey: key))
            }
        }
        if response.headers[.cacheControl] == nil { response.headers.set(.cacheControl, cacheControl) }
        if let seconds = lastModified(request) {
            response.headers.set(.lastModified, HTTPDateText.format(seconds))
        }
        return response
    }
}
