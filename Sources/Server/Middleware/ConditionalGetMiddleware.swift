/// Answers 304 Not Modified to a GET/HEAD whose preconditions say the client has the answer
/// already: `If-None-Match` (weak comparison, lists and `*`) and, only when it is absent,
/// `If-Modified-Since` against `Last-Modified` (RFC 9110 §13.1.2, §13.1.3, §13.2.2).
public struct ConditionalGetMiddleware: HTTPMiddleware {
    /// The fields a 304 keeps (RFC 9110 §15.4.5, and the CORS fields a page needs to read it).
    static let keptFields: [HTTPFieldName] = [.etag, .cacheControl, .lastModified, .vary, .contentLocation, .expires,
                             .accessControlAllowOrigin, .accessControlExposeHeaders]

    /// Checks the conditions of every successful GET/HEAD.
    public init() {}

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        let response = next.respond(to: request, context: context)
        guard request.method == .GET || request.method == .HEAD, response.status == .ok,
              Self.isNotModified(request, etag: response.headers[.etag], lastModified: response.headers[.lastModified])
        else { return response }
        var headers = HTTPFields()
        for name in Self.keptFields {
            if let value = response.headers[name] { headers.set(name, value) }
        }
        var notModified = HTTPResponse(status: .notModified, headers: headers, body: .empty)
        notModified.onSent = response.onSent
        return notModified
    }

    /// Whether the client's copy is current.
    public static func isNotModified(_ request: HTTPRequest, etag: String?, lastModified: String?) -> Bool {
        let noneMatch = request.headers.values(.ifNoneMatch)
        if !noneMatch.isEmpty {
            guard let etag else { return false }
            guard let tags = EntityTag.list(noneMatch) else { return true }
            return tags.contains { EntityTag.opaque($0) == EntityTag.opaque(etag) }
        }
        if let since = request.headers[.ifModifiedSince], let lastModified,
           let sinceTime = HTTPDateText.parse(since), let modified = HTTPDateText.parse(lastModified) {
            return modified <= sinceTime
        }
        return false
    }
}
