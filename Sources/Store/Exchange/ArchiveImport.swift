/// Writes a checked archive into the database, inside the caller's transaction.
enum ArchiveImport {
    /// The curator named on the revisions an import from the command line (or the embedded
    /// archive) writes.
    static let importCurator = "import"

    /// Writes every item of `archive` (into a database without items), each with its first
    /// revision (`create`, by `curator`) at the new data revision.
    static func write(_ archive: CheckedArchive, into db: Connection, curator: String = importCurator, summary: String? = nil) throws {
        // References may point forwards (a place's parent, an institution's successor): the
        // foreign keys are checked at COMMIT, when every row is in.
        try db.execute("PRAGMA defer_foreign_keys = ON")
        try bumpRevision(db)
        try archive.forEachItem { item in try insert(item, into: db, curator: curator, summary: summary) }
        try finish(archive, in: db)
    }

    /// One item and its first revision (after ``bumpRevision(_:)``), left out of the counts
    /// until ``finish(_:in:beforeRendering:)`` counts every item.
    static func insert(_ item: DecodedItem, into db: Connection, curator: String = importCurator, summary: String? = nil) throws {
        try ItemWriter.insert(item, into: db, counting: false)
        try RevisionLog.record(.create, ItemKey(item.type, item.id), curator: curator, summary: summary, in: db)
    }

    /// After the items: the relations, the description, the counts and every rendering. `beforeRendering`
    /// runs once every row is in (a bulk load builds its indexes there).
    static func finish(_ archive: CheckedArchive, in db: Connection, beforeRendering: () throws -> Void = {}) throws {
        for relation in archive.relations { try db.cachedStatement(relation.sql).run(relation.values) }
        if let description = archive.description { try setDescription(description, in: db) }
        try beforeRendering()
        try FacetCounts.rebuild(in: db)
        try RenderedItems.renderAll(in: db)
    }

    /// Keeps the archive's description (the import format's top-level `description`).
    static func setDescription(_ description: String, in db: Connection) throws {
        try db.cachedStatement("INSERT INTO meta (key, value) VALUES ('description', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .run([.text(description)])
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

    /// Removes every item, relation and revision (for `import --replace`, which starts a new
    /// history: the revision counter goes on, the old versions and tombstones are dropped).
    static func clear(_ db: Connection) throws {
        try db.execute("""
            PRAGMA defer_foreign_keys = ON;
            DELETE FROM relations;
            DELETE FROM search_index;
            DELETE FROM revisions;
            DELETE FROM items;
            DELETE FROM rendered_embeds;
            DELETE FROM rendered_items;
            DELETE FROM collection_counts;
            DELETE FROM facet_counts;
            """)
    }
}
