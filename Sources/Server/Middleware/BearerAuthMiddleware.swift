import Support

/// Guards the write methods (POST, PUT, PATCH, DELETE) of every path that takes them: 403 when
/// the server takes no writes (no token configured, or read-only), 401 with
/// `WWW-Authenticate: Bearer` (RFC 6750 §3) without a known bearer token; otherwise the
/// curator's name goes on `context.principal`. Methods a path does not take are left to the
/// router (404, 405). Tokens are kept and compared as SHA-256 digests, in constant time.
public struct BearerAuthMiddleware: HTTPMiddleware {
    static let writeMethods: Set<HTTPMethod> = [.POST, .PUT, .PATCH, .DELETE]

    private let tokens: TokenDigests
    private let refusal: String?
    private let takesMethod: @Sendable (HTTPMethod, String) -> Bool

    /// `tokens` maps a curator's name to their token; `refusal` (non-nil) refuses every write
    /// with 403 and that detail; `takesMethod(method, path)` says whether a route takes it.
    public init(tokens: [(name: String, token: String)], refusal: String?,
                takesMethod: @escaping @Sendable (HTTPMethod, String) -> Bool) {
        self.tokens = TokenDigests(tokens)
        self.refusal = refusal ?? (tokens.isEmpty ? "The archive is read-only: this server has no curator token configured." : nil)
        self.takesMethod = takesMethod
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        guard Self.writeMethods.contains(request.method), takesMethod(request.method, request.path) else {
            return next.respond(to: request, context: context)
        }
        if let refusal {
            return Problem(status: .forbidden, title: "Read-only archive", detail: refusal, type: Problem.typeBase + "read-only").response()
        }
        guard let presented = Self.bearerToken(request.headers[.authorization]) else {
            return unauthorized(error: nil, detail: "Writes need 'Authorization: Bearer <token>'.")
        }
        guard let name = curator(for: presented) else {
            return unauthorized(error: "invalid_token", detail: "The bearer token is not a curator's token.")
        }
        var context = context
        context.principal = name
        return next.respond(to: request, context: context)
    }

    /// The curator whose token this is (``TokenDigests/name(for:)``: constant time).
    func curator(for token: String) -> String? { tokens.name(for: token) }

    /// The token of `Bearer <token>`.
    static func bearerToken(_ field: String?) -> String? { TokenDigests.bearerToken(field) }

    private func unauthorized(error: String?, detail: String) -> HTTPResponse {
        let challenge = "Bearer realm=\"archive\"" + (error.map { ", error=\"\($0)\"" } ?? "")
        return Problem(status: .unauthorized, detail: detail, headers: [.wwwAuthenticate: challenge]).response()
    }
}
