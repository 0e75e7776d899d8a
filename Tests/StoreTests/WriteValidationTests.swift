import Testing
@testable import Store
import Support

@Suite struct WriteValidationTests {
    @Test func brokenJSON_NamesTheByteOffset() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let found = problems { _ = try archive.create(.document, body: Array(#"{"id": "x",}"#.utf8), curator: "ada") }
            #expect(found?.count == 1)
            #expect(found?.first?.pointer == "")
            #expect(found?.first?.detail.contains("at byte 11") == true)
        }
    }

    @Test func everyProblemKind_IsListedWithItsPointer_InOnePass() throws {
        let body: JSONValue = [
            "id": "Not A Slug", "title": "Broken", "kind": "order", "undated": "no", "date": ["edtf": "1941-13-01"],
            "issuer": "nowhere", "summary": "x", "source_ids": [], "colour": "red", "edit_summary": 7,
            "relations": [],
        ]
        try withMinimalArchive { (archive: Archive) throws in
            let found = problems { _ = try archive.create(.document, body: JSONWriter.bytes(body), curator: "ada") } ?? []
            let byPointer = Dictionary(found.map { ($0.pointer, $0.detail) }, uniquingKeysWith: { $0 + "; " + $1 })
            #expect(byPointer["/id"]?.contains("slug") == true)
            #expect(byPointer["/undated"]?.contains("found a string") == true)
            #expect(byPointer["/date/edtf"]?.contains("month") == true)
            #expect(byPointer["/issuer"]?.contains("nowhere") == true)
            #expect(byPointer["/source_ids"]?.contains("at least one source") == true)
            #expect(byPointer["/colour"]?.contains("not a known field") == true)
            #expect(byPointer["/edit_summary"]?.contains("string") == true)
            #expect(byPointer["/relations"]?.contains("import") == true)
            #expect(try archive.revision() == 1)
        }
    }

    @Test func missingSourceIDs_AndAnIdThatDiffersFromThePath() throws {
        try withMinimalArchive { (archive: Archive) throws in
            var body = documentBody("doc-other").objectValue!
            body["source_ids"] = nil
            let found = problems { _ = try archive.replace(.document, id: "doc-one", body: JSONWriter.bytes(.object(body)), curator: "ada") } ?? []
            #expect(Set(found.map(\.pointer)) == ["/id", "/source_ids"])
            #expect(found.first { $0.pointer == "/id" }?.detail.contains("doc-one") == true)
        }
    }

    @Test func referenceToADeletedItem_Dangles() throws {
        try withMinimalArchive { (archive: Archive) throws in
            _ = try archive.create(.institution, body: JSONWriter.bytes(["id": "inst-two", "name": "N", "kind": "k", "summary": "s", "source_ids": ["src-one"]]), curator: "ada")
            _ = try archive.delete(.institution, id: "inst-two", curator: "ada")
            let found = problems { _ = try archive.patch(.document, id: "doc-one", mergePatch: Array(#"{"issuer":"inst-two"}"#.utf8), curator: "ada") }
            #expect(found?.map(\.pointer) == ["/issuer"])
        }
    }

    @Test func patchToANonObject_IsRefused() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let found = problems { _ = try archive.patch(.document, id: "doc-one", mergePatch: Array("[1]".utf8), curator: "ada") }
            #expect(found?.map(\.pointer) == [""])
        }
    }
}
