/// With `--require-if-match`: a PUT, PATCH or DELETE without `If-Match` is answered 428
/// Precondition Required (RFC 6585 §3), so no curator overwrites an edit they have not seen.
public struct RequireIfMatchMiddleware: HTTPMiddleware {
    let takesMethod: @Sendable (HTTPMethod, String) -> Bool

    /// `takesMethod(method, path)` says whether a route takes the method (others are left to the router).
    public init(takesMethod: @escaping @Sendable (HTTPMethod, String) -> Bool) {
        self.takesMethod = takesMethod
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        guard [.PUT, .PATCH, .DELETE].contains(request.method), request.headers[.ifMatch] == nil,
              takesMethod(request.method, request.path) else {
            return next.respond(to: request, context: context)
        }
        return Problem(status: .preconditionRequired, detail: "This server requires 'If-Match' with the item's ETag on \(request.method.rawValue); GET the item first.")
            .response()
    }
}
