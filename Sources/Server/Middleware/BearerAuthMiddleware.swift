import Support

/// Guards the write methods (POST, PUT, PATCH, DELETE) of every path that takes them: 403 when
/// the server takes no writes (no token configured, or read-only), 401 with
/// `WWW-Authenticate: Bearer` (RFC 6750 §3) without a known bearer token; otherwise the
/// curator's name goes on `context.principal`. Methods a path does not take are left to the
/// router (404, 405). Tokens are kept and compared as SHA-256 digests, in constant time.
public struct BearerAuthMiddleware: HTTPMiddleware {
    static let writeMethods: Set<HTTPMethod> = [.POST, .PUT, .PATCH, .DELETE]

    private let digests: [(name: String, digest: [UInt8])]
    private let refusal: String?
    private let takesMethod: @Sendable (HTTPMethod, String) -> Bool

    /// `tokens` maps a curator's name to their token; `refusal` (non-nil) refuses every write
    /// with 403 and that detail; `takesMethod(method, path)` says whether a route takes it.
    public init(tokens: [(name: String, token: String)], refusal: String?,
                takesMethod: @escaping @Sendable (HTTPMethod, String) -> Bool) {
        digests = tokens.map { ($0.name, SHA256.hash(Array($0.token.utf8))) }
        self.refusal = refusal ?? (tokens.isEmpty ? "The archive is read-only: this server has no curator token configured." : nil)
        self.takesMethod = takesMethod
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        guard Self.writeMethods.contains(request.method), takesMethod(request.method, request.path) else {
            return next.respond(to: request, context: context)
        }
        if let refusal {
            return Problem(status: 403, title: "Read-only archive", detail: refusal, type: Problem.typeBase + "read-only").response()
        }
        guard let presented = Self.bearerToken(request.headers["Authorization"]) else {
            return unauthorized(error: nil, detail: "Writes need 'Authorization: Bearer <token>'.")
        }
        guard let name = curator(for: presented) else {
            return unauthorized(error: "invalid_token", detail: "The bearer token is not a curator's token.")
        }
        var context = context
        context.principal = name
        return next.respond(to: request, context: context)
    }

    /// The curator whose token digest equals the presented one's; every digest is compared in
    /// full, so the time taken says nothing about which bytes matched.
    func curator(for token: String) -> String? {
        let digest = SHA256.hash(Array(token.utf8))
        var found: String?
        for candidate in digests {
            var difference: UInt8 = 0
            for (a, b) in zip(candidate.digest, digest) { difference |= a ^ b }
            if difference == 0 && found == nil { found = candidate.name }
        }
        return found
    }

    /// The token of `Bearer <token>` (the scheme is case-insensitive, RFC 9110 §11.1).
    static func bearerToken(_ field: String?) -> String? {
        guard let field, field.utf8.count > 7, field.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(field.dropFirst(7)).trimmingSpaces()
        return token.isEmpty ? nil : token
    }

    private func unauthorized(error: String?, detail: String) -> HTTPResponse {
        let challenge = "Bearer realm=\"archive\"" + (error.map { ", error=\"\($0)\"" } ?? "")
        return Problem(status: 401, detail: detail, headers: ["WWW-Authenticate": challenge]).response()
    }
}
