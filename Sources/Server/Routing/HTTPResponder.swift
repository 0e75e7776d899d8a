/// Anything that turns a request into a response; it never throws (errors become problems).
public protocol HTTPResponder: Sendable {
    /// Answers one request; called on a handler-pool thread, may block (e.g. on the database).
    func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse
}
