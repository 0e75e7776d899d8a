import Store

/// Wraps the router with what every answer of the API shares: CORS, and for successful GETs a
/// strong ETag, `Cache-Control` and `Last-Modified`, answering conditional requests with 304;
/// and counts every answer by route pattern, method and status for `GET /metrics`.
struct APIResponder: HTTPResponder {
    let router: Router
    let api: ArchiveAPI

    func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        let (response, route) = answer(request, context: context)
        route.record(method: request.method, status: response.status, since: context.startTime)
        return response
    }

    private func answer(_ request: HTTPRequest, context: RequestContext) -> (HTTPResponse, RouteMetrics) {
        if request.method == .OPTIONS && request.path != "*" { return preflight(request, context: context) }
        let isRead = request.method == .GET || request.method == .HEAD
        let state = isRead ? api.state() : ArchiveState(revision: 0, lastModified: nil)
        let cacheKey = isRead ? ResponseCache.key(request) : ""
        if isRead, let hit = api.responses.lookup(cacheKey, revision: state.revision) {
            var response = hit.response
            Caching.answerConditional(&response, request: request, state: state)
            return (response, hit.route)
        }
        var (response, pattern) = router.route(request, context: context)
        let route = api.metrics.route(pattern)
        CORS.addHeaders(to: &response, request: request, settings: api.settings)
        // Every 200 to a GET carries a strong tag of its bytes (API.md), the live metrics too:
        // they are `no-store`, so `store` below never keeps them, and each scrape gets its own tag.
        if isRead && response.status == 200 {
            Caching.addValidators(&response, request: request, state: state, settings: api.settings)
            // `store` refuses `no-store` answers (health, readiness): they are read live every time.
            api.responses.store(response, key: cacheKey, revision: state.revision, route: route)
            Caching.answerConditional(&response, request: request, state: state)
        }
        return (response, route)
    }

    /// `OPTIONS` on a known path: the router's 204 with `Allow` and, for a CORS preflight, the
    /// allowed methods and headers; an unknown path is 404 as for any method.
    private func preflight(_ request: HTTPRequest, context: RequestContext) -> (HTTPResponse, RouteMetrics) {
        var (response, pattern) = router.route(request, context: context)
        let route = api.metrics.route(pattern)
        if response.status == 204, let allow = response.headers["Allow"] {
            let methods = allow.split(separator: ",").map { String($0).trimmingSpaces() }
            CORS.preflight(&response, request: request, allowedMethods: methods, settings: api.settings)
        } else {
            CORS.addHeaders(to: &response, request: request, settings: api.settings)
        }
        return (response, route)
    }
}
