/// The `changesets` table: the changeset of each committed write, recorded by SQLite's session
/// extension in the write's own transaction, under the data revision the write produced. What
/// is derived from the other rows is left out: the stored renderings
/// (``RenderedItems/derivedTables``) and FTS5's index of the search text
/// (``SearchIndexChanges/indexTables``; the text itself travels). A replica makes them itself
/// when it applies the changeset, so a write of many items does not hold every rendering and
/// index segment it replaced in memory, nor store them twice.
enum ChangeLog {
    /// The tables a changeset leaves out.
    static let excludedTables = RenderedItems.derivedTables + SearchIndexChanges.indexTables
    static let insertSQL = "INSERT OR REPLACE INTO changesets (revision, changeset) VALUES (?, ?)"

    /// Runs the write `body` (inside the caller's transaction) while a session records its
    /// changes, then stores them under the data revision `meta` holds afterwards.
    static func recording<T>(in db: Connection, _ body: () throws -> T) throws -> T {
        // The session still records while the changeset is stored: `changesets` is not recorded.
        try db.capturingChanges(excluding: excludedTables + ["changesets"], body) { changes in
            guard changes.length > 0 else { return }
            // Written into its row from SQLite's buffer: a large import's changeset is held once, not copied.
            let revision = try ArchiveState.read(db).revision
            try db.cachedStatement("INSERT OR REPLACE INTO changesets (revision, changeset) VALUES (?, zeroblob(?))")
                .run([.integer(Int64(revision)), .integer(Int64(changes.length))])
            try changes.write(into: "changesets", column: "changeset", rowid: Int64(revision))
        }
    }

    /// Keeps `changeset` as the one that produced `revision`.
    static func store(_ changeset: [UInt8], revision: Int, in db: Connection) throws {
        try db.cachedStatement(insertSQL).run([.integer(Int64(revision)), .blob(changeset)])
    }
}
