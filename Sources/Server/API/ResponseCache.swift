import Synchronization

/// Finished answers to GETs, kept per request target and `Accept` for one data revision: a
/// repeated read (a classroom opening the same document) is answered without touching the
/// database, serialising JSON or hashing. Any change of revision makes every entry stale.
final class ResponseCache: Sendable {
    private struct Entry {
        let response: HTTPResponse
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

    static func key(_ request: HTTPRequest) -> String {
        request.target + "\u{0}" + (request.headers["Accept"] ?? "")
    }

    /// The cached answer for `key` at `revision`, if any.
    func lookup(_ key: String, revision: Int) -> HTTPResponse? {
        storage.withLock { storage in
            guard storage.revision == revision else { return nil }
            return storage.entries[key]?.response
        }
    }

    /// Keeps a successful answer with a body known in full.
    func store(_ response: HTTPResponse, key: String, revision: Int) {
        guard case .bytes(let body) = response.body, body.count <= maximumEntryBytes else { return }
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
            storage.entries[key] = Entry(response: response, size: size)
            storage.bytes += size
        }
    }

    /// Drops everything (after a write by this process).
    func removeAll() { storage.withLock { $0 = Storage() } }
}
