import Server
import Store
import Synchronization

/// Finished answers to GETs, kept per request target, `Accept` and negotiated content coding:
/// a repeated read (a classroom opening the same document) is answered without touching the
/// database, serialising JSON, hashing or compressing (gzip'd answers are kept gzip'd).
///
/// Bounded in bytes: when full, entries are evicted by CLOCK (second chance: an entry read since
/// the hand last passed survives one more round), so an archive whose answers do not fit keeps
/// its most read ones. Each entry says what it was made from (``Dependency``): a write by this
/// process drops only the entries of the items it rendered again and the answers computed over
/// the whole data (lists, search, the timeline); a change of revision nobody announced (another
/// process wrote the file) drops everything. `maximumBytes` 0 keeps nothing.
/// An answer marked `Cache-Control: no-store` (`/healthz`, `/readyz`, `/metrics`) is never kept.
final class ResponseCache: Sendable {
    /// What a cached answer was made from.
    enum Dependency: Hashable {
        /// One item's stored renderings (`/v1/<collection>/<id>`, its dating and revisions).
        case item(String)
        /// Anything else under `/v1`: lists, search, the timeline, counts.
        case data
        /// Not the data (the OpenAPI document, the explorer page).
        case none
    }

    private struct Entry {
        let key: String
        let response: HTTPResponse
        let pattern: String?
        let methods: [HTTPMethod]
        let dependency: Dependency
        let size: Int
        var referenced = false
    }

    private struct Storage {
        var revision = -1
        var slots: [Entry?] = []
        var free: [Int] = []
        var index: [String: Int] = [:]
        var byItem: [String: Set<Int>] = [:]
        var dataSlots: Set<Int> = []
        var hand = 0
        var bytes = 0

        mutating func remove(_ slot: Int) {
            guard let entry = slots[slot] else { return }
            slots[slot] = nil
            free.append(slot)
            index[entry.key] = nil
            bytes -= entry.size
            switch entry.dependency {
            case .item(let id):
                byItem[id]?.remove(slot)
                if byItem[id]?.isEmpty == true { byItem[id] = nil }
            case .data: dataSlots.remove(slot)
            case .none: break
            }
        }

        /// Evicts by CLOCK until `size` more bytes fit under `limit`.
        mutating func makeRoom(_ size: Int, limit: Int) {
            var sweeps = 0
            while bytes + size > limit, !index.isEmpty, sweeps < 2 * slots.count + 1 {
                if hand >= slots.count { hand = 0 }
                if slots[hand] != nil {
                    if slots[hand]!.referenced { slots[hand]!.referenced = false } else { remove(hand) }
                }
                hand += 1
                sweeps += 1
            }
        }
    }

    private let storage = Mutex(Storage())
    let maximumBytes: Int
    let maximumEntryBytes: Int

    init(maximumBytes: Int = 64 << 20, maximumEntryBytes: Int = 1 << 20) {
        self.maximumBytes = maximumBytes
        self.maximumEntryBytes = min(maximumEntryBytes, maximumBytes)
    }

    /// The entry's key: the target, `Accept`, and the coding `Accept-Encoding` negotiates (not
    /// the raw field, so every gzip-accepting client shares one compressed entry).
    static func key(_ request: HTTPRequest) -> String {
        let coding = ContentCoding.negotiate(request.headers.values(.acceptEncoding))
        return request.target + "\u{0}" + (request.headers[.accept] ?? "") + "\u{0}" + coding.rawValue
    }

    /// What the answer to `path`, matched by the route `pattern`, is made from.
    static func dependency(path: String, pattern: String?) -> Dependency {
        guard path.hasPrefix("/v1/") || path == "/v1" else { return .none }
        if let pattern, pattern.hasPrefix("/v1/:collection/:id") || pattern.hasPrefix("/v1/documents/:id") {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count > 3 { return .item(String(parts[3])) }
        }
        return .data
    }

