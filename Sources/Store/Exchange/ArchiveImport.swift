/// Writes a checked archive into the database, inside the caller's transaction.
enum ArchiveImport {
    static func write(_ archive: CheckedArchive, into db: Connection) throws {
        // References may point forwards (a place's parent, an institution's successor): the
        // foreign keys are checked at COMMIT, when every row is in.
        try db.execute("PRAGMA defer_foreign_keys = ON")
        try archive.forEachItem { try ItemWriter.insert($0, into: db) }
        for relation in archive.relations { try db.cachedStatement(relation.sql).run(relation.values) }
        if let description = archive.description {
            try db.cachedStatement("INSERT INTO meta (key, value) VALUES ('description', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .run([.text(description)])
        }
        try bumpRevision(db)
    }

    /// Raises the data's revision and records the time of the change.
    static func bumpRevision(_ db: Connection) throws {
        try db.cachedStatement("""
            INSERT INTO meta (key, value) VALUES ('revision', 1)
            ON CONFLICT (key) DO UPDATE SET value = value + 1
            """).run()
        try db.cachedStatement("""
            INSERT INTO meta (key, value) VALUES ('last_modified', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).run()
    }

    /// Removes every item, relation and revision (for `import --replace`).
    static func clear(_ db: Connection) throws {
        try db.execute("""
            PRAGMA defer_foreign_keys = ON;
            DELETE FROM relations;
            DELETE FROM search_index;
            DELETE FROM revisions;
            DELETE FROM items;
            """)
    }
}
