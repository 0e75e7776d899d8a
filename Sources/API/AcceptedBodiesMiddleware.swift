import Server

/// Names the body types a path takes on its `OPTIONS` answer: `Accept-Patch` where PATCH is
/// allowed (RFC 5789 §3.1 says it SHOULD be there) and `Accept-Post` where POST is (W3C LDP §7.1).
struct AcceptedBodiesMiddleware: HTTPMiddleware {
    func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        var response = next.respond(to: request, context: context)
        guard request.method == .OPTIONS, response.status == .noContent else { return response }
        if context.route.methods.contains(.PATCH) { response.headers.set(.acceptPatch, "application/merge-patch+json") }
        if context.route.methods.contains(.POST) { response.headers.set(.acceptPost, "application/json") }
        return response
    }
}
