import Testing
@testable import Store
import Support

/// The renderings the writes store (`rendered_items`) are what a fresh render gives, after
/// every kind of write, and a write renders again only the items that show it.
@Suite struct RenderedItemsTests {
    @Test func embeddedArchive_StoresEveryRendering_AsAFreshRenderMakesIt() throws {
        try withEmbeddedArchive { archive in
            #expect(try archive.pool.read { try RenderedItems.problems(in: $0) } == [])
            let count = try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM rendered_items").scalarInt() }
            #expect(count == Int64(try archive.itemCount()))
        }
    }

    @Test func reindentedRenderings_EqualThePrettyWriter_ForEveryItem() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                try db.cachedStatement("SELECT type, item_id FROM rendered_items ORDER BY item_id").forEachRow { row in
                    let type = ItemType(rawValue: row.text(0) ?? "")!
                    let id = row.text(1) ?? ""
                    let view = JSONValue.object(try ItemView.full(id, type: type, in: db)!)
                    let stored = try RenderedItems.item(id, type: type, in: db)!
                    #expect(stored.body == JSONWriter.bytes(view))
                    #expect(JSONReindent.pretty(stored.body) == JSONWriter.bytes(view, pretty: true), "\(id)")
                    if type == .document, let analysis = try DatingAnalysis.analyse(documentID: id, in: db) {
                        #expect(try RenderedItems.dating(id, in: db)?.body == JSONWriter.bytes(analysis))
                    }
                }
            }
        }
    }

    @Test func aSourceRenamed_RendersItsCitersAgain_AndNothingElse() throws {
        try withMinimalArchive { (archive: Archive) throws in
            _ = try archive.create(.source, body: JSONWriter.bytes(["id": "src-two", "title": "Unrelated", "kind": "web"]), curator: "ada")
            let rendered = try archive.pool.write { db in
                try db.transaction {
                    try db.execute("UPDATE items SET label = 'A renamed source' WHERE id = 'src-one'")
                    return try RenderedItems.refresh(["src-one"], in: db)
                }
            }
            #expect(rendered == ["doc-one", "inst-one", "src-one"])
            let document = try archive.pool.read { try RenderedItems.item("doc-one", type: .document, in: $0) }
            let text = String(decoding: document?.body ?? [], as: UTF8.self)
            #expect(text.contains("A renamed source"))
        }
    }

    @Test func afterCreatePatchDeleteRestoreAndImport_CheckFindsNothing() throws {
        try withMinimalArchive { (archive: Archive) throws in
            _ = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two", extra: [("issuer", "inst-one")])), curator: "ada")
            _ = try archive.patch(.institution, id: "inst-one", mergePatch: Array(#"{"name":"A renamed commissariat"}"#.utf8), curator: "ada")
            let served = String(decoding: try servedBytes(archive, .document, "doc-two") ?? [], as: UTF8.self)
            #expect(served.contains("A renamed commissariat"))
            _ = try archive.patch(.source, id: "src-one", mergePatch: Array(#"{"title":"Retitled"}"#.utf8), curator: "ada")
            _ = try archive.delete(.document, id: "doc-two", curator: "ada")
            #expect(try archive.pool.read { try RenderedItems.item("doc-two", type: .document, in: $0) } == nil)
            _ = try archive.replace(.document, id: "doc-two", body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada")
            let file: JSONValue = [
                "format": "deportation-archive/1",
                "documents": [documentBody("doc-three", title: "Third")],
                "relations": [["from": "doc-three", "type": "refers_to", "to": "doc-one", "source_id": "src-one"]],
            ]
            _ = try archive.importItems(JSONWriter.bytes(file), curator: "ada")
            #expect(try archive.check() == [])
            for (type, id) in [(ItemType.document, "doc-one"), (.document, "doc-two"), (.document, "doc-three"), (.institution, "inst-one"), (.source, "src-one")] {
                let stored = try archive.pool.read { try RenderedItems.item(id, type: type, in: $0) }
                #expect(stored?.body == (try servedBytes(archive, type, id)), "\(id)")
            }
        }
    }
}
