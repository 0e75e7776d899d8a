/// Counts every answer by the route pattern the router matched, method and status, with its
/// latency, for `GET /metrics`.
public struct MetricsMiddleware: HTTPMiddleware {
    let metrics: Metrics

    /// Records into `metrics`.
    public init(_ metrics: Metrics) {
        self.metrics = metrics
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        let started = ContinuousClock.now
        let response = next.respond(to: request, context: context)
        metrics.route(context.route.pattern).record(method: request.method, status: response.status.code, since: started)
        return response
    }
}
