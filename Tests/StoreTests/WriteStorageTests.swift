import Testing
@testable import Store
import Support

@Suite struct WriteStorageTests {
    /// The database capped a few pages above its size and filled by writes: the refused write is
    /// `full`, reads go on, nothing is corrupted, and once the cap is lifted writes work again.
    @Test func fullDatabase_RefusesTheWrite_KeepsItIntact_AndRecovers() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let (pages, pageSize) = try archive.pool.read { db in
                (Int(try db.cachedStatement("PRAGMA page_count").scalarInt() ?? 0), Int(try db.cachedStatement("PRAGMA page_size").scalarInt() ?? 0))
            }
            // Room for a few writes: each also stores its rendering and its replication changeset.
            try archive.setMaxDatabaseBytes((pages + 64) * pageSize)
            let filler = String(repeating: "deportation ", count: 400)
            var written = 0
            var failure: ArchiveError?
            while failure == nil && written < 500 {
                let body = JSONWriter.bytes(documentBody("doc-fill-\(written)", extra: [("notes", .string(filler))]))
                failure = archiveError { _ = try archive.create(.document, body: body, curator: "ada") }
                if failure == nil { written += 1 }
            }
            #expect(failure == .full)
            #expect(written > 0)
            let revision = try archive.revision()
            #expect(revision == 1 + written)
            #expect(try archive.itemState(.document, id: "doc-fill-\(written)") == .unknown)
            #expect(try archive.pool.read { try $0.cachedStatement("PRAGMA integrity_check").scalarText() } == "ok")
            #expect(try archive.check() == [])
            try archive.setMaxDatabaseBytes(nil)
            let after = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-after")), curator: "ada")
            #expect(after.revision == revision + 1)
        }
    }

    /// Every foreign key of the schema that points at an item is one `Referrers` knows, so that a
    /// delete can never be refused by SQLite without naming the referrer.
    @Test func referrerColumns_CoverEveryForeignKeyToAnItem() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let foreignKeys = try archive.pool.read { db in
                try db.cachedStatement("""
                    SELECT m.name, f."from", f.on_delete FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                    WHERE m.type = 'table' AND f."table" IN ('items', 'sources', 'places', 'institutions', 'persons', 'documents', 'events')
                    """).rows { row in (row.text(0) ?? "", row.text(1) ?? "", row.text(2) ?? "") }
            }
            #expect(!foreignKeys.isEmpty)
            let known = Set(Referrers.columns.map { "\($0.table).\($0.reference)" })
            for (table, column, onDelete) in foreignKeys where onDelete != "CASCADE" {
                #expect(known.contains("\(table).\(column)"), "\(table).\(column) is not in Referrers.columns")
            }
        }
    }
}
