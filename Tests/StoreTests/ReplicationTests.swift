import Testing
@testable import Store
import Support

@Suite struct ReplicationTests {
    @Test func theLinkedSQLite_HasTheSessionExtension() {
        #expect(Connection.hasSessionExtension)
    }

    /// What applying a changeset names for the cache: the items whose stored renderings the
    /// primary's write changed (the new item among them), nothing it did not render.
    @Test func applying_NamesTheItemsWhoseRenderingsChanged() throws {
        try withPrimaryAndReplica { primary, replica, start in
            let source = try primary.pool.read { try $0.cachedStatement("SELECT id FROM sources ORDER BY id LIMIT 1").scalarText() }!
            let body = JSONWriter.bytes(documentBody("named-order", title: "Named order", extra: [("source_ids", .array([.string(source)]))]))
            let outcome = try primary.create(.document, body: body, curator: "ada")
            let page = try primary.changesets(after: start, limit: 10, maxBytes: 1 << 20)
            let named = try replica.apply(page.changesets[0])
            #expect(named.contains("named-order"))
            #expect(Set(named).isSubset(of: Set(outcome.rendered)))
        }
    }

    /// A snapshot plus every changeset after it, applied in order, gives a copy that serves the
    /// same bytes as the primary: items, search (FTS5 shadow tables travel in the changesets),
    /// the timeline, the history and the data's revision and last change.
    @Test func snapshotThenChangesets_GiveAnIdenticalCopy() throws {
        try withPrimaryAndReplica { primary, replica, start in
            #expect(start == (try primary.revision()))

            let source = try primary.pool.read { try $0.cachedStatement("SELECT id FROM sources ORDER BY id LIMIT 1").scalarText() }!
            func body(_ title: String) -> [UInt8] {
                JSONWriter.bytes(documentBody("replicated-order", title: title, extra: [("source_ids", .array([.string(source)]))]))
            }
            _ = try primary.create(.document, body: body("Replicated Siauliai order"), curator: "ada")
            _ = try primary.patch(.document, id: "replicated-order", mergePatch: Array(#"{"title": "Patched Siauliai order"}"#.utf8), curator: "ada")
            let anyPlace = try primary.pool.read { try $0.cachedStatement("SELECT id FROM items WHERE type = 'document' ORDER BY id LIMIT 1").scalarText() }!
            _ = try primary.delete(.document, id: "replicated-order", curator: "ada")
            _ = try primary.replace(.document, id: "replicated-order", body: body("Restored"), curator: "ada")

            let page = try primary.changesets(after: start, limit: 100, maxBytes: 1 << 20)
            #expect(page.revision == start + 4)
            #expect(page.changesets.map(\.revision) == Array((start + 1)...(start + 4)))
            for changeset in page.changesets { try replica.apply(changeset) }

            #expect(try replica.revision() == (try primary.revision()))
            #expect(try exportBytes(replica) == (try exportBytes(primary)))
            for id in ["replicated-order", anyPlace] {
                #expect(try servedBytes(replica, .document, id) == (try servedBytes(primary, .document, id)))
            }
            #expect(try searchIDs(replica, "restored") == ["replicated-order"])
            #expect(try searchIDs(replica, "siauliai") == (try searchIDs(primary, "siauliai")))
            #expect(try state(replica) == (try state(primary)))
            #expect(try renderings(replica) == (try renderings(primary)))
            #expect(try searchRows(replica) == (try searchRows(primary)))
            #expect(try replica.pool.read { try $0.cachedStatement("PRAGMA integrity_check").scalarText() } == "ok")
            // The stored counts travel in the changesets like any other row.
            func counts(_ archive: Archive) throws -> [String] {
                try archive.pool.read { db in
                    try db.cachedStatement("SELECT type, facet, value, items FROM facet_counts UNION ALL SELECT type, '', '', items FROM collection_counts ORDER BY 1, 2, 3")
                        .rows { row in (0..<4).map { "\(row.value($0))" }.joined(separator: " ") }
                }
            }
            #expect(try counts(replica) == (try counts(primary)))
            #expect(try replica.pool.read { try FacetCounts.problems(in: $0) } == [])
            // FTS5's own check of its index against its content.
            try replica.pool.write { try $0.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')") }
        }
    }

    /// `POST /v1/import` of the whole archive again (every document's summary changed, one
    /// relation's note): its changeset holds no stored renderings, which the primary rendered
    /// again by the thousand, and the replica that applies it makes them itself: the same rows
    /// as the primary's, which `check` finds as a fresh rendering would make them.
    @Test func anImportsChangeset_HoldsNoRenderings_AndTheReplicaRendersWhatThePrimaryDid() throws {
        try withPrimaryAndReplica { primary, replica, start in

            guard case .object(var file) = try JSONParser.parse(try exportBytes(primary)),
                  let documents = file["documents"]?.arrayValue, var relations = file["relations"]?.arrayValue,
                  case .object(var relation)? = relations.first else {
                Issue.record("the export has no documents or relations")
                return
            }
            file["documents"] = .array(documents.map { document in
                guard case .object(var members) = document else { return document }
                members["summary"] = .string((members["summary"]?.stringValue ?? "") + " Revised.")
                return .object(members)
            })
            relation["note"] = "A note the batch changed."
            relations[0] = .object(relation)
            file["relations"] = .array(relations)
            let outcome = try primary.importItems(JSONWriter.bytes(.object(file)), curator: "ada")

            let changeset = try #require(try primary.changesets(after: start, limit: 10, maxBytes: 1 << 30).changesets.first)
            #expect(changeset.revision == start + 1)
            #expect(try changeCount(in: changeset, of: RenderedItems.derivedTables + SearchIndexChanges.indexTables) == 0)
            #expect(try changeCount(in: changeset, of: ["documents"]) == documents.count)
            #expect(try changeCount(in: changeset, of: [SearchIndexChanges.contentTable]) >= documents.count)

            let rendered = try replica.apply(changeset)
            #expect(rendered.count > documents.count)
            #expect(Set(rendered).isSubset(of: Set(outcome.rendered)))
            #expect(try renderings(replica) == (try renderings(primary)))
            #expect(try searchRows(replica) == (try searchRows(primary)))
            #expect(try replica.check() == [])
            #expect(try exportBytes(replica) == (try exportBytes(primary)))
            let revised = try searchIDs(primary, "revised")
            #expect(revised.count == min(documents.count, 50))
            #expect(try searchIDs(replica, "revised") == revised)
            #expect(try searchIDs(replica, "siauliai") == (try searchIDs(primary, "siauliai")))
            try replica.pool.write { try $0.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')") }
        }
    }

    /// A changeset of an older primary, which recorded every table (the renderings and FTS5's
    /// index segments too), applies on a replica of this version as one of this version does.
    @Test func anOlderPrimarysChangeset_WithTheDerivedTables_AppliesAsWell() throws {
        try withPrimaryAndReplica { primary, replica, start in
            let source = try primary.pool.read { try $0.cachedStatement("SELECT id FROM sources ORDER BY id LIMIT 1").scalarText() }!
            let body = JSONWriter.bytes(documentBody("older-order", title: "An order of the older primary", extra: [("source_ids", .array([.string(source)]))]))
            // What `create` did before: the same rows, recorded with nothing left out but `changesets`.
            try primary.pool.write { db in
                try db.transaction {
                    try db.capturingChanges(excluding: ["changesets"], {
                        let item = try ItemBody.parse(body).decode(as: .document, pathID: nil, in: db)
                        try db.execute("PRAGMA defer_foreign_keys = ON")
                        try ItemWriter.insert(item, into: db)
                        try ArchiveImport.bumpRevision(db)
                        try RevisionLog.record(.create, ItemKey(.document, item.id), curator: "ada", summary: nil, in: db)
                        try RenderedItems.refresh([item.id], in: db)
                    }) { changes in
                        let revision = Int64(try ArchiveState.read(db).revision)
                        try db.cachedStatement("INSERT INTO changesets (revision, changeset) VALUES (?, zeroblob(?))").run([.integer(revision), .integer(Int64(changes.length))])
                        try changes.write(into: "changesets", column: "changeset", rowid: revision)
                    }
                }
            }
            let changeset = try #require(try primary.changesets(after: start, limit: 10, maxBytes: 1 << 30).changesets.first)
            #expect(try changeCount(in: changeset, of: ["rendered_items", "search_index_data"]) > 0)

            let rendered = try replica.apply(changeset)
            #expect(rendered.contains("older-order"))
            #expect(try renderings(replica) == (try renderings(primary)))
            #expect(try searchRows(replica) == (try searchRows(primary)))
            let found = try searchIDs(primary, "older")
            #expect(found.contains("older-order"))
            #expect(try searchIDs(replica, "older") == found)
            #expect(try replica.check() == [])
            try replica.pool.write { try $0.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')") }
        }
    }

    @Test func aChangesetOutOfOrder_OrOnADifferentCopy_IsRefusedAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let primary = try Archive.open(path: directory + "/primary.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { primary.close() }
            try primary.importArchive(JSONWriter.bytes(minimalArchive()))
            let start = try primary.snapshot(to: directory + "/replica.sqlite")
            let replica = try Archive.open(path: directory + "/replica.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { replica.close() }
            _ = try primary.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada")
            _ = try primary.patch(.document, id: "doc-two", mergePatch: Array(#"{"title": "Two"}"#.utf8), curator: "ada")
            let changesets = try primary.changesets(after: start, limit: 10, maxBytes: 1 << 20).changesets
            #expect(throws: ReplicationError.gap(revision: start, next: start + 2)) { try replica.apply(changesets[1]) }
            // The replica diverges (a write of its own): the first changeset no longer fits.
            try replica.pool.write { db in try db.execute("DELETE FROM meta WHERE key = 'description'; UPDATE items SET label = 'x' WHERE id = 'doc-one'") }
            _ = try primary.patch(.document, id: "doc-one", mergePatch: Array(#"{"title": "One"}"#.utf8), curator: "ada")
            try replica.apply(changesets[0])
            try replica.apply(changesets[1])
            let third = try primary.changesets(after: start + 2, limit: 10, maxBytes: 1 << 20).changesets[0]
            #expect(throws: ReplicationError.self) { try replica.apply(third) }
            #expect(try replica.revision() == start + 2)
        }
    }

    /// A primary with the embedded archive and a replica opened on its snapshot, and the
    /// revision the snapshot holds.
    private func withPrimaryAndReplica(_ body: (Archive, Archive, Int) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let primary = try Archive.open(path: directory + "/primary.sqlite", readerCount: 2)
            defer { primary.close() }
            let start = try primary.snapshot(to: directory + "/snapshot.sqlite")
            let replica = try Archive.open(path: directory + "/snapshot.sqlite", readerCount: 2, seedWithEmbeddedArchive: false)
            defer { replica.close() }
            try body(primary, replica, start)
        }
    }

    private func searchIDs(_ archive: Archive, _ text: String) throws -> [String] {
        try archive.pool.read { db in
            try Search.search(text, types: nil, limit: 50, after: nil, in: db).items.compactMap { $0.objectValue?["id"]?.stringValue }
        }
    }

    /// How many rows of `tables` the changeset inserts, updates or deletes.
    private func changeCount(in changeset: Changeset, of tables: [String]) throws -> Int {
        var count = 0
        try Connection.forEachChange(in: changeset.bytes, tables: Set(tables)) { _ in count += 1 }
        return count
    }

    /// The search index's rows (rowid and text) and what FTS5 knows of each (its token count).
    private func searchRows(_ archive: Archive) throws -> [[String]] {
        try archive.pool.read { db in
            try db.cachedStatement("SELECT rowid, label, names, body, (SELECT sz FROM search_index_docsize d WHERE d.id = s.rowid) FROM search_index s ORDER BY rowid")
                .rows { row in (0..<5).map { row.text($0) ?? "NULL" } }
        }
    }

    /// Every stored rendering and reverse-index entry, row by row.
    private func renderings(_ archive: Archive) throws -> [[String]] {
        try archive.pool.read { db in
            try db.cachedStatement("SELECT item_id, type, hex(body), etag, hex(dating), dating_etag, embeds FROM rendered_items ORDER BY item_id")
                .rows { row in (0..<7).map { row.text($0) ?? "NULL" } }
                + db.cachedStatement("SELECT embedded_id, item_id FROM rendered_embeds ORDER BY 1, 2").rows { row in [row.text(0) ?? "", row.text(1) ?? ""] }
        }
    }

    private func state(_ archive: Archive) throws -> ArchiveState {
        try archive.pool.read { try ArchiveState.read($0) }
    }
}
