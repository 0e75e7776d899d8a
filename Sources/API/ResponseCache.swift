import Server
import Store
import Synchronization

/// Finished answers to GETs, kept per request target, `Accept` and negotiated content coding for
/// one data revision: a repeated read (a classroom opening the same document) is answered
/// without touching the database, serialising JSON, hashing or compressing (gzip'd answers are
/// kept gzip'd). Any change of revision makes every entry stale.
/// An answer marked `Cache-Control: no-store` (`/healthz`, `/readyz`, `/metrics`) is never kept.
final class ResponseCache: Sendable {
    private struct Entry {
        let response: HTTPResponse
        let pattern: String?
        let methods: [HTTPMethod]
        let size: Int
    }

    private struct Storage {
        var revision = -1
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let storage = Mutex(Storage())
    let maximumBytes: Int
    let maximumEntryBytes: Int

    init(maximumBytes: Int = 64 << 20, maximumEntryBytes: Int = 1 << 20) {
        self.maximumBytes = maximumBytes
        self.maximumEntryBytes = maximumEntryBytes
    }

    /// The entry's key: the target, `Accept`, and the coding `Accept-Encoding` negotiates (not
    /// the raw field, so every gzip-accepting client shares one compressed entry).
    static func key(_ request: HTTPRequest) -> String {
        let coding = ContentCoding.negotiate(request.headers.values("Accept-Encoding"))
        return request.target + "\u{0}" + (request.headers["Accept"] ?? "") + "\u{0}" + coding.rawValue
    }

    /// The cached answer for `key` at `revision`, if any, with the route it came from.
    func lookup(_ key: String, revision: Int) -> (response: HTTPResponse, pattern: String?, methods: [HTTPMethod])? {
        storage.withLock { storage in
            guard storage.revision == revision, let entry = storage.entries[key] else { return nil }
            return (entry.response, entry.pattern, entry.methods)
        }
    }

    /// Keeps a successful answer with a body known in full (never one marked `no-store`).
    func store(_ response: HTTPResponse, key: String, revision: Int, pattern: String?, methods: [HTTPMethod]) {
        guard case .bytes(let body) = response.body, body.count <= maximumEntryBytes, !Self.isNoStore(response) else { return }
        let size = body.count + key.utf8.count + 256
        storage.withLock { storage in
            if storage.revision != revision {
                storage = Storage()
                storage.revision = revision
            }
            if storage.bytes + size > maximumBytes {
                // Crude but bounded: start over rather than track recency on every hit.
                storage.entries.removeAll(keepingCapacity: true)
                storage.bytes = 0
            }
            if let old = storage.entries[key] { storage.bytes -= old.size }
            storage.entries[key] = Entry(response: response, pattern: pattern, methods: methods, size: size)
            storage.bytes += size
        }
    }

    /// Whether the answer says `Cache-Control: no-store` (it must not be kept or revalidated).
    static func isNoStore(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers["Cache-Control"] else { return false }
        return value.lowercased().split(separator: ",").contains { $0.trimmingPrefix(" ").hasPrefix("no-store") }
    }

    /// Drops everything (after a write by this process).
    func removeAll() { storage.withLock { $0 = Storage() } }
}

/// Answers repeated GETs from the ``ResponseCache`` and keeps successful new answers in it,
/// for the data revision they were made at.
struct ResponseCacheMiddleware: HTTPMiddleware {
    let cache: ResponseCache
    let revision: @Sendable () -> Int

    func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return next.respond(to: request, context: context) }
        let key = ResponseCache.key(request)
        let revision = self.revision()
        if let hit = cache.lookup(key, revision: revision) {
            context.route.pattern = hit.pattern
            context.route.methods = hit.methods
            return hit.response
        }
        let response = next.respond(to: request, context: context)
        if response.status == 200 {
            cache.store(response, key: key, revision: revision, pattern: context.route.pattern, methods: context.route.methods)
        }
        return response
    }
}