    /// The cached answer for `key` at `revision`, if any, with the route it came from.
    func lookup(_ key: String, revision: Int) -> (response: HTTPResponse, pattern: String?, methods: [HTTPMethod])? {
        storage.withLock { storage in
            if revision > storage.revision { Self.startOver(&storage, at: revision) }
            guard storage.revision == revision, let slot = storage.index[key], let entry = storage.slots[slot] else { return nil }
            storage.slots[slot]!.referenced = true
            return (entry.response, entry.pattern, entry.methods)
        }
    }

    /// Keeps a successful answer with a body known in full (never one marked `no-store`), made
    /// at `revision` from `dependency`.
    func store(_ response: HTTPResponse, key: String, revision: Int, pattern: String?, methods: [HTTPMethod], dependency: Dependency) {
        guard maximumBytes > 0, case .bytes(let body) = response.body, body.count <= maximumEntryBytes, !Self.isNoStore(response) else { return }
        let size = body.count + key.utf8.count + 256
        storage.withLock { storage in
            if revision > storage.revision { Self.startOver(&storage, at: revision) }
            guard revision == storage.revision else { return }  // made before a write this cache has seen
            if let old = storage.index[key] { storage.remove(old) }
            storage.makeRoom(size, limit: maximumBytes)
            let entry = Entry(key: key, response: response, pattern: pattern, methods: methods, dependency: dependency, size: size)
            let slot: Int
            if let reused = storage.free.popLast() {
                slot = reused
                storage.slots[slot] = entry
            } else {
                slot = storage.slots.count
                storage.slots.append(entry)
            }
            storage.index[key] = slot
            storage.bytes += size
            switch dependency {
            case .item(let id): storage.byItem[id, default: []].insert(slot)
            case .data: storage.dataSlots.insert(slot)
            case .none: break
            }
        }
    }

    /// After a write by this process that made data revision `revision` and rendered the items
    /// `rendered` again: drops their entries and every answer over the whole data, keeps the rest.
    func invalidate(after revision: Int, rendered: [String]) {
        storage.withLock { storage in
            for id in rendered {
                for slot in storage.byItem[id] ?? [] { storage.remove(slot) }
            }
            for slot in storage.dataSlots { storage.remove(slot) }
            storage.revision = max(storage.revision, revision)
        }
    }

    /// How many answers are kept, and their bytes (with the keys and a per-entry allowance).
    var usage: (entries: Int, bytes: Int) { storage.withLock { ($0.index.count, $0.bytes) } }

    private static func startOver(_ storage: inout Storage, at revision: Int) {
        storage = Storage()
        storage.revision = revision
    }

    /// Whether the answer says `Cache-Control: no-store` (it must not be kept or revalidated).
    static func isNoStore(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers[.cacheControl] else { return false }
        return value.lowercased().split(separator: ",").contains { $0.trimmingPrefix(" ").hasPrefix("no-store") }
    }

    /// Drops everything.
    func removeAll() { storage.withLock { $0 = Storage() } }
}

/// Answers repeated GETs from the ``ResponseCache`` and keeps successful new answers in it,
/// for the data revision they were made at. A kept answer's `Last-Modified` is stamped again
/// with the data's last change on the way out: an entry a write did not touch outlives it.
struct ResponseCacheMiddleware: HTTPMiddleware {
    let cache: ResponseCache
    let revision: @Sendable () -> Int
    let lastModified: @Sendable () -> Int64?

    func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        // With no room (`--cache-bytes 0`) nothing is kept, so neither the key nor a lookup is needed.
        guard cache.maximumBytes > 0, request.method == .GET || request.method == .HEAD else { return next.respond(to: request, context: context) }
        let key = ResponseCache.key(request)
        let revision = self.revision()
        if let hit = cache.lookup(key, revision: revision) {
            context.route.pattern = hit.pattern
            context.route.methods = hit.methods
            var response = hit.response
            if response.headers[.lastModified] != nil, let seconds = lastModified() {
                response.headers.set(.lastModified, HTTPDateText.format(seconds))
            }
            return response
        }
        let response = next.respond(to: request, context: context)
        if response.status == .ok {
            cache.store(response, key: key, revision: revision, pattern: context.route.pattern, methods: context.route.methods,
                        dependency: ResponseCache.dependency(path: request.path, pattern: context.route.pattern))
        }
        return response
    }
}
