/// The façade the server and the command line use: one database file, opened as a pool of one
/// writer and a few readers, created from the embedded archive when it does not exist yet.
public final class Archive: Sendable {
    public let pool: DatabasePool
    public let path: String

    private init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
    }

    /// Opens the database at `path`. An empty (or missing) database is created from `schema.sql`
    /// and filled with the embedded archive in one transaction; an existing one is reused as it is
    /// (migrated first when its schema is older).
    /// `maxDatabaseBytes` caps the file's size (see ``setMaxDatabaseBytes(_:)``).
    public static func open(
        path: String, readerCount: Int = 4, seedWithEmbeddedArchive: Bool = true, maxDatabaseBytes: Int? = nil
    ) throws -> Archive {
        let pool = try DatabasePool(path: path, readerCount: readerCount)
        let archive = Archive(pool: pool, path: path)
        do {
            if let maxDatabaseBytes { try archive.setMaxDatabaseBytes(maxDatabaseBytes) }
            try pool.write { db in
                try db.transaction {
                    switch try Migrator.state(of: db) {
                    case .current: return
                    case .outdated(let version): try Migrator.migrate(db, from: version); return
                    case .empty: try Migrator.createSchema(in: db)
                    }
                    if seedWithEmbeddedArchive {
                        try ArchiveImport.write(try ArchiveFormat.check(Array(EmbeddedResources.archive.utf8)), into: db)
                    }
                }
            }
        } catch {
            pool.close()
            throw error
        }
        return archive
    }

    /// Imports an archive file: refused whole, with every problem listed, if anything in it is wrong.
    /// A non-empty archive is replaced only when `replace` is true.
    public func importArchive(_ bytes: consuming [UInt8], replace: Bool = false) throws {
        let decoded = try ArchiveFormat.check(bytes)
        _ = consume bytes  // the parsed tree is all that is needed from here on
        try pool.write { db in
            try db.transaction {
                let count = try db.cachedStatement("SELECT count(*) FROM items").scalarInt() ?? 0
                if count > 0 {
                    guard replace else {
                        throw StoreError.notEmpty("the database already holds \(count) items; use --replace to replace them")
                    }
                    try ArchiveImport.clear(db)
                }
                try ArchiveImport.write(decoded, into: db)
            }
        }
    }

    /// Streams the whole archive in the import format to `sink`.
    public func export(to sink: (inout [UInt8]) throws -> Void) throws {
        try pool.read { db in
            // read {} is one read transaction: the export is a snapshot even while curators write.
            let description = try db.cachedStatement("SELECT value FROM meta WHERE key = 'description'").scalarText()
            try ArchiveExporter.export(from: db, description: description, to: sink)
        }
    }

    /// The data's revision: a counter raised by every import and write.
    public func revision() throws -> Int {
        try pool.read { db in Int(try db.cachedStatement("SELECT value FROM meta WHERE key = 'revision'").scalarInt() ?? 0) }
    }

    /// Closes every connection.
    public func close() { pool.close() }
}

extension Archive {
    /// The key that signs this database's pagination cursors: random, made once per database
    /// and kept in it, so cursors survive restarts and work on copies of the database.
    public func cursorSecret() throws -> [UInt8] {
        if let hex = try pool.read({ try $0.cachedStatement("SELECT value FROM meta WHERE key = 'cursor_secret'").scalarText() }) {
            return Array(hex.utf8)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = hexString((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try pool.write { db in
            try db.cachedStatement("INSERT OR IGNORE INTO meta (key, value) VALUES ('cursor_secret', ?)").run([.text(secret)])
        }
        return try cursorSecret()
    }
}
