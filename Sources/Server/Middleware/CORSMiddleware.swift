/// Cross-origin rules (Fetch standard): GET and HEAD answer any origin with `*`; writes and the
/// write methods of a preflight only the configured origins. The preflight's methods come from
/// the router's table for the path (`context.route.methods`).
public struct CORSMiddleware: HTTPMiddleware {
    /// Fields a page may read from an answer.
    public static let exposedHeaders = "ETag, Link, Location, Last-Modified, X-Request-Id, Content-Disposition, Retry-After"
    /// Fields a page may send.
    public static let allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since, Accept, X-Edit-Summary"
    static let readMethods: Set<HTTPMethod> = [.GET, .HEAD, .OPTIONS]

    let writerOrigins: Set<String>

    /// Allows writes from `writerOrigins` (`*` allows any origin).
    public init(writerOrigins: [String]) {
        self.writerOrigins = Set(writerOrigins)
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        var response = next.respond(to: request, context: context)
        if request.method == .OPTIONS && request.path != "*" && response.status == 204 {
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
            response.headers.set("Access-Control-Allow-Origin", "*")
            response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        } else if let origin = request.headers["Origin"] {
            response.headers.appendVary("Origin")
            if isAllowedWriter(origin) {
                response.headers.set("Access-Control-Allow-Origin", origin)
                response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
            }
        }
    }

    private func preflight(_ response: inout HTTPResponse, request: HTTPRequest, methods: [HTTPMethod]) {
        guard let origin = request.headers["Origin"] else { return }
        response.headers.appendVary("Origin")
        let writer = isAllowedWriter(origin)
        let allowed = methods.filter { writer || Self.readMethods.contains($0) }
        response.headers.set("Access-Control-Allow-Origin", writer ? origin : "*")
        response.headers.set("Access-Control-Allow-Methods", allowed.map(\.rawValue).joined(separator: ", "))
        response.headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
        response.headers.set("Access-Control-Max-Age", "86400")
    }
}

extension HTTPFields {
    /// Adds `name` to `Vary` unless it is listed already.
    public mutating func appendVary(_ name: String) {
        let existing = self["Vary"]
        let listed = existing?.split(separator: ",").map { $0.trimmingPrefix(" ").lowercased() } ?? []
        guard !listed.contains(name.lowercased()) else { return }
        set("Vary", existing.map { $0 + ", " + name } ?? name)
    }
}
