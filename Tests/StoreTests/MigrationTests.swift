import FoundationEssentials
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

@Suite struct MigrationToVersionFiveTests {
    private static func schema(_ archive: Archive) throws -> [String] {
        try archive.pool.read { db in
            try db.cachedStatement("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name").rows { $0.text(0) ?? "" }
        }
    }

    /// A database of schema version 4 (no date-order index, no stored counts) opens as version
    /// 5 with the schema of a new database and the counts of its rows.
    @Test func versionFourDatabase_GainsTheIndexAndTheCounts() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/four.sqlite"
            let fresh = try Archive.open(path: path, readerCount: 1)
            let expected = try Self.schema(fresh)
            let facets = try fresh.pool.read { db in try Collections.facets(CollectionQuery(type: .document), names: ["kind", "issuer", "year"], in: db) }
            try fresh.pool.write { db in
                try db.execute("""
                    DROP INDEX items_type_sort_date;
                    DROP TABLE collection_counts;
                    DROP TABLE facet_counts;
                    PRAGMA user_version = 4;
                    """)
            }
            fresh.close()

            let migrated = try Archive.open(path: path, readerCount: 1)
            defer { migrated.close() }
            #expect(try migrated.pool.read { try $0.userVersion() } == 5)
            #expect(try Self.schema(migrated) == expected)
            #expect(try migrated.pool.read { db in try Collections.facets(CollectionQuery(type: .document), names: ["kind", "issuer", "year"], in: db) } == facets)
            #expect(try migrated.check() == [])
        }
    }

    /// `archive-server import` drops the secondary indexes for the load and builds them again:
    /// its database has the schema of a new one, and its counts.
    @Test func bulkImport_HasTheSchemaOfANewDatabase() throws {
        try withTemporaryDirectory { directory in
            let fresh = try Archive.open(path: directory + "/fresh.sqlite", readerCount: 1)
            let expected = try Self.schema(fresh)
            fresh.close()
            let file = directory + "/archive.json"
            try Data(EmbeddedResources.archive.utf8).write(to: URL(fileURLWithPath: file))
            _ = try Archive.importArchive(fileAt: file, intoDatabaseAt: directory + "/bulk.sqlite")
            let bulk = try Archive.open(path: directory + "/bulk.sqlite", readerCount: 1)
            defer { bulk.close() }
            #expect(try Self.schema(bulk) == expected)
            #expect(try bulk.check() == [])
        }
    }
}
