import Support

/// The reads the API serves, each in one read transaction on a reader of the pool: callers get
/// values, never a connection.
extension Archive {
    /// The data's revision and last change.
    public func state() throws -> ArchiveState {
        try pool.read { try ArchiveState.read($0) }
    }

    /// The full item `id` of `type`, or nil when there is no such item of that type.
    public func item(_ id: String, type: ItemType) throws -> JSONObject? {
        try pool.read { db in try ItemView.full(id, type: type, in: db) }
    }

    /// The stored rendering of item `id` of `type` (its compact body and ETag), or nil when there is no such item of that type.
    public func storedItem(_ id: String, type: ItemType) throws -> RenderedItems.Stored? {
        try pool.readOneStatement { db in try RenderedItems.item(id, type: type, in: db) }
    }

    /// The stored dating analysis of `documentID`, or nil when there is no such document.
    public func storedDating(documentID: String) throws -> RenderedItems.Stored? {
        try pool.readOneStatement { db in try RenderedItems.dating(documentID, in: db) }
    }

    /// One page of `query` and, when `facetNames` is not empty, the value counts of those facets.
    public func page(_ query: CollectionQuery, facetNames: [String]) throws -> (page: CollectionPage, facets: JSONObject?) {
        try pool.read { db in
            (try Collections.page(query, in: db), facetNames.isEmpty ? nil : try Collections.facets(query, names: facetNames, in: db))
        }
    }

    /// One page of ranked search hits and the number of all hits.
    public func search(
        _ text: String, types: Set<ItemType>?, limit: Int, after: [JSONValue]?, sources: Search.SourceOrder = .last
    ) throws -> (page: (items: [JSONValue], next: [JSONValue]?), total: Int) {
        try pool.read { db in
            (try Search.search(text, types: types, limit: limit, after: after, sources: sources, in: db), try Search.total(text, types: types, in: db))
        }
    }

    /// One page of timeline entries in the window and the number of all entries in it.
    public func timeline(
        from: Day?, to: Day?, kinds: Set<String>?, limit: Int, after: [JSONValue]?
    ) throws -> (page: (items: [JSONValue], next: [JSONValue]?), total: Int) {
        try pool.read { db in
            (try Timeline.entries(from: from, to: to, kinds: kinds, types: nil, limit: limit, after: after, in: db),
             try Timeline.total(from: from, to: to, kinds: kinds, types: nil, in: db))
        }
    }

    /// The dating analysis of `documentID`, or nil when there is no such document.
    public func datingAnalysis(documentID: String) throws -> JSONValue? {
        try pool.read { db in try DatingAnalysis.analyse(documentID: documentID, in: db) }
    }

    /// The number of items of each type (as the `type` column spells it) that has any.
    public func itemCountsByType() throws -> [(type: String, count: Int64)] {
        try pool.read { db in
            try db.cachedStatement("SELECT type, items FROM collection_counts ORDER BY type").rows { ($0.text(0) ?? "", Int64($0.int(1) ?? 0)) }
        }
    }

    /// The database's logical size in bytes (`page_count * page_size`), without its write-ahead log.
    public func logicalSize() throws -> Int {
        try pool.read { db in
            Int((try db.cachedStatement("PRAGMA page_count").scalarInt() ?? 0) * (try db.cachedStatement("PRAGMA page_size").scalarInt() ?? 0))
        }
    }
}

/// A stream read in chunks found the data changed between two of them: what was already
/// handed out belongs to the earlier revision, so the rest cannot be given.
public struct DataChangedDuringStream: Error, Sendable, Equatable {
    public let startedAt: Int
    public let changedTo: Int
}

/// Streams of every matching item, read in chunks of short read transactions so that no reader is
/// held while the caller writes (to a client that may not read): the body runs between them.
/// Each chunk checks the data's revision, so the stream is the data of one revision or ends with
/// ``DataChangedDuringStream``.
extension Archive {
    /// Items per read transaction of a stream.
    static let streamChunkSize = 200

    /// Every item matching `query` (no pagination) in its sort order, with its summary.
    public func forEach(_ query: CollectionQuery, _ body: (JSONObject, String?) throws -> Void) throws {
        try forEachChunk(query, read: { chunk, _ in chunk }) { chunk in
            for (item, summary) in chunk { try body(item, summary) }
        }
    }

    /// The GeoJSON features of the items matching `query` (see ``Collections/forEachFeature(_:ids:in:_:)``).
    public func forEachFeature(_ query: CollectionQuery, _ body: (JSONValue) throws -> Void) throws {
        try forEachChunk(query, read: { chunk, db in
            var features: [JSONValue] = []
            try Collections.forEachFeature(query, ids: chunk.map { $0.item["id"]?.stringValue ?? "" }, in: db) { features.append($0) }
            return features
        }) { features in
            for feature in features { try body(feature) }
        }
    }

    /// Reads `query` chunk by chunk: `read` runs inside each chunk's transaction, `body` after it
    /// with what `read` returned.
    private func forEachChunk<T: Sendable>(
        _ query: CollectionQuery, read: ([(item: JSONObject, summary: String?)], Connection) throws -> T,
        _ body: (T) throws -> Void
    ) throws {
        var revision: Int?
        var after: [JSONValue]?
        repeat {
            let (value, next): (T, [JSONValue]?) = try pool.read { db in
                let current = try ArchiveState.read(db).revision
                if let revision, revision != current { throw DataChangedDuringStream(startedAt: revision, changedTo: current) }
                revision = current
                let chunk = try Collections.chunk(query, after: after, limit: Self.streamChunkSize, in: db)
                return (try read(chunk.items, db), chunk.next)
            }
            try body(value)
            after = next
        } while after != nil
    }
}

/// What the API needs to explain a mistake: the names that do exist.
extension Archive {
    /// The kinds the items of `type` have, sorted.
    public func kinds(of type: ItemType) throws -> [String] {
        try pool.read { db in try Collections.kinds(of: type, in: db) }
    }

    /// The kinds of every type in `types`.
    public func kinds(of types: [ItemType]) throws -> [ItemType: [String]] {
        try pool.read { db in
            try Dictionary(uniqueKeysWithValues: types.map { ($0, try Collections.kinds(of: $0, in: db)) })
        }
    }

    /// The type of the live item `id`, if any, and the ids of `type`'s collection that sort
    /// nearest to it (all of them in a collection of up to a thousand), for "did you mean".
    public func typeAndIDs(ofItem id: String, checkingType: Bool, collection type: ItemType) throws -> (type: ItemType?, ids: [String]) {
        try pool.read { db in
            (checkingType ? try Collections.type(ofItem: id, in: db) : nil, try Collections.ids(near: id, of: type, in: db))
        }
    }
}
