import Testing
@testable import Store
import Support

@Suite struct CuratorWriteTests {
    @Test func create_ReturnsTheServedBytes_AndAnExistingIdConflicts() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let outcome = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada", summary: "new")
            #expect(outcome.item == ItemKey(.document, "doc-two"))
            #expect(outcome.action == .create)
            #expect(outcome.revision == 2)
            #expect(try archive.revision() == 2)
            #expect(outcome.body == (try servedBytes(archive, .document, "doc-two")))
            #expect(try archive.itemState(.document, id: "doc-two") == .present)
            #expect(try archive.itemState(.person, id: "doc-two") == .unknown)
            let again = archiveError { _ = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada") }
            guard case .conflict(let detail, _)? = again else { Issue.record("expected a conflict, got \(String(describing: again))"); return }
            #expect(detail.contains("doc-two"))
            #expect(try archive.revision() == 2)
        }
    }

    @Test func replace_UpdatesTheItem_AndCreatesAnUnusedId() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let outcome = try archive.replace(.document, id: "doc-one", body: JSONWriter.bytes(documentBody("doc-one", title: "Renamed")), curator: "ada")
            #expect(outcome.action == .update)
            #expect(outcome.body == (try servedBytes(archive, .document, "doc-one")))
            #expect(try storedBody(archive, "doc-one")?.objectValue?["title"] == "Renamed")
            // The id may be left out of a PUT body: the path names it.
            var withoutID = documentBody("x").objectValue!
            withoutID["id"] = nil
            let created = try archive.replace(.document, id: "doc-three", body: JSONWriter.bytes(.object(withoutID)), curator: "ada")
            #expect(created.action == .create)
            #expect(try archive.itemState(.document, id: "doc-three") == .present)
            let wrongCollection = archiveError { _ = try archive.replace(.person, id: "doc-one", body: [], curator: "ada") }
            #expect({ if case .conflict? = wrongCollection { true } else { false } }())
        }
    }

    @Test func delete_IsRefusedNamingEveryReferrer() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let error = archiveError { _ = try archive.delete(.source, id: "src-one", curator: "ada") }
            guard case .conflict(let detail, let referrers)? = error else { Issue.record("expected a conflict"); return }
            #expect(referrers == [ItemKey(.document, "doc-one"), ItemKey(.institution, "inst-one")])
            #expect(detail.contains("document 'doc-one'") && detail.contains("institution 'inst-one'"))
            #expect(try archive.itemState(.source, id: "src-one") == .present)
        }
    }

    @Test func delete_ThenGone_ThenRestoredByPut() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let before = try storedBody(archive, "doc-one")
            let deleted = try archive.delete(.document, id: "doc-one", curator: "ada", summary: "duplicate")
            #expect(deleted.action == .delete && deleted.body == nil)
            #expect(try archive.itemState(.document, id: "doc-one") == .deleted(revision: deleted.revision))
            #expect(try servedBytes(archive, .document, "doc-one") == nil)
            let exported = try JSONParser.parse(exportBytes(archive))
            #expect(exported.objectValue?["documents"]?.arrayValue?.isEmpty == true)
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM search_index").scalarInt() } == 2)
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM timeline_entries WHERE subject_id = 'doc-one'").scalarInt() } == 0)
            #expect(archiveError { _ = try archive.delete(.document, id: "doc-one", curator: "ada") } == .gone(revision: deleted.revision))
            #expect(archiveError { _ = try archive.patch(.document, id: "doc-one", mergePatch: Array("{}".utf8), curator: "ada") } == .gone(revision: deleted.revision))
            let created = archiveError { _ = try archive.create(.document, body: JSONWriter.bytes(before!), curator: "ada") }
            #expect({ if case .conflict? = created { true } else { false } }())
            let restored = try archive.replace(.document, id: "doc-one", body: JSONWriter.bytes(before!), curator: "ada")
            #expect(restored.action == .restore)
            #expect(try storedBody(archive, "doc-one") == before)
            #expect(try archive.check() == [])
        }
    }

    @Test func patch_MergesIntoTheImportFormat() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let patch: JSONValue = ["title": "Patched", "stated_date": nil, "alternative_titles": ["One", "Two"], "edit_summary": "tidy"]
            let outcome = try archive.patch(.document, id: "doc-one", mergePatch: JSONWriter.bytes(patch), curator: "ada")
            #expect(outcome.action == .update)
            let body = try storedBody(archive, "doc-one")?.objectValue
            #expect(body?["title"] == "Patched")
            #expect(body?["stated_date"] == .null)
            #expect(body?["alternative_titles"] == ["One", "Two"])
            #expect(body?["issuer"] == "inst-one")
            #expect(body?["edit_summary"] == nil)
            #expect(try archive.revisions(of: .document, id: "doc-one", limit: 1).revisions.first?.summary == "tidy")
            let replacedArray = try archive.patch(.document, id: "doc-one", mergePatch: JSONWriter.bytes(["alternative_titles": ["Three"]]), curator: "ada")
            #expect(replacedArray.revision == outcome.revision + 1)
            #expect(try storedBody(archive, "doc-one")?.objectValue?["alternative_titles"] == ["Three"])
            #expect(archiveError { _ = try archive.patch(.document, id: "nope", mergePatch: Array("{}".utf8), curator: "ada") } == .notFound)
        }
    }

    @Test func precondition_SeesTheServedBytes_AndRefusalChangesNothing() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let served = try servedBytes(archive, .document, "doc-one")
            var seen: [UInt8]?? = .none
            let body = JSONWriter.bytes(documentBody("doc-one", title: "X"))
            #expect(archiveError { _ = try archive.replace(.document, id: "doc-one", body: body, curator: "ada") { seen = .some($0); return false } } == .preconditionFailed)
            #expect(seen == .some(served))
            #expect(try archive.revision() == 1)
            // A missing item is nil to the precondition (If-Match: * fails there).
            #expect(archiveError { _ = try archive.replace(.document, id: "doc-new", body: body, curator: "ada") { $0 != nil } } == .preconditionFailed)
        }
    }

    @Test func summaryParameter_WinsOverTheBodysEditSummary() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let body = JSONWriter.bytes(documentBody("doc-two", extra: [("edit_summary", "from the body")]))
            _ = try archive.create(.document, body: body, curator: "ada")
            #expect(try archive.revisions(of: .document, id: "doc-two", limit: 5).revisions.first?.summary == "from the body")
            _ = try archive.replace(.document, id: "doc-two", body: body, curator: "ada", summary: "from the header")
            #expect(try archive.revisions(of: .document, id: "doc-two", limit: 5).revisions.first?.summary == "from the header")
        }
    }

    @Test func selfReference_IsAccepted_OnCreate() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let body: JSONValue = ["id": "inst-two", "name": "Successor of itself", "kind": "commissariat", "summary": "s",
                                   "predecessor": "inst-two", "source_ids": ["src-one"]]
            #expect(try archive.create(.institution, body: JSONWriter.bytes(body), curator: "ada").action == .create)
        }
    }

    @Test func writes_KeepCheckPassing() throws {
        try withMinimalArchive { (archive: Archive) throws in
            _ = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada")
            _ = try archive.patch(.document, id: "doc-two", mergePatch: Array(#"{"title":"T"}"#.utf8), curator: "ada")
            _ = try archive.delete(.document, id: "doc-two", curator: "ada")
            #expect(try archive.check() == [])
            try archive.pool.write { db in try db.execute("DELETE FROM revisions WHERE item_id = 'doc-one'") }
            #expect(try archive.check().contains { $0.contains("doc-one") && $0.contains("no revision") })
        }
    }
}
