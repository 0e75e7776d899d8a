import Testing
@testable import Store
import Support

@Suite struct BatchImportTests {
    @Test func subset_CreatesAndReplaces_InOneRevision_ReferencingTheDatabase() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let file: JSONValue = [
                "format": "deportation-archive/1",
                "documents": [documentBody("doc-one", title: "Replaced"), documentBody("doc-two", extra: [("issuer", "inst-one")])],
                "relations": [["from": "doc-two", "to": "doc-one", "type": "confused_with", "source_id": "src-one"]],
            ]
            let outcome = try archive.importItems(JSONWriter.bytes(file), curator: "ada", summary: "batch")
            #expect(outcome.revision == 2)
            #expect(outcome.items == [ImportedItem(key: ItemKey(.document, "doc-one"), action: .update),
                                      ImportedItem(key: ItemKey(.document, "doc-two"), action: .create)])
            #expect(outcome.relations == 1)
            #expect(try storedBody(archive, "doc-one")?.objectValue?["title"] == "Replaced")
            #expect(try archive.changes(since: 1, limit: 10).changes.map(\.curator) == ["ada", "ada"])
            // The same relation again updates it instead of repeating it.
            _ = try archive.importItems(JSONWriter.bytes(file), curator: "ada")
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM relations").scalarInt() } == 1)
            #expect(try archive.check() == [])
        }
    }

    @Test func fileWithProblems_WritesNothing_AndListsEveryProblem() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let file: JSONValue = [
                "format": "deportation-archive/1",
                "documents": [documentBody("doc-two", extra: [("issuer", "nowhere")]), documentBody("inst-one")],
            ]
            let found = problems { _ = try archive.importItems(JSONWriter.bytes(file), curator: "ada") } ?? []
            #expect(Set(found.map(\.pointer)) == ["/documents/0/issuer", "/documents/1/id"])
            #expect(try archive.revision() == 1)
            #expect(try archive.itemState(.document, id: "doc-two") == .unknown)
        }
    }
}
