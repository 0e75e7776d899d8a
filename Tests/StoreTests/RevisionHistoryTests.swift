import Testing
@testable import Store
import Support

@Suite struct RevisionHistoryTests {
    @Test func importWritesRevisionOne_ByImport() throws {
        try withEmbeddedArchive { archive in
            let items = try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM items").scalarInt() } ?? 0
            let page = try archive.changes(since: 0, limit: 10_000)
            #expect(page.changes.count == Int(items))
            #expect(page.changes.allSatisfy { $0.revision == 1 && $0.action == .create && $0.curator == "import" })
            #expect(try archive.check() == [])
        }
    }

    @Test func revisions_NewestFirst_KeysetPaged_WithBodiesAndDiffs() throws {
        try withMinimalArchive { (archive: Archive) throws in
            for title in ["B", "C", "D"] {
                _ = try archive.patch(.document, id: "doc-one", mergePatch: JSONWriter.bytes(["title": .string(title)]), curator: "ada", summary: title)
            }
            _ = try archive.delete(.document, id: "doc-one", curator: "bo")
            var seen: [RevisionEntry] = []
            var before: Int?
            repeat {
                let page = try archive.revisions(of: .document, id: "doc-one", limit: 2, before: before)
                seen += page.revisions
                before = page.nextBefore
            } while before != nil
            #expect(seen.map(\.revision) == [5, 4, 3, 2, 1])
            #expect(seen.map(\.action) == [.delete, .update, .update, .update, .create])
            #expect(seen.map(\.curator) == ["bo", "ada", "ada", "ada", "import"])
            #expect(seen[1].summary == "D")
            #expect(seen.allSatisfy { $0.time.utf8.count == 20 && $0.time.hasSuffix("Z") })

            var previous: JSONValue?
            for revision in 1...5 {
                let detail = try archive.revision(revision, of: .document, id: "doc-one")
                let rebuilt = previous.map { applyJSONPatch(detail.diff, to: $0) } ?? applyJSONPatch(detail.diff, to: .null)
                #expect(rebuilt == (detail.body ?? .null), "revision \(revision)")
                previous = detail.body
            }
            #expect(try archive.revision(4, of: .document, id: "doc-one").diff == [["op": "replace", "path": "/title", "value": "D"]])
            #expect(try archive.revision(5, of: .document, id: "doc-one").body == nil)
            #expect(archiveError { _ = try archive.revision(9, of: .document, id: "doc-one") } == .notFound)
            #expect(archiveError { _ = try archive.revisions(of: .person, id: "doc-one", limit: 5) } == .notFound)
            // Restoring is a PUT of an old version's body.
            let old = try #require(try archive.revision(2, of: .document, id: "doc-one").body)
            #expect(try archive.replace(.document, id: "doc-one", body: JSONWriter.bytes(old), curator: "ada").action == .restore)
            #expect(try storedBody(archive, "doc-one") == old)
        }
    }

    @Test func changes_InOrder_PagedBySequence_AndSinceInTheFutureIsRefused() throws {
        try withMinimalArchive { (archive: Archive) throws in
            _ = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada")
            _ = try archive.delete(.document, id: "doc-two", curator: "bo", summary: "mistake")
            var all: [Change] = []
            var after: Int64?
            repeat {
                let page = try archive.changes(since: 0, after: after, limit: 2)
                all += page.changes
                after = page.nextAfter
            } while after != nil
            #expect(all.map(\.revision) == [1, 1, 1, 2, 3])
            #expect(all.map(\.sequence) == all.map(\.sequence).sorted())
            #expect(Set(all.prefix(3).map(\.item.id)) == ["doc-one", "inst-one", "src-one"])
            #expect(all.last == Change(sequence: all.last!.sequence, revision: 3, time: all.last!.time, action: .delete,
                                       item: ItemKey(.document, "doc-two"), curator: "bo", summary: "mistake"))
            #expect(try archive.changes(since: 2, limit: 10).changes.map(\.action) == [.delete])
            #expect(try archive.changes(since: 3, limit: 10).changes.isEmpty)
            #expect(archiveError { _ = try archive.changes(since: 4, limit: 10) } == .sinceInFuture(requested: 4, current: 3))
        }
    }
}
