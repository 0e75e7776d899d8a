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
        try pool.read { db in try RenderedItems.item(id, type: type, in: db) }
    }

    /// The stored dating analysis of `documentID`, or nil when there is no such document.
    public func storedDating(documentID: String) throws -> RenderedItems.Stored? {
        try pool.read { db in try RenderedItems.dating(documentID, in: db) }
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
            try db.cachedStatement("SELECT type, count(*) FROM items GROUP BY type").rows { ($0.text(0) ?? "", Int64($0.int(1) ?? 0)) }
        }
    }

    /// The database's logical size in bytes (`page_count * page_size`), without its write-ahead log.
    public func logicalSize() throws -> Int {
        try pool.read { db in
            Int((try db.cachedStatement("PRAGMA page_count").scalarInt() ?? 0) * (try db.cachedStatement("PRAGMA page_size").scalarInt() ?? 0))
        }
    }
}

extension Archive {
    /// Every item matching `query` (no pagination) in its sort order, with its summary.
    public func forEach(_ query: CollectionQuery, _ body: (JSONObject, String?) throws -> Void) throws {
        try pool.read { db in try Collections.forEach(query, in: db, body) }
    }

    /// The GeoJSON features of the items matching `query` (see ``Collections/forEachFeature(_:in:_:)``).
    public func forEachFeature(_ query: CollectionQuery, _ body: (JSONValue) throws -> Void) throws {
        try pool.read { db in try Collections.forEachFeature(query, in: db, body) }
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

    /// The type of the live item `id`, if any, and every id of `type`'s collection.
    public func typeAndIDs(ofItem id: String, checkingType: Bool, collection type: ItemType) throws -> (type: ItemType?, ids: [String]) {
        try pool.read { db in
            (checkingType ? try Collections.type(ofItem: id, in: db) : nil, try Collections.ids(of: type, in: db))
        }
    }
}
