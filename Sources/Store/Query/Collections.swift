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
        let sql = CollectionSQL(query)
        let total = sql.isUnfiltered
            ? try FacetCounts.total(query.type, in: db)
            : try FacetCounts.total(of: query, sql: sql, in: db)
                ?? total("SELECT count(*) FROM items i WHERE \(sql.whereClause)", sql.arguments, in: db)
        let keys = CollectionSQL.sortExpressions(query.sort)
        let sortingMatches = CollectionSQL.sortsMatches(query, isUnfiltered: sql.isUnfiltered, total: total)
        let (select, arguments) = try listSQL(query, after: query.after, limit: query.limit + 1, sortingMatches: sortingMatches)
        var items: [JSONValue] = []
        var lastKey: [JSONValue] = []
        var seen = 0
        try db.cachedStatement(select).forEachRow(arguments) { row in
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
        let keys = CollectionSQL.sortExpressions(query.sort)
        let sql = CollectionSQL(query)
        // A stream of a filtered date sort counts its matches once per revision to choose how to read.
        var sortingMatches = false
        if query.sort == .date && !sql.isUnfiltered {
            let matches = try total("SELECT count(*) FROM items i WHERE \(sql.whereClause)", sql.arguments, in: db)
            sortingMatches = CollectionSQL.sortsMatches(query, isUnfiltered: false, total: matches)
        }
        let (select, arguments) = try listSQL(query, after: after, limit: limit, sortingMatches: sortingMatches)
        var items: [(item: JSONObject, summary: String?)] = []
        var lastKey: [JSONValue] = []
        try db.cachedStatement(select).forEachRow(arguments) { row in
            items.append((summary(row, type: query.type), row.text(4)))
            lastKey = (0..<keys.count).map { row.json(5 + $0) }
        }
        return (items, items.count == limit ? lastKey : nil)
    }

    /// The statement of a page or chunk of `query`: the summary columns, then the sort key. It
    /// walks the index of the sort, or with `sortingMatches` sorts the matches the filter finds
    /// (see ``CollectionSQL/sortsMatches(_:isUnfiltered:total:)``); both give the same rows in
    /// the same order (the sort key ends with the id, so there are no ties).
    static func listSQL(_ query: CollectionQuery, after: [JSONValue]?, limit: Int, sortingMatches: Bool = false) throws -> (String, [SQLValue]) {
        var sql = CollectionSQL(query)
        let keys = CollectionSQL.sortExpressions(query.sort)
        if !sortingMatches { sql.boundDateOrder(query) }
        if let after { try sql.seek(after: after, keys: keys, descending: query.descending, boundFirstKey: !sortingMatches) }
        let order = CollectionSQL.orderClause(query, sortingMatches: sortingMatches)
        let select = "SELECT \(summaryColumns), \(keys.joined(separator: ", ")) FROM items i WHERE \(sql.whereClause) ORDER BY \(order) LIMIT ?"
        return (select, sql.arguments + [.integer(Int64(limit))])
    }

    /// Value counts of each facet over the whole filtered set (as Datasette does): `{name: [{value, count, label?}]}`.
    /// Without a filter the whole collection is the set, whose counts the writes keep (``FacetCounts``).
    static func facets(_ query: CollectionQuery, names: [String], in db: Connection) throws -> JSONObject {
        let sql = CollectionSQL(query)
        var result = JSONObject()
        for name in names {
            guard let source = FacetSource.named(name, type: query.type) else { continue }
            if sql.isUnfiltered {
                result[name] = try FacetCounts.facet(name, type: query.type, in: db)
                continue
            }
            // The label's lookup casts the value to text as the comparison with `id` would: an
            // integer (a year) compared as it is makes SQLite scan every item for each value.
            let statement = """
                SELECT f.value, count(DISTINCT f.item) AS n, (SELECT label FROM items WHERE id = CAST(f.value AS TEXT)) AS label
                FROM (\(source.sql)) f WHERE f.item IN (SELECT i.id FROM items i WHERE \(sql.whereClause)) AND f.value IS NOT NULL
                GROUP BY f.value ORDER BY n DESC, f.value LIMIT 100
                """
            result[name] = try facetCounts.value(memoKey(statement, sql.arguments, in: db), in: db) {
                .array(try db.cachedStatement(statement).rows(sql.arguments, facetEntry))
            }
        }
        return result
    }

    /// One facet value of a `value, count, label` row.
    static func facetEntry(_ row: Row) -> JSONValue {
        var entry = JSONObject([("value", row.json(0)), ("count", row.json(1))])
        if !row.isNull(2) { entry["label"] = row.json(2) }
        return .object(entry)
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
