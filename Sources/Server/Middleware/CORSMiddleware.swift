/// Cross-origin rules (Fetch standard): GET and HEAD answer any origin with `*`; writes and the
/// write methods of a preflight only the configured origins. The preflight's methods come from
/// the router's table for the path (`context.route.methods`).
public struct CORSMiddleware: HTTPMiddleware {
    /// Fields a page may read from an answer.
    public static let exposedHeaders = list([.etag, .link, .location, .lastModified, .xRequestID, .contentDisposition, .retryAfter])
    /// Fields a page may send.
    public static let allowedHeaders = list([.authorization, .contentType, .ifMatch, .ifNoneMatch, .ifModifiedSince, .accept, .xEditSummary])
    static func list(_ names: [HTTPFieldName]) -> String { names.map(\.rawValue).joined(separator: ", ") }
    static let readMethods: Set<HTTPMethod> = [.GET, .HEAD, .OPTIONS]

    let writerOrigins: Set<String>

    /// Allows writes from `writerOrigins` (`*` allows any origin).
    public init(writerOrigins: [String]) {
        self.writerOrigins = Set(writerOrigins)
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        var response = next.respond(to: request, context: context)
        if request.method == .OPTIONS && request.path != "*" && response.status == .noContent {
            preflight(&response, request: request, methods: context.route.methods)
        } else {
            addHeaders(to: &response, request: request)
        }
        return response
    }

    /// Whether a browser page from `origin` may write.
    public func isAllowedWriter(_ origin: String) -> Bool {
        writerOrigins.contains(origin) || writerOrigins.contains("*")
    }

    private func addHeaders(to response: inout HTTPResponse, request: HTTPRequest) {
        if request.method == .GET || request.method == .HEAD {
            response.headers.set(.accessControlAllowOrigin, "*")
            response.headers.set(.accessControlExposeHeaders, Self.exposedHeaders)
        } else if let origin = request.headers[.origin] {
            response.headers.appendVary(.origin)
            if isAllowedWriter(origin) {
                response.headers.set(.accessControlAllowOrigin, origin)
                response.headers.set(.accessControlExposeHeaders, Self.exposedHeaders)
            }
        }
    }

    private func preflight(_ response: inout HTTPResponse, request: HTTPRequest, methods: [HTTPMethod]) {
        guard let origin = request.headers[.origin] else { return }
        response.headers.appendVary(.origin)
        let writer = isAllowedWriter(origin)
        let allowed = methods.filter { writer || Self.readMethods.contains($0) }
        response.headers.set(.accessControlAllowOrigin, writer ? origin : "*")
        response.headers.set(.accessControlAllowMethods, allowed.map(\.rawValue).joined(separator: ", "))
        response.headers.set(.accessControlAllowHeaders, Self.allowedHeaders)
        response.headers.set(.accessControlMaxAge, "86400")
    }
}

extension HTTPFields {
    /// Adds `name` to `Vary` unless it is listed already.
    public mutating func appendVary(_ field: HTTPFieldName) {
        let name = field.rawValue
        let existing = self[.vary]
        let listed = existing?.split(separator: ",").map { $0.trimmingPrefix(" ").lowercased() } ?? []
        guard !listed.contains(name.lowercased()) else { return }
        set(.vary, existing.map { $0 + ", " + name } ?? name)
    }
}
