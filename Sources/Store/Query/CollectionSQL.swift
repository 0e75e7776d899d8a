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
                if let from = query.from {
                    conditions.append("i.earliest IS NOT NULL AND i.earliest >= ?")
                    arguments.append(.integer(Int64(from)))
                    // Implied (the date key is the earliest day here): where the date order starts.
                    if query.sort == .date {
                        conditions.append("\(Self.sortExpressions(.date)[0]) >= ?")
                        arguments.append(.integer(Int64(from)))
                    }
                }
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

    /// The ORDER BY list of a query's sort, in its direction.
    static func orderClause(_ query: CollectionQuery) -> String {
        let direction = query.descending ? " DESC" : ""
        return sortExpressions(query.sort).map { $0 + direction }.joined(separator: ", ")
    }
}

extension CollectionSQL {
    /// Keeps only the rows whose sort key `keys` comes after `after` (a keyset seek).
    mutating func seek(after: [JSONValue], keys: [String], descending: Bool) throws {
        guard after.count == keys.count, let first = after.first else { throw StoreError.notFound("the cursor does not fit this sort") }
        // The bound on the first key alone says nothing the row value does not, but SQLite starts
        // an index range only from it (it does not seek on a row value of index expressions).
        conditions.append("\(keys[0]) \(descending ? "<=" : ">=") ?")
        arguments.append(first.sqlValue)
        conditions.append("(\(keys.joined(separator: ", "))) \(descending ? "<" : ">") (\(keys.map { _ in "?" }.joined(separator: ", ")))")
        arguments += after.map(\.sqlValue)
    }
}
