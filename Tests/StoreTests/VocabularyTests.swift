import Testing
@testable import Store
import Support

/// The closed vocabularies behind "did you mean" and the 400s that name them, on a collection
/// larger than the window a 404 reads.
@Suite struct VocabularyTests {
    private func withLargeCollection(_ body: (Archive) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/large.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.pool.write { db in
                try db.execute("""
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
                    INSERT INTO items (id, type, label, kind)
                    SELECT printf('doc-%04d', i), 'document', 'Document ' || i, CASE i % 3 WHEN 0 THEN 'order' WHEN 1 THEN 'report' END FROM n;
                    INSERT INTO items (id, type, label, kind) VALUES ('person-a', 'person', 'A', 'official');
                    """)
            }
            try body(archive)
        }
    }

    @Test func kinds_AreTheDistinctKindsOfTheCollection_Sorted() throws {
        try withLargeCollection { archive throws in
            #expect(try archive.kinds(of: [.document, .person, .event]) == [.document: ["order", "report"], .person: ["official"], .event: []])
        }
    }

    @Test func idsNearAMissingOne_AreAWindowAroundIt_InOrder() throws {
        try withLargeCollection { archive throws in
            let (type, ids) = try archive.typeAndIDs(ofItem: "doc-2500x", checkingType: true, collection: .document)
            #expect(type == nil)
            let window = Collections.suggestionWindow
            #expect(ids.count == 2 * window)
            #expect(ids.first == "doc-\(2501 - window)" && ids.last == "doc-\(2500 + window)")  // four digits at this window
            #expect(ids == ids.sorted())
            #expect(NearestNames.nearest(to: "doc-2500x", in: ids).first == "doc-2500")
        }
    }

    @Test func idsNearAMissingOne_AtTheEdges_AreWhatThereIs() throws {
        try withLargeCollection { archive throws in
            #expect(try archive.typeAndIDs(ofItem: "doc-0000", checkingType: false, collection: .document).ids.count == Collections.suggestionWindow)
            #expect(try archive.typeAndIDs(ofItem: "zzz", checkingType: false, collection: .document).ids.last == "doc-4999")
            #expect(try archive.typeAndIDs(ofItem: "zzz", checkingType: false, collection: .person).ids == ["person-a"])
        }
    }
}
