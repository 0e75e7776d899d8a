import Testing
@testable import Store
import Support

@Suite struct ArchiveImportTests {
    @Test func minimalArchive_Imports_AndExportsItsItems() throws {
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.importArchive(JSONWriter.bytes(minimalArchive()))
            let exported = try JSONParser.parse(try exportBytes(archive))
            #expect(exported.objectValue?["documents"]?.arrayValue?.count == 1)
            #expect(exported.objectValue?["documents"]?.arrayValue?.first?.objectValue?["issuer"] == "inst-one")
        }
    }

    @Test func fileWithProblems_IsRefusedWhole_ListingEveryProblem_AndWritesNothing() throws {
        let broken: JSONValue = [
            "id": "doc-two", "title": "Broken", "kind": "order", "undated": "no",
            "date": ["edtf": "1941-13-01"], "issuer": "nowhere", "summary": "x", "source_ids": [], "colour": "red",
            "signatories": [["person": "inst-one", "role_at_signing": "chief"]],
        ]
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            let error = #expect(throws: ValidationError.self) {
                try archive.importArchive(JSONWriter.bytes(minimalArchive(extraDocument: broken)))
            }
            let pointers = Set(error?.problems.map(\.pointer) ?? [])
            #expect(pointers.isSuperset(of: [
                "/documents/1/undated", "/documents/1/date/edtf", "/documents/1/issuer", "/documents/1/source_ids",
                "/documents/1/colour", "/documents/1/signatories/0/person",
            ]))
            let monthProblem = error?.problems.first { $0.pointer == "/documents/1/date/edtf" }?.detail ?? ""
            #expect(monthProblem.contains("month"))
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM items").scalarInt() } == 0)
        }
    }

    @Test func notJSON_IsRefused_WithOneProblem() throws {
        let error = #expect(throws: ValidationError.self) { try ArchiveFormat.decode(Array("{\"format\":".utf8)) }
        #expect(error?.problems.count == 1)
    }

    @Test func duplicateIDs_AcrossCollections_AreRefused() throws {
        var root = minimalArchive().objectValue!
        root["places"] = [["id": "doc-one", "name": "Somewhere", "kind": "city", "source_ids": ["src-one"]]]
        let error = #expect(throws: ValidationError.self) { try ArchiveFormat.decode(JSONWriter.bytes(.object(root))) }
        #expect(error?.problems.contains { $0.detail.contains("duplicate id") } == true)
    }

    @Test func placeCoordinates_KeepWhichPointTheyAre_AndTheirSource_ThroughExport() throws {
        var root = minimalArchive().objectValue!
        root["places"] = [[
            "id": "town-one", "name": "A town", "kind": "city", "coordinates": ["lat": 56.95, "lon": 24.11],
            "coordinates_point": "town: A town", "coordinates_source_id": "src-one", "source_ids": ["src-one"],
        ]]
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.importArchive(JSONWriter.bytes(.object(root)))
            let place = try JSONParser.parse(try exportBytes(archive)).objectValue?["places"]?.arrayValue?.first?.objectValue
            #expect(place?["coordinates"] == ["lat": 56.95, "lon": 24.11])
            #expect(place?["coordinates_point"] == "town: A town")
            #expect(place?["coordinates_source_id"] == "src-one")
        }
    }

    @Test func coordinatesPointAndSource_AreRefused_WithoutCoordinates_OrWithABadValue() throws {
        var root = minimalArchive().objectValue!
        root["places"] = [
            ["id": "town-one", "name": "A town", "kind": "city", "coordinates": nil,
             "coordinates_point": "capital: Nowhere", "coordinates_source_id": "src-one", "source_ids": ["src-one"]],
            ["id": "town-two", "name": "B town", "kind": "city", "coordinates": ["lat": 1, "lon": 2],
             "coordinates_point": 5, "coordinates_source_id": "inst-one", "source_ids": ["src-one"]],
            ["id": "town-three", "name": "C town", "kind": "city", "coordinates": ["lat": 1, "lon": 2],
             "coordinates_source_id": "no-such-source", "source_ids": ["src-one"]],
        ]
        let error = #expect(throws: ValidationError.self) { try ArchiveFormat.decode(JSONWriter.bytes(.object(root))) }
        let problems = Dictionary((error?.problems ?? []).map { ($0.pointer, $0.detail) }, uniquingKeysWith: { a, _ in a })
        #expect(problems["/places/0/coordinates_point"] == "is given without coordinates")
        #expect(problems["/places/0/coordinates_source_id"] == "is given without coordinates")
        #expect(problems["/places/1/coordinates_point"]?.contains("expected a string") == true)
        #expect(problems["/places/1/coordinates_source_id"]?.contains("not a source") == true)
        #expect(problems["/places/2/coordinates_source_id"]?.contains("not a source in the archive") == true)
    }

    @Test func nonEmptyDatabase_IsNotImportedOver_WithoutReplace() throws {
        try withEmbeddedArchive { archive in
            #expect(throws: StoreError.self) { try archive.importArchive(JSONWriter.bytes(minimalArchive())) }
            try archive.importArchive(JSONWriter.bytes(minimalArchive()), replace: true)
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM items").scalarInt() } == 3)
        }
    }

    @Test func exportImportExport_GivesTheSameBytes() throws {
        try withEmbeddedArchive { archive in
            let first = try exportBytes(archive)
            try withTemporaryDirectory { directory in
                let copy = try Archive.open(path: directory + "/copy.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
                defer { copy.close() }
                try copy.importArchive(first)
                #expect(try exportBytes(copy) == first)
            }
        }
    }

    @Test func embeddedArchive_IsItsOwnCanonicalExport() throws {
        try withEmbeddedArchive { archive in
            let exported = String(decoding: try exportBytes(archive), as: UTF8.self)
            #expect(exported == EmbeddedResources.archive)
        }
    }

    @Test func secondOpen_ReusesTheDatabase_AndNeverImportsOverIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/a.sqlite"
            let first = try Archive.open(path: path, readerCount: 1)
            let revision = try first.revision()
            first.close()
            let second = try Archive.open(path: path, readerCount: 1)
            defer { second.close() }
            #expect(try second.revision() == revision)
        }
    }

    @Test func check_PassesOnTheEmbeddedArchive() throws {
        try withEmbeddedArchive { archive in
            let problems = try archive.check()
            #expect(problems == [])
        }
    }
}
