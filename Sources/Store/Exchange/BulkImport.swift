/// `archive-server import` into a path where no database is yet: the database is built in
/// `<path>.importing` beside it, which takes the name `path` only once complete (as a database
/// created at first start does). Nobody else can have that file open and a failed import simply
/// removes it, so the bulk load may do what a live database must not: no journal on disk, no
/// `fsync` until the end, a larger page cache, and the secondary indexes built once, sorted, after
/// the rows are in instead of row by row. Foreign keys are not checked row by row either: the
/// archive was checked whole before (every reference resolves), and `check` runs SQLite's
/// `foreign_key_check` on demand. And the items are written during the check's own pass over
/// the file instead of in a pass of their own: a file with problems leaves only the staging file,
/// which is removed, so nothing is written where the database was to be.
enum BulkImport {
    /// The page cache of the load, in KiB (a negative `cache_size`): well under import's RSS budget.
    static let cacheKiB = 32768

    /// Checks `source` and builds the database at `path` (nothing may be there) from it; returns
    /// its revision. A file with problems throws the check's ``ValidationError``.
    static func create(_ source: ArchiveSource, at path: String) throws -> Int {
        let staging = path + ".importing"
        DatabaseFile.remove(staging)
        try DatabaseFile.createEmpty(staging, shownAs: path)
        do {
            let revision = try build(source, in: staging)
            try DatabaseFile.sync(staging)
            guard try DatabaseFile.place(staging, at: path) else {
                throw StoreError.notEmpty("\(path) appeared while the archive was imported; nothing was written to it")
            }
            DatabaseFile.remove(staging)
            return revision
        } catch {
            DatabaseFile.remove(staging)
            throw error
        }
    }

    private static func build(_ source: ArchiveSource, in staging: String) throws -> Int {
        let db = try Connection(path: staging, mode: .readWrite)
        defer { db.close() }
        // MEMORY, not OFF (which the connection's defensive mode refuses): pages added to a file
        // are never journalled, so this journal holds next to nothing.
        guard try db.prepare("PRAGMA journal_mode = MEMORY").scalarText()?.lowercased() == "memory" else {
            throw SQLiteError(code: SQLiteError.error, message: "cannot keep the journal in memory for the import into \(staging)")
        }
        try db.execute("""
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -\(cacheKiB);
            PRAGMA foreign_keys = OFF;
            """)
        let revision = try db.transaction {
            // (schema.sql's own `PRAGMA foreign_keys = ON` is a no-op inside this transaction.)
            try Migrator.createSchema(in: db)
            let indexes = try db.cachedStatement("""
                SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name
                """).rows { row in (row.text(0) ?? "", row.text(1) ?? "") }
            for (name, _) in indexes { try db.execute("DROP INDEX \(name)") }
            try ArchiveImport.bumpRevision(db)
            var failure: (any Error)?
            let archive = try ArchiveFormat.check(source, visit: { item in
                guard failure == nil else { return }
                do { try ArchiveImport.insert(item, into: db) } catch { failure = error }
            })
            if let failure { throw failure }
            try ArchiveImport.finish(archive, in: db) {
                for (_, sql) in indexes { try db.execute(sql) }
            }
            try Archive.storeCursorSecret(in: db)
            return Int(try db.cachedStatement("SELECT value FROM meta WHERE key = 'revision'").scalarInt() ?? 0)
        }
        try db.execute("PRAGMA foreign_keys = ON")
        // The file a server opens is in WAL mode, as every database this program makes.
        guard try db.prepare("PRAGMA journal_mode = WAL").scalarText()?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLiteError.error, message: "cannot put \(staging) into WAL mode")
        }
        return revision
    }
}
