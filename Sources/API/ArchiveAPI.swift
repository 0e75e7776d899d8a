import Server
import Store
import Synchronization

/// The archive's HTTP API: the route table over one ``Archive``.
public final class ArchiveAPI: Sendable {
    public let archive: Archive
    public let settings: APISettings
    let cursors: CursorCodec
    let responses: ResponseCache
    /// Requests by route and status and their latency, for `GET /metrics`.
    let metrics = Metrics()
    private let cachedState: Mutex<(state: ArchiveState, readAt: ContinuousClock.Instant)?>
    /// Wakes long-polls of `/v1/replication/changes` when this process changes the data.
    let dataChanged = ChangeSignal()
    /// What a replica's follower last reported (`/readyz`); unused on a primary.
    let replica = ReplicaStatus()

    /// How long the revision read from the database is trusted before it is read again (changes
    /// made by this process refresh it at once; this bounds how late a change by another
    /// process, such as `archive-server import --replace`, is noticed).
    static let stateLifetime = Duration.milliseconds(500)

    public init(archive: Archive, settings: APISettings) throws {
        self.archive = archive
        self.settings = settings
        self.cursors = CursorCodec(key: try archive.cursorSecret())
        self.cachedState = Mutex(nil)
        self.responses = ResponseCache(maximumBytes: settings.cacheBytes)
    }

    /// The responder to hand to ``HTTPServer``: the route table inside the middleware every
    /// answer passes through, outermost first.
    public func makeResponder(logFormat: ServerConfiguration.LogFormat) -> any HTTPResponder {
        let router = makeRouter()
        let takesMethod: @Sendable (HTTPMethod, String) -> Bool = { method, path in
            router.methods(forPath: path)?.contains(method) ?? false
        }
        var writeGuards: [any HTTPMiddleware] = [
            BearerAuthMiddleware(tokens: settings.curators, refusal: settings.writeRefusal, takesMethod: takesMethod),
        ]
        if settings.requireIfMatch { writeGuards.append(RequireIfMatchMiddleware(takesMethod: takesMethod)) }
        return MiddlewareStack([
            AccessLogMiddleware(format: logFormat),
            MetricsMiddleware(metrics),
            CORSMiddleware(writerOrigins: settings.corsOrigins),
            AcceptedBodiesMiddleware(),
        ] + writeGuards + [
            ConditionalGetMiddleware(),
            ResponseCacheMiddleware(cache: responses, revision: { self.state().revision }, lastModified: { self.state().lastModified }),
            // Inside the cache (which keeps the gzip'd bytes) and outside the validators (which
            // tag the identity bytes; the gzip tag is derived from that one).
            CompressionMiddleware(),
            ValidatorsMiddleware(
                cacheControl: settings.cacheControl,
                // Last-Modified is the data's last change: resources that are not the data (the
                // OpenAPI document, which changes with the server's version) carry none.
                lastModified: { request in request.path.hasPrefix("/v1") ? self.state().lastModified : nil },
                streamVersion: { String(self.state().revision) }),
        ], endpoint: router)
    }

    /// The archive's routes.
    func makeRouter() -> Router {
        var router = Router()
        router.answersOptions = true
        IndexRoutes.register(on: &router, api: self)
        CollectionRoutes.register(on: &router, api: self)
        SearchRoutes.register(on: &router, api: self)
        TimelineRoutes.register(on: &router, api: self)
        ExportRoutes.register(on: &router, api: self)
        OpsRoutes.register(on: &router, api: self)
        WriteRoutes.register(on: &router, api: self)
        RevisionRoutes.register(on: &router, api: self)
        ReplicationRoutes.register(on: &router, api: self)
        return router
    }

    /// The data's revision and last change, read at most every ``stateLifetime``.
    func state() -> ArchiveState {
        let now = ContinuousClock.now
        if let cached = cachedState.withLock({ $0 }), now - cached.readAt < Self.stateLifetime { return cached.state }
        let state = (try? archive.state()) ?? ArchiveState(revision: 0, lastModified: nil)
        cachedState.withLock { $0 = (state, now) }
        return state
    }

    /// Forgets the cached state and the cached answers a write by this process may have changed:
    /// those of the items it rendered again and those over the whole data (see ``ResponseCache``).
    func invalidateState(after revision: Int, rendered: [String]) {
        responses.invalidate(after: revision, rendered: rendered)
        forgetState()
    }

    /// Forgets the cached state and every cached answer (a replica after restoring a snapshot).
    func invalidateState() {
        responses.removeAll()
        forgetState()
    }

    private func forgetState() {
        cachedState.withLock { $0 = nil }
        dataChanged.signal()
    }
}
