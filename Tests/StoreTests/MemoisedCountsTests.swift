import Testing
@testable import Store
import Support

/// List totals and facet counts are memoised per data revision, and a write is seen at once.
@Suite struct MemoisedCountsTests {
    @Test func totalAndFacets_FollowAWrite() throws {
        try withMinimalArchive { (archive: Archive) throws in
            let query = CollectionQuery(type: .document)
            func counts() throws -> (Int, JSONValue?) {
                try archive.pool.read { db in
                    (try Collections.page(query, in: db).total, try Collections.facets(query, names: ["kind"], in: db)["kind"])
                }
            }
            #expect(try counts().0 == 1)
            #expect(try counts().0 == 1, "the memoised answer is the same")
            _ = try archive.create(.document, body: JSONWriter.bytes(documentBody("doc-two")), curator: "ada")
            let (total, kinds) = try counts()
            #expect(total == 2)
            #expect(kinds == [["value": "order", "count": 2]])
        }
    }
}
