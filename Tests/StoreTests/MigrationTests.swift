import Testing
@testable import Store
import Support

@Suite struct MigrationTests {
    /// A database of schema version 1 (whose revisions table nothing wrote) opens as version 2,
    /// with the history table of a new database and a first revision for every item.
    @Test func versionOneDatabase_IsMigrated_WithARevisionPerItem() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            let fresh = try Archive.open(path: path, readerCount: 1, seedWithEmbeddedArchive: false)
            try fresh.importArchive(JSONWriter.bytes(minimalArchive()))
            let expectedColumns = try revisionColumns(fresh)
            try fresh.pool.write { db in
                try db.execute("""
                    DROP TABLE revisions;
                    CREATE TABLE revisions (item_id TEXT NOT NULL, number INTEGER NOT NULL, type TEXT NOT NULL, action TEXT NOT NULL,
                        at TEXT NOT NULL, body TEXT, archive_revision INTEGER NOT NULL, PRIMARY KEY (item_id, number)) STRICT;
                    PRAGMA user_version = 1;
                    """)
            }
            fresh.close()

            let migrated = try Archive.open(path: path, readerCount: 1)
            defer { migrated.close() }
            #expect(try migrated.pool.read { try $0.userVersion() } == Migrator.currentVersion)
            #expect(try revisionColumns(migrated) == expectedColumns)
            let changes = try migrated.changes(since: 0, limit: 10).changes
            #expect(Set(changes.map(\.item.id)) == ["doc-one", "inst-one", "src-one"])
            #expect(changes.allSatisfy { $0.action == .create && $0.curator == "import" })
            #expect(try migrated.check() == [])
        }
    }

    private func revisionColumns(_ archive: Archive) throws -> [String] {
        try archive.pool.read { db in
            try db.cachedStatement("SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('revisions')").rows { $0.text(0) ?? "" }
                + db.cachedStatement("SELECT name || ' ' || \"unique\" FROM pragma_index_list('revisions') ORDER BY name").rows { $0.text(0) ?? "" }
        }
    }
}
