import Support

/// Hit objects and their snippets: FTS5 `snippet()` and `highlight()` around the matches.
extension Search {
    /// Longest snippet, in characters, when the title/name is used as the snippet.
    static let maxSnippetCharacters = 240

    /// The hit object for one scored row (nil if the item vanished, which a read snapshot prevents).
    static func describe(_ hit: Scored, match: String, in db: Connection) throws -> JSONValue? {
        let sql = """
            SELECT items.type, items.id, items.label,
                   snippet(search_index, 2, '\(openMark)', '\(closeMark)', '…', 12),
                   snippet(search_index, 1, '\(openMark)', '\(closeMark)', '…', 12),
                   highlight(search_index, 0, '\(openMark)', '\(closeMark)')
            FROM search_index JOIN items ON items.rowid = search_index.rowid
            WHERE search_index MATCH ? AND search_index.rowid = ?
            """
        return try db.cachedStatement(sql).firstRow([.text(match), .integer(hit.rowid)]) { row -> JSONValue? in
            guard let type = ItemType(rawValue: row.text(0) ?? ""), let id = row.text(1) else { return nil }
            let label = row.text(2) ?? ""
            let snippet = chooseSnippet(body: row.text(3), names: row.text(4), label: row.text(5), fallback: label)
            return .object(JSONObject([
                ("type", .string(type.rawValue)), ("id", .string(id)), (type.displayField, .string(label)),
                ("href", .string(Reference.href(type, id))), ("snippet", .string(snippet)), ("score", .double(hit.score)),
            ]))
        } ?? nil
    }

    /// The summary's snippet if it marks a match, else the names', else the highlighted title/name
    /// (the label column holds "label id": the id is cut off).
    static func chooseSnippet(body: String?, names: String?, label: String?, fallback: String) -> String {
        if let body, body.contains(openMark) { return body }
        if let names, names.contains(openMark) { return names }
        if let label, let space = label.lastIndex(of: " ") {
            var text = String(label[..<space])
            let opens = text.filter { $0 == "«" }.count
            let closes = text.filter { $0 == "»" }.count
            if opens > closes { text += closeMark }
            if text.count > maxSnippetCharacters { text = truncate(text) }
            return text
        }
        return fallback.count > maxSnippetCharacters ? truncate(fallback) : fallback
    }

    private static func truncate(_ text: String) -> String {
        var cut = String(text.prefix(maxSnippetCharacters))
        if cut.filter({ $0 == "«" }).count > cut.filter({ $0 == "»" }).count { cut += closeMark }
        return cut + "…"
    }
}
