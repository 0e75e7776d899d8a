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

    /// Runs the write `body` (inside the caller's transaction) while a session records its
    /// changes, then stores them under the data revision `meta` holds afterwards.
    static func recording<T>(in db: Connection, _ body: () throws -> T) throws -> T {
        // The session still records while the changeset is stored: `changesets` is not recorded.
        try db.capturingChanges(excluding: excludedTables + ["changesets"], body) { changes in
            guard changes.length > 0 else { return }
            let revision = Int64(try ArchiveState.read(db).revision)
            try reserve(changes.length, revision: revision, in: db)
            try changes.write(into: "changesets", column: "changeset", rowid: revision)
        }
    }

    /// Keeps `changeset` as the one that produced `revision`.
    static func store(_ changeset: [UInt8], revision: Int, in db: Connection) throws {
        try reserve(changeset.count, revision: Int64(revision), in: db)
        try changeset.withUnsafeBytes { try db.writeBlob($0, into: "changesets", column: "changeset", rowid: Int64(revision)) }
    }

    /// The row of `revision`, with a changeset of `length` zero bytes to be written over.
    /// (Written over it piece by piece: a large import's changeset is never copied whole.)
    private static func reserve(_ length: Int, revision: Int64, in db: Connection) throws {
        try db.cachedStatement("INSERT OR REPLACE INTO changesets (revision, changeset) VALUES (?, zeroblob(?))")
            .run([.integer(revision), .integer(Int64(length))])
    }
}
