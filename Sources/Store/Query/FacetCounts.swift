import Support

/// The `collection_counts` and `facet_counts` tables: the `total` of every unfiltered list and
/// the counts of its facets (``FacetSource``), kept by the writes in their own transactions so
/// that neither needs a count over the collection. A write of an item changes only its own
/// pairs (``FacetSource/rowsOfValue`` aside), so its counts move by one per value it had or has:
/// ``willDelete(_:in:)`` before its rows go, ``didInsert(_:type:in:)`` after they are in.
/// An import or a migration fills both tables at once instead (``rebuild(in:)``).
enum FacetCounts {
    /// Takes the item `id` (about to be deleted) out of the counts; nothing when there is none.
    static func willDelete(_ id: String, in db: Connection) throws {
        guard let type = try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:)) else { return }
        try move(id, type: type, by: -1, in: db)
    }

    /// Adds the item `id` of `type`, whose rows are in, to the counts.
    static func didInsert(_ id: String, type: ItemType, in db: Connection) throws {
        try move(id, type: type, by: 1, in: db)
        try recountRowsOfValue(id, in: db)
    }

    /// After the item `id` was deleted: the facets whose pairs are rows of their values.
    static func didDelete(_ id: String, in db: Connection) throws {
        try recountRowsOfValue(id, in: db)
    }

    /// Counts both tables afresh from the rows (after an import, a migration or a replace).
    static func rebuild(in db: Connection) throws {
        try db.execute("""
            DELETE FROM collection_counts;
            DELETE FROM facet_counts;
            INSERT INTO collection_counts (type, items) SELECT type, count(*) FROM items GROUP BY type;
            """)
        for source in FacetSource.all {
            try db.cachedStatement("""
                INSERT INTO facet_counts (type, facet, value, items)
                SELECT ?, ?, f.value, count(DISTINCT f.item) FROM (\(source.sql)) f WHERE f.value IS NOT NULL GROUP BY f.value
                """).run([.text(source.type.rawValue), .text(source.name)])
        }
    }

    /// The number of items of `type`.
    static func total(_ type: ItemType, in db: Connection) throws -> Int {
        Int(try db.cachedStatement("SELECT items FROM collection_counts WHERE type = ?").scalarInt([.text(type.rawValue)]) ?? 0)
    }

    /// The filters whose one value matches exactly the items its facet counts for that value
    /// (the same rows, the same distinct items). Not a document's `event` (it also follows
    /// relations) nor an event's `place` (places inside a region match too).
    private static let filtersCountedAsFacets: Set<String> = ["kind", "issuer", "signatory", "institution", "document", "country"]

    /// The total of `query` (whose conditions are `sql`'s) when its only condition is one filter
    /// with one value that the counts hold (`?kind=order`, `?issuer=nkvd`); nil for any other query.
    static func total(of query: CollectionQuery, sql: CollectionSQL, in db: Connection) throws -> Int? {
        guard query.from == nil, query.to == nil, query.text == nil else { return nil }
        let filters = query.filters.filter { !$0.values.isEmpty }
        guard filters.count == 1, filters[0].values.count == 1, filtersCountedAsFacets.contains(filters[0].name),
              sql.conditions.count == 2, let source = FacetSource.named(filters[0].name, type: query.type)
        else { return nil }
        return Int(try db.cachedStatement("SELECT items FROM facet_counts WHERE type = ? AND facet = ? AND value = ?")
            .scalarInt([.text(query.type.rawValue), .text(source.name), .text(filters[0].values[0])]) ?? 0)
    }

    /// The facet `name` of `type`'s whole collection as ``Collections/facets(_:names:in:)`` answers it.
    static func facet(_ name: String, type: ItemType, in db: Connection) throws -> JSONValue {
        .array(try db.cachedStatement("""
            SELECT f.value, f.items, (SELECT label FROM items WHERE id = CAST(f.value AS TEXT)) AS label
            FROM facet_counts f WHERE f.type = ? AND f.facet = ?
            ORDER BY f.items DESC, f.value LIMIT 100
            """).rows([.text(type.rawValue), .text(name)], Collections.facetEntry))
    }

    /// Every row of both tables that differs from a count afresh, one line each (for `check`).
    static func problems(in db: Connection) throws -> [String] {
        var problems: [String] = []
        let storedTotals = try db.cachedStatement("SELECT type, items FROM collection_counts ORDER BY type").rows { "\($0.text(0) ?? "") \($0.int(1) ?? 0)" }
        let freshTotals = try db.cachedStatement("SELECT type, count(*) FROM items GROUP BY type ORDER BY type").rows { "\($0.text(0) ?? "") \($0.int(1) ?? 0)" }
        if storedTotals != freshTotals { problems.append("collection_counts: \(storedTotals) differs from the items: \(freshTotals)") }
        for source in FacetSource.all {
            let stored = try db.cachedStatement("SELECT value, items FROM facet_counts WHERE type = ? AND facet = ? ORDER BY value")
                .rows([.text(source.type.rawValue), .text(source.name)]) { "\($0.value(0)) \($0.int(1) ?? 0)" }
            let fresh = try db.cachedStatement("""
                SELECT f.value, count(DISTINCT f.item) FROM (\(source.sql)) f WHERE f.value IS NOT NULL GROUP BY f.value ORDER BY f.value
                """).rows { "\($0.value(0)) \($0.int(1) ?? 0)" }
            if stored != fresh { problems.append("facet_counts: the \(source.type.rawValue) facet '\(source.name)' differs from a count afresh") }
        }
        return problems
    }

    // MARK: - Steps

    private static func move(_ id: String, type: ItemType, by step: Int64, in db: Connection) throws {
        try adjust("collection_counts", key: "type = ?", [.text(type.rawValue)], by: step, in: db)
        for source in FacetSource.of(type) where !source.rowsOfValue {
            let values = try db.cachedStatement("SELECT DISTINCT f.value FROM (\(source.sql)) f WHERE f.item = ? AND f.value IS NOT NULL")
                .rows([.text(id)]) { $0.value(0) }
            for value in values {
                try adjust("facet_counts", key: "type = ? AND facet = ? AND value = ?", [.text(type.rawValue), .text(source.name), value], by: step, in: db)
            }
        }
    }

    /// Adds `step` (±1) to the count of the row `key` names, inserting it at 1 or deleting it at 0.
    private static func adjust(_ table: String, key: String, _ arguments: [SQLValue], by step: Int64, in db: Connection) throws {
        if step > 0 {
            let columns = table == "collection_counts" ? "type" : "type, facet, value"
            let placeholders = arguments.map { _ in "?" }.joined(separator: ", ")
            try db.cachedStatement("""
                INSERT INTO \(table) (\(columns), items) VALUES (\(placeholders), 1) ON CONFLICT DO UPDATE SET items = items + 1
                """).run(arguments)
        } else {
            try db.cachedStatement("DELETE FROM \(table) WHERE \(key) AND items = 1").run(arguments)
            try db.cachedStatement("UPDATE \(table) SET items = items - 1 WHERE \(key)").run(arguments)
        }
    }

    private static func recountRowsOfValue(_ id: String, in db: Connection) throws {
        for source in FacetSource.all where source.rowsOfValue {
            let count = try db.cachedStatement("SELECT count(DISTINCT f.item) FROM (\(source.sql)) f WHERE f.value = ?").scalarInt([.text(id)]) ?? 0
            let key: [SQLValue] = [.text(source.type.rawValue), .text(source.name), .text(id)]
            if count > 0 {
                try db.cachedStatement("""
                    INSERT INTO facet_counts (type, facet, value, items) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET items = excluded.items
                    """).run(key + [.integer(count)])
            } else {
                try db.cachedStatement("DELETE FROM facet_counts WHERE type = ? AND facet = ? AND value = ?").run(key)
            }
        }
    }
}
