import Support

/// Builds the SQL of a collection query: a WHERE clause over `items i` with bound arguments,
/// and the ORDER BY / keyset condition of each sort. All user values are bound, never spliced.
struct CollectionSQL {
    var conditions: [String] = []
    var arguments: [SQLValue] = []

    /// Sort keys as SQL expressions; an undated item sorts after every dated one.
    static let undatedKey: Int64 = 9_007_199_254_740_991

    static func sortExpressions(_ field: CollectionQuery.SortField) -> [String] {
        switch field {
        case .id: ["i.id"]
        case .label: ["i.label COLLATE NOCASE", "i.id"]
        case .date: ["coalesce(i.earliest, i.latest, \(undatedKey))", "coalesce(i.latest, \(undatedKey))", "i.id"]
        }
    }

    init(_ query: CollectionQuery) {
        conditions.append("i.type = ?")
        arguments.append(.text(query.type.rawValue))
        for filter in query.filters where !filter.values.isEmpty {
            addFilter(filter.name, filter.values, type: query.type)
        }
        if query.from != nil || query.to != nil {
            conditions.append("(i.earliest IS NOT NULL OR i.latest IS NOT NULL)")
            if query.within {
                if let from = query.from { conditions.append("i.earliest IS NOT NULL AND i.earliest >= ?"); arguments.append(.integer(Int64(from))) }
                if let to = query.to { conditions.append("i.latest IS NOT NULL AND i.latest <= ?"); arguments.append(.integer(Int64(to))) }
            } else {
                // Overlap: the span may reach into the window (an open end reaches everywhere).
                if let from = query.from { conditions.append("(i.latest IS NULL OR i.latest >= ?)"); arguments.append(.integer(Int64(from))) }
                if let to = query.to { conditions.append("(i.earliest IS NULL OR i.earliest <= ?)"); arguments.append(.integer(Int64(to))) }
            }
        }
        if let text = query.text {
            if let match = Search.ftsQuery(from: text) {
                conditions.append("i.rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)")
                arguments.append(.text(match))
            } else {
                conditions.append("0")
            }
        }
    }

    private mutating func addFilter(_ name: String, _ values: [String], type: ItemType) {
        let placeholders = values.map { _ in "?" }.joined(separator: ", ")
        let condition: String
        switch (type, name) {
        case (_, "kind"):
            condition = "i.kind IN (\(placeholders))"
        case (.document, "issuer"):
            condition = "i.id IN (SELECT id FROM documents WHERE issuer IN (\(placeholders)) UNION SELECT document_id FROM document_co_issuers WHERE institution_id IN (\(placeholders)))"
            arguments += values.map(SQLValue.text)
        case (.document, "signatory"):
            condition = "i.id IN (SELECT document_id FROM document_signatories WHERE person_id IN (\(placeholders)))"
        case (.document, "event"):
            condition = """
                i.id IN (SELECT document_id FROM event_documents WHERE event_id IN (\(placeholders))
                UNION SELECT from_id FROM relations WHERE to_id IN (\(placeholders)))
                """
            arguments += values.map(SQLValue.text)
        case (.person, "institution"):
            condition = "i.id IN (SELECT person_id FROM positions WHERE institution_id IN (\(placeholders)))"
        case (.event, "place"):
            // A country or region matches every place inside it.
            condition = """
                i.id IN (SELECT event_id FROM event_places WHERE place_id IN (
                    WITH RECURSIVE inside(id) AS (
                        SELECT id FROM places WHERE id IN (\(placeholders))
                        UNION SELECT p.id FROM places p JOIN inside ON p.parent = inside.id OR p.country = inside.id)
                    SELECT id FROM inside))
                """
        case (.event, "document"):
            condition = "i.id IN (SELECT event_id FROM event_documents WHERE document_id IN (\(placeholders)))"
        case (.place, "country"):
            condition = "i.id IN (SELECT id FROM places WHERE country IN (\(placeholders)))"
        default:
            condition = "0"
            return
        }
        conditions.append(condition)
        arguments += values.map(SQLValue.text)
    }

    var whereClause: String { conditions.joined(separator: " AND ") }

    /// Whether the query names only its collection: no filter, window or text.
    var isUnfiltered: Bool { conditions.count == 1 }

    /// The ORDER BY list of a query's sort, in its direction. `sortingMatches` hides the keys
    /// from the indexes (a unary `+`, which changes no value), so that SQLite finds the matches
    /// through the filter and sorts them instead of walking the sort's index.
    static func orderClause(_ query: CollectionQuery, sortingMatches: Bool = false) -> String {
        let direction = query.descending ? " DESC" : ""
        return sortExpressions(query.sort).map { (sortingMatches ? "+" : "") + $0 + direction }.joined(separator: ", ")
    }

    /// Up to this many matches a filtered `sort=date` page sorts its matches: walking the date
    /// order, a rare value (an issuer of 100 documents) finds its 51 only after reading most of
    /// the collection's index, while sorting a few thousand rows costs a few milliseconds.
    static let sortedMatchesLimit = 5_000

    /// Whether a page of `query`, which has `total` matches, sorts them rather than walking the
    /// index of its sort: a filtered date sort with few matches.
    static func sortsMatches(_ query: CollectionQuery, isUnfiltered: Bool, total: Int) -> Bool {
        query.sort == .date && !isUnfiltered && total <= sortedMatchesLimit
    }

    /// Bounds the date key where the filter implies a bound, so that a walk of the date order
    /// starts there: `within` a window from `from`, the key is the earliest day, at least `from`.
    mutating func boundDateOrder(_ query: CollectionQuery) {
        guard query.sort == .date, query.within, let from = query.from else { return }
        conditions.append("\(Self.sortExpressions(.date)[0]) >= ?")
        arguments.append(.integer(Int64(from)))
    }
}

extension CollectionSQL {
    /// Keeps only the rows whose sort key `keys` comes after `after` (a keyset seek).
    /// `boundFirstKey` adds the bound on the first key alone, which says nothing the row value
    /// does not, but from which SQLite starts an index range (it does not seek on a row value of
    /// index expressions); a page that sorts its matches leaves it out, lest SQLite walk the
    /// index from there instead of finding the matches through the filter.
    mutating func seek(after: [JSONValue], keys: [String], descending: Bool, boundFirstKey: Bool = true) throws {
        guard after.count == keys.count, let first = after.first else { throw StoreError.notFound("the cursor does not fit this sort") }
        if boundFirstKey {
            conditions.append("\(keys[0]) \(descending ? "<=" : ">=") ?")
            arguments.append(first.sqlValue)
        }
        conditions.append("(\(keys.joined(separator: ", "))) \(descending ? "<" : ">") (\(keys.map { _ in "?" }.joined(separator: ", ")))")
        arguments += after.map(\.sqlValue)
    }
}
