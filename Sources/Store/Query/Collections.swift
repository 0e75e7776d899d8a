import Support

/// Lists, facets and streams of a collection. Pagination is keyset: the next page starts after
/// the sort key of the previous page's last item, so page 1,000 costs what page 1 costs.
public enum Collections {
    /// A list item: `{id, type, href, title|name, kind, date}`.
    static func summary(_ row: Row, type: ItemType) -> JSONObject {
        let id = row.text(0) ?? ""
        return JSONObject([
            ("id", .string(id)), ("type", .string(type.rawValue)), ("href", .string(Reference.href(type, id))),
            (type.displayField, row.json(1)), ("kind", row.json(2)), ("date", DateObject.make(row.text(3))),
        ])
    }

    static let summaryColumns = "i.id, i.label, i.kind, i.edtf, i.summary"

    /// One page of `query`.
    static func page(_ query: CollectionQuery, in db: Connection) throws -> CollectionPage {
        var sql = CollectionSQL(query)
        let total = try total("SELECT count(*) FROM items i WHERE \(sql.whereClause)", sql.arguments, in: db)
        let keys = CollectionSQL.sortExpressions(query.sort)
        if let after = query.after { try sql.seek(after: after, keys: keys, descending: query.descending) }
        let order = CollectionSQL.orderClause(query)
        let select = "SELECT \(summaryColumns), \(keys.joined(separator: ", ")) FROM items i WHERE \(sql.whereClause) ORDER BY \(order) LIMIT ?"
        var items: [JSONValue] = []
        var lastKey: [JSONValue] = []
        var seen = 0
        try db.cachedStatement(select).forEachRow(sql.arguments + [.integer(Int64(query.limit + 1))]) { row in
            seen += 1
            guard seen <= query.limit else { return }
            items.append(.object(summary(row, type: query.type)))
            lastKey = (0..<keys.count).map { row.json(5 + $0) }
        }
        return CollectionPage(items: items, total: total, next: seen > query.limit ? lastKey : nil)
    }

    /// Up to `limit` items matching `query` after the sort key `after` (all of them from the
    /// first when nil), in its sort order, with their summaries; `next` is the sort key of the
    /// last one when `limit` were found (more may follow).
    static func chunk(
        _ query: CollectionQuery, after: [JSONValue]?, limit: Int, in db: Connection
    ) throws -> (items: [(item: JSONObject, summary: String?)], next: [JSONValue]?) {
        var sql = CollectionSQL(query)
        let keys = CollectionSQL.sortExpressions(query.sort)
        if let after { try sql.seek(after: after, keys: keys, descending: query.descending) }
        let select = "SELECT \(summaryColumns), \(keys.joined(separator: ", ")) FROM items i WHERE \(sql.whereClause) ORDER BY \(CollectionSQL.orderClause(query)) LIMIT ?"
        var items: [(item: JSONObject, summary: String?)] = []
        var lastKey: [JSONValue] = []
        try db.cachedStatement(select).forEachRow(sql.arguments + [.integer(Int64(limit))]) { row in
            items.append((summary(row, type: query.type), row.text(4)))
            lastKey = (0..<keys.count).map { row.json(5 + $0) }
        }
        return (items, items.count == limit ? lastKey : nil)
    }

    /// Value counts of each facet over the whole filtered set (as Datasette does): `{name: [{value, count, label?}]}`.
    static func facets(_ query: CollectionQuery, names: [String], in db: Connection) throws -> JSONObject {
        let sql = CollectionSQL(query)
        var result = JSONObject()
        for name in names {
            guard let source = facetSource(name, type: query.type) else { continue }
            // Every facet source holds items of the query's collection only, so without a filter
            // the whole collection is the set and the IN list (an ephemeral table of every id,
            // the bulk of the cost at a million documents) is left out. The label's lookup casts
            // the value to text as the comparison with `id` would: an integer (a year) compared
            // as it is makes SQLite scan every item for each value.
            let unfiltered = sql.conditions.count == 1
            let within = unfiltered ? "" : "f.item IN (SELECT i.id FROM items i WHERE \(sql.whereClause)) AND "
            let arguments = unfiltered ? [] : sql.arguments
            let statement = """
                SELECT f.value, count(DISTINCT f.item) AS n, (SELECT label FROM items WHERE id = CAST(f.value AS TEXT)) AS label
                FROM (\(source)) f WHERE \(within)f.value IS NOT NULL
                GROUP BY f.value ORDER BY n DESC, f.value LIMIT 100
                """
            result[name] = try facetCounts.value(memoKey(statement, arguments, in: db), in: db) {
                .array(try db.cachedStatement(statement).rows(arguments) { row in
                    var entry = JSONObject([("value", row.json(0)), ("count", row.json(1))])
                    if !row.isNull(2) { entry["label"] = row.json(2) }
                    return .object(entry)
                })
            }
        }
        return result
    }

    /// `SELECT item, value` pairs of a facet.
    private static func facetSource(_ name: String, type: ItemType) -> String? {
        switch (type, name) {
        case (_, "kind"): "SELECT id AS item, kind AS value FROM items WHERE type = '\(type.rawValue)'"
        case (_, "year"):
            // An undated item has no year (a NULL value, never counted); the condition lets the
            // partial index items_type_date answer without reading the rows.
            """
            SELECT id AS item, CAST(strftime('%Y', coalesce(earliest, latest) * 86400, 'unixepoch') AS INTEGER) AS value FROM items
            WHERE type = '\(type.rawValue)' AND (earliest IS NOT NULL OR latest IS NOT NULL)
            """
        case (.document, "issuer"):
            "SELECT id AS item, issuer AS value FROM documents UNION ALL SELECT document_id, institution_id FROM document_co_issuers"
        case (.document, "signatory"): "SELECT document_id AS item, person_id AS value FROM document_signatories"
        case (.document, "event"): "SELECT document_id AS item, event_id AS value FROM event_documents"
        case (.person, "institution"): "SELECT person_id AS item, institution_id AS value FROM positions"
        case (.event, "place"): "SELECT event_id AS item, place_id AS value FROM event_places WHERE role IN ('country', 'region')"
        case (.event, "document"): "SELECT event_id AS item, document_id AS value FROM event_documents"
        case (.place, "country"): "SELECT id AS item, country AS value FROM places"
        default: nil
        }
    }
}

extension JSONValue {
    /// The SQL value of a JSON scalar (sort keys in cursors).
    var sqlValue: SQLValue {
        switch self {
        case .int(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .bool(let flag): .integer(flag ? 1 : 0)
        default: .null
        }
    }
}
