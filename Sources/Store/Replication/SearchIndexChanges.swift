/// The full-text index in changesets. FTS5 keeps the indexed text in `search_index_content` and
/// the index made from it in other shadow tables, whose segments it rewrites and merges as it
/// goes: a write of many items rewrites far more index bytes than text. So a changeset carries
/// the text only, and whoever applies it indexes that text itself, through FTS5: the same
/// rows, the same tokens, the same answers (the segments may be laid out otherwise; no answer
/// depends on that).
enum SearchIndexChanges {
    static let contentTable = "search_index_content"
    /// FTS5's shadow tables made from the text: left out of changesets.
    static let indexTables = ["search_index_data", "search_index_idx", "search_index_docsize", "search_index_config"]

    /// Runs `apply` (which applies `changeset` without ``contentTable`` and ``indexTables``) so
    /// that the search index ends as the changeset's rows of ``contentTable`` say: first every
    /// row it deletes or changes is removed from the index (FTS5 reads the old text to find its
    /// tokens), afterwards every row it inserts or changes is indexed with its new text.
    static func replaying(_ changeset: [UInt8], in db: Connection, around apply: () throws -> Void) throws {
        // Content rows: id, label, names, body (the columns of search_index, in order).
        var previous: [Int64: [SQLValue]] = [:]
        try Connection.forEachChange(in: changeset, tables: [contentTable]) { change in
            guard change.operation != .insert, case .integer(let rowid)? = change.old.first ?? nil else { return }
            if change.operation == .update {
                // An UPDATE holds only the columns it changed: the others are in the row now.
                previous[rowid] = try db.cachedStatement("SELECT label, names, body FROM search_index WHERE rowid = ?")
                    .firstRow([.integer(rowid)]) { row in (0..<3).map { row.isNull($0) ? .null : .text(row.text($0) ?? "") } }
            }
            try db.cachedStatement("DELETE FROM search_index WHERE rowid = ?").run([.integer(rowid)])
        }
        try apply()
        try Connection.forEachChange(in: changeset, tables: [contentTable]) { change in
            guard change.operation != .delete else { return }
            // An UPDATE's new values hold the key only when it changed.
            guard case .integer(let rowid)? = (change.new.first ?? nil) ?? (change.old.first ?? nil) else { return }
            let before = previous[rowid] ?? [.null, .null, .null]
            let text = (1...3).map { change.new.count > $0 ? change.new[$0] ?? before[$0 - 1] : before[$0 - 1] }
            try db.cachedStatement(ItemWriter.insertSearchSQL).run([.integer(rowid)] + text)
        }
    }
}
