/// One concern that wraps the responder after it (Hummingbird's `RouterMiddleware`, without
/// async): it may answer by itself, change the request context, or change the answer.
public protocol HTTPMiddleware: Sendable {
    /// Answers `request`, usually by asking `next` and adjusting what it returns.
    func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse
}

/// A responder made of middleware around an endpoint, the first one outermost.
public struct MiddlewareStack: HTTPResponder {
    private let head: any HTTPResponder

    /// Wraps `endpoint` in `middleware`, in order: `middleware[0]` sees every request first.
    public init(_ middleware: [any HTTPMiddleware], endpoint: any HTTPResponder) {
        var next = endpoint
        for layer in middleware.reversed() { next = Link(layer: layer, next: next) }
        head = next
    }

    /// Runs the request through every layer.
    public func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        head.respond(to: request, context: context)
    }

    private struct Link: HTTPResponder {
        let layer: any HTTPMiddleware
        let next: any HTTPResponder

        func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
            layer.respond(to: request, context: context, next: next)
        }
    }
}
