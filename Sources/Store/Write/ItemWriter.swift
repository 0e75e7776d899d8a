/// Writes decoded items into the database: the `items` row, its search-index row and the rows
/// of its collection's tables, and its place in the list and facet counts (``FacetCounts``).
/// Callers run it inside one transaction.
enum ItemWriter {
    static let insertItemSQL = "INSERT INTO items (id, type, label, kind, edtf, earliest, latest, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    static let insertSearchSQL = "INSERT INTO search_index (rowid, label, names, body) VALUES (?, ?, ?, ?)"

    /// Inserts `item` (which must not exist yet). An import into an empty database passes
    /// `counting: false` and counts everything once at the end (``FacetCounts/rebuild(in:)``).
    static func insert(_ item: DecodedItem, into db: Connection, counting: Bool = true) throws {
        try db.cachedStatement(insertItemSQL).run([
            .text(item.id), .text(item.type.rawValue), .text(item.label), .nullable(item.kind), .nullable(item.date?.edtf),
            .nullable(item.span.earliest), .nullable(item.span.latest), .nullable(item.summary),
        ])
        let rowid = db.lastInsertRowID
        try db.cachedStatement(insertSearchSQL).run([
            .integer(rowid), .text(item.label + " " + item.id),
            .text(item.searchNames.joined(separator: " \u{2022} ")), .text(item.searchBody.joined(separator: "\n")),
        ])
        for row in item.rows { try db.cachedStatement(row.sql).run(row.values) }
        try Timeline.refresh(itemID: item.id, in: db)
        if counting { try FacetCounts.didInsert(item.id, type: item.type, in: db) }
    }

    /// Removes `id` and everything that hangs off it (child rows cascade), and its search row.
    static func delete(_ id: String, from db: Connection) throws {
        try FacetCounts.willDelete(id, in: db)
        if let rowid = try db.cachedStatement("SELECT rowid FROM items WHERE id = ?").scalarInt([.text(id)]) {
            try db.cachedStatement("DELETE FROM search_index WHERE rowid = ?").run([.integer(rowid)])
        }
        try db.cachedStatement("DELETE FROM items WHERE id = ?").run([.text(id)])
        try FacetCounts.didDelete(id, in: db)
    }
}
