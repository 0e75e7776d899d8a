/// Creates the schema in an empty database, brings a database of an older schema version up to
/// date, and refuses one of a newer version.
public enum Migrator {
    /// The `PRAGMA user_version` that `schema.sql` sets.
    public static let currentVersion = 5

    public enum State: Sendable, Equatable {
        case empty, current
        /// An older schema that ``migrate(_:from:)`` brings up to date.
        case outdated(Int)
    }

    /// Whether the database holds nothing yet, the current schema or an older one we can migrate;
    /// throws for anything else.
    static func state(of db: Connection) throws -> State {
        let version = try db.userVersion()
        let tables = try db.cachedStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").scalarInt() ?? 0
        if version == 0 && tables == 0 { return .empty }
        if version == currentVersion { return .current }
        if (1...4).contains(version) { return .outdated(Int(version)) }
        throw StoreError.incompatibleDatabase(
            "the database has schema version \(version), this archive-server understands version \(currentVersion)")
    }

    /// Version 1 had a `revisions` table nothing wrote: it is replaced by version 2's (the
    /// history and changes feed), and every item gets its first revision, by `import`, at the
    /// database's current data revision. Places gain the meaning and the source of their
    /// coordinates (empty for the old rows). Runs inside the caller's transaction.
    static func migrate(_ db: Connection, from version: Int) throws {
        precondition((1...4).contains(version), "no migration from schema version \(version)")
        if version == 1 { try migrateFromVersion1(db) }
        // Version 3: the replication changesets (history before it has none: replicas of a
        // migrated primary start from a snapshot).
        if version <= 2 { try db.execute(changesetsTableSQL) }
        // Version 4: the stored renderings of every item.
        if version <= 3 { try RenderedItems.migrateToVersionFour(db) }
        // Version 5: the index of the date order, and the counts of the unfiltered lists.
        try db.execute(versionFiveSQL)
        try FacetCounts.rebuild(in: db)
        try db.setUserVersion(Int32(currentVersion))
    }

    /// Version 1 to 2 (see ``migrate(_:from:)``).
    private static func migrateFromVersion1(_ db: Connection) throws {
        try db.execute("DROP TABLE revisions;\n" + revisionsTableSQL)
        let placeColumns = try db.cachedStatement("SELECT name FROM pragma_table_info('places')").rows { $0.text(0) ?? "" }
        if !placeColumns.contains("coordinates_point") {
            try db.execute("""
                ALTER TABLE places ADD COLUMN coordinates_point TEXT;
                ALTER TABLE places ADD COLUMN coordinates_source_id TEXT REFERENCES sources (id);
                CREATE INDEX places_coordinates_source ON places (coordinates_source_id);
                """)
        }
        try db.execute("INSERT INTO meta (key, value) VALUES ('revision', 1) ON CONFLICT (key) DO NOTHING")
        try db.execute("INSERT INTO meta (key, value) VALUES ('last_modified', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT (key) DO NOTHING")
        let items = try db.cachedStatement("SELECT type, id FROM items ORDER BY rowid").rows { row in
            ItemKey(ItemType(rawValue: row.text(0) ?? "") ?? .document, row.text(1) ?? "")
        }
        for item in items { try RevisionLog.record(.create, item, curator: ArchiveImport.importCurator, summary: nil, in: db) }
    }

    /// What schema version 5 adds, as `schema.sql` creates it (a test compares them).
    static let versionFiveSQL = """
        CREATE INDEX IF NOT EXISTS items_type_sort_date ON items (type, coalesce(earliest, latest, 9007199254740991), coalesce(latest, 9007199254740991), id);
        CREATE TABLE IF NOT EXISTS collection_counts (
            type  TEXT PRIMARY KEY NOT NULL,
            items INTEGER NOT NULL CHECK (items > 0)
        ) STRICT;
        CREATE TABLE IF NOT EXISTS facet_counts (
            type  TEXT NOT NULL,
            facet TEXT NOT NULL,
            value ANY NOT NULL,
            items INTEGER NOT NULL CHECK (items > 0),
            PRIMARY KEY (type, facet, value)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS facet_counts_order ON facet_counts (type, facet, items DESC, value);
        """

    /// The `changesets` table of schema version 3, as `schema.sql` creates it.
    static let changesetsTableSQL = """
        CREATE TABLE IF NOT EXISTS changesets (
            revision  INTEGER PRIMARY KEY,
            changeset BLOB NOT NULL
        ) STRICT;
        """

    /// The `revisions` table of schema version 2, as `schema.sql` creates it (a test compares them).
    static let revisionsTableSQL = """
        CREATE TABLE revisions (
            sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id   TEXT NOT NULL,
            type      TEXT NOT NULL CHECK (type IN ('document', 'person', 'institution', 'event', 'place', 'source')),
            revision  INTEGER NOT NULL CHECK (revision >= 1),
            action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
            at        TEXT NOT NULL,
            curator   TEXT NOT NULL,
            summary   TEXT,
            body      TEXT,
            CHECK ((body IS NULL) = (action = 'delete')),
            UNIQUE (item_id, revision)
        ) STRICT;
        CREATE INDEX revisions_revision ON revisions (revision, sequence);
        """

    /// Runs `schema.sql` (embedded in the binary) on an empty database, inside the caller's transaction.
    static func createSchema(in db: Connection) throws {
        try db.execute(EmbeddedResources.schemaSQL)
    }
}

/// Errors of the store that are not SQLite's own.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    case incompatibleDatabase(String)
    case notEmpty(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .incompatibleDatabase(let message), .notEmpty(let message), .notFound(let message): message
        }
    }
}
