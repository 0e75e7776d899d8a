import Support

/// The façade the server and the command line use: one database file, opened as a pool of one
/// writer and a few readers (or readers only), created from the embedded archive when nothing is
/// at its path yet.
public final class Archive: Sendable {
    let pool: DatabasePool
    public let path: String

    private init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
    }

    /// How ``open(path:mode:readerCount:seedWithEmbeddedArchive:)`` treats the path.
    public enum OpenMode: Sendable, Equatable {
        /// Read and write. Where nothing exists a database is created (the schema, and the embedded
        /// archive when seeding); an existing file must be an SQLite database this process can
        /// write, in a folder it can write. Never over an empty or foreign file.
        case create
        /// Read only, for `check`, `export`, `backup` and `serve --read-only`: the database must
        /// exist; nothing is written, not even the journal mode. In a folder this process cannot
        /// write, and with no write-ahead log or hot journal holding changes not yet in the file,
        /// the readers open it `immutable=1`: that is the only way SQLite reads a WAL-mode file
        /// there (it cannot create the `-shm`), and it sees every committed change because the file
        /// holds them all. The folder being unwritable to us is also the sign that the file is
        /// media or someone else's copy; a writer there that we cannot see would make immutable
        /// reads wrong, so a folder we can write is read the ordinary way.
        case readOnly
    }

    /// Opens the database at `path` in `mode`. A database created here is filled, when
    /// `seedWithEmbeddedArchive`, with the embedded archive in one transaction, and removed again
    /// if anything fails; an existing one is reused as it is (an SQLite file with no tables gets
    /// the schema in `.create` mode; an older schema is migrated). Problems with the path are a
    /// ``DatabaseOpenError``. `maxDatabaseBytes` caps the file's size (see ``setMaxDatabaseBytes(_:)``).
    /// `readerMmapBytes` is how much of the file each reader maps (0: none; see ``DatabasePool``).
    public static func open(
        path: String, mode: OpenMode = .create, readerCount: Int = 4, seedWithEmbeddedArchive: Bool = true,
        maxDatabaseBytes: Int? = nil, readerMmapBytes: Int = 0
    ) throws -> Archive {
        let (access, missing) = try prepare(path, mode: mode)
        let created = missing ? try createWhole(path, seed: seedWithEmbeddedArchive) : false
        do {
            let pool = try DatabasePool(path: path, readerCount: readerCount, access: access, readerMmapBytes: readerMmapBytes)
            do {
                try setUp(pool, path: path, seed: false)
                if let maxDatabaseBytes { try Archive(pool: pool, path: path).setMaxDatabaseBytes(maxDatabaseBytes) }
            } catch {
                pool.close()
                throw error
            }
            return Archive(pool: pool, path: path)
        } catch {
            if created { DatabaseFile.remove(path) }
            throw error
        }
    }

    /// Checks the path against the mode; `created` is true where `.create` finds nothing (and must
    /// create the database).
    private static func prepare(_ path: String, mode: OpenMode) throws(DatabaseOpenError) -> (DatabasePool.Access, created: Bool) {
        switch DatabaseFile.inspect(path) {
        case .nothing(let folderExists):
            guard mode == .create else { throw .missing(path: path) }
            guard folderExists else { throw .missingFolder(path: path, folder: DatabaseFile.folder(of: path)) }
            return (.readWrite, true)
        case .directory: throw .directory(path: path)
        case .notRegularFile: throw .notRegularFile(path: path)
        case .unreadable(let reason): throw .unreadable(path: path, reason: reason)
        case .empty: throw .emptyFile(path: path)
        case .notSQLite: throw .notSQLite(path: path)
        case .sqlite(let file):
            switch mode {
            case .create:
                guard file.fileWritable else { throw .readOnlyFile(path: path) }
                guard file.folderWritable else { throw .readOnlyFolder(path: path, folder: DatabaseFile.folder(of: path)) }
                return (.readWrite, false)
            case .readOnly:
                if file.folderWritable { return (.readOnly(immutable: false), false) }
                if file.logHasContent && !file.hasSharedMemoryFile { throw .unreadableLog(path: path) }
                return (.readOnly(immutable: !file.logHasContent && !file.hasHotJournal), false)
            }
        }
    }

    /// Creates the missing database at `path` whole or not at all: the schema (and, when `seed`,
    /// the embedded archive) go into `<path>.creating` beside it, which takes the name `path` only
    /// once complete. A process killed meanwhile leaves no half-made database at `path` (which the
    /// next start would refuse as empty), only the staging file, which the next creation replaces.
    /// Returns false when another process put a database at `path` first (that one is opened).
    private static func createWhole(_ path: String, seed: Bool) throws -> Bool {
        let staging = path + ".creating"
        DatabaseFile.remove(staging)
        try DatabaseFile.createEmpty(staging, shownAs: path)
        do {
            let pool = try DatabasePool(path: staging, readerCount: 1)
            do {
                try setUp(pool, path: path, seed: seed)
                // Everything into the file itself: only the file is moved.
                let busy = try pool.write { try $0.prepare("PRAGMA wal_checkpoint(TRUNCATE)").scalarInt() }
                guard busy == 0 else { throw SQLiteError(code: SQLiteError.busy, message: "could not checkpoint the new database \(staging)") }
            } catch {
                pool.close()
                throw error
            }
            pool.close()
            let placed = try DatabaseFile.place(staging, at: path)
            DatabaseFile.remove(staging)
            return placed
        } catch {
            DatabaseFile.remove(staging)
            throw error
        }
    }

    /// Creates the schema (and seeds) in a writable pool; checks the schema in a read-only one.
    private static func setUp(_ pool: DatabasePool, path: String, seed: Bool) throws {
        guard !pool.isReadOnly else {
            switch try pool.read({ try Migrator.state(of: $0) }) {
            case .empty: throw DatabaseOpenError.noArchiveSchema(path: path)
            case .outdated(let version):
                throw StoreError.incompatibleDatabase(
                    "\(path) has schema version \(version): open it once without --read-only to migrate it to version \(Migrator.currentVersion)")
            case .current: return
            }
        }
        try pool.write { db in
            try db.transaction {
                switch try Migrator.state(of: db) {
                case .current: return
                case .outdated(let version): try Migrator.migrate(db, from: version); return
                case .empty: try Migrator.createSchema(in: db)
                }
                if seed {
                    try ArchiveImport.write(try ArchiveFormat.check(Array(EmbeddedResources.archive.utf8)), into: db)
                    try storeCursorSecret(in: db)
                }
            }
        }
    }

    /// Imports an archive file into the database at `path`, creating it where nothing is there:
    /// refused whole, with every problem listed, if anything in it is wrong, and then the disk is
    /// as it was (the file is checked before the database is touched; a database created here is
    /// removed again). A non-empty archive is replaced only when `replace` is true.
    /// Returns the data's revision after the import.
    public static func importArchive(_ bytes: consuming [UInt8], intoDatabaseAt path: String, replace: Bool = false) throws -> Int {
        try importArchive(.bytes(bytes), intoDatabaseAt: path, replace: replace)
    }

    /// ``importArchive(_:intoDatabaseAt:replace:)`` reading the file at `file` as a stream, in
    /// passes: memory holds one item and the file's ids, whatever the file's size.
    public static func importArchive(fileAt file: String, intoDatabaseAt path: String, replace: Bool = false) throws -> Int {
        try importArchive(.file(file), intoDatabaseAt: path, replace: replace)
    }

    private static func importArchive(_ source: ArchiveSource, intoDatabaseAt path: String, replace: Bool) throws -> Int {
        if DatabaseFile.inspect(path) == .nothing(folderExists: true) { return try BulkImport.create(source, at: path) }
        let decoded = try ArchiveFormat.check(source)
        let archive = try open(path: path, mode: .create, readerCount: 1, seedWithEmbeddedArchive: false)
        do {
            try archive.write(decoded, replace: replace)
            let revision = try archive.revision()
            archive.close()
            return revision
        } catch {
            archive.close()
            throw error
        }
    }

    /// Imports an archive file: refused whole, with every problem listed, if anything in it is wrong.
    /// A non-empty archive is replaced only when `replace` is true.
    public func importArchive(_ bytes: consuming [UInt8], replace: Bool = false) throws {
        let decoded = try ArchiveFormat.check(.bytes(bytes))
        try write(decoded, replace: replace)
    }

    /// Writes a checked archive in one transaction.
    private func write(_ decoded: CheckedArchive, replace: Bool) throws {
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
                try Self.storeCursorSecret(in: db)
            }
        }
    }

    /// Streams the whole archive in the import format to `sink`.
    public func export(to sink: (inout [UInt8]) throws -> Void) throws {
        // Short read transactions, all of one revision (see ArchiveExporter).
        try ArchiveExporter.export(from: pool, to: sink)
    }

    /// The data's revision: a counter raised by every import and write.
    public func revision() throws -> Int {
        try pool.read { db in Int(try db.cachedStatement("SELECT value FROM meta WHERE key = 'revision'").scalarInt() ?? 0) }
    }

    /// Whether any item exists, from the collection counts every write keeps in its own transaction
    /// (`check` compares them with fresh ones): one page, where the first row of `items` is a
    /// descent of its b-tree (three pages at a million items, each a disk read on a cold start), and
    /// `itemCount()` reads the whole index (which fills a reader's page cache).
    public func hasItems() throws -> Bool {
        try pool.read { db in try db.cachedStatement("SELECT EXISTS (SELECT 1 FROM collection_counts)").scalarInt() == 1 }
    }

    /// The number of items: 0 for a database with the schema and no archive in it.
    public func itemCount() throws -> Int {
        try pool.read { db in Int(try db.cachedStatement("SELECT count(*) FROM items").scalarInt() ?? 0) }
    }

    /// Closes every connection.
    public func close() { pool.close() }
}

extension Archive {
    /// The key that signs this database's pagination cursors: random, made once per database
    /// and kept in it, so cursors survive restarts and work on copies of the database. Every import
    /// and every database created from the embedded archive stores one. A read-only database
    /// without one (made by an older version) gets a random key for this process only: its
    /// cursors then stop working when the server restarts.
    public func cursorSecret() throws -> [UInt8] {
        if let hex = try pool.read({ try $0.cachedStatement("SELECT value FROM meta WHERE key = 'cursor_secret'").scalarText() }) {
            return Array(hex.utf8)
        }
        if pool.isReadOnly { return Array(Self.randomSecret().utf8) }
        try pool.write { db in try Self.storeCursorSecret(in: db) }
        return try cursorSecret()
    }

    /// Stores a new cursor secret unless the database has one.
    static func storeCursorSecret(in db: Connection) throws {
        try db.cachedStatement("INSERT OR IGNORE INTO meta (key, value) VALUES ('cursor_secret', ?)").run([.text(randomSecret())])
    }

    /// 32 random bytes in hex.
    private static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return hexString((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
