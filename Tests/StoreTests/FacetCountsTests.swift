import Testing
@testable import Store
import Support

/// The stored counts of unfiltered lists and facets (`collection_counts`, `facet_counts`) answer
/// what a count of the rows answers, and every kind of write keeps them so.
@Suite struct FacetCountsTests {
    /// What `facets=` answered before the counts were stored: a count over the facet's pairs.
    private static func countedAfresh(_ name: String, type: ItemType, in db: Connection) throws -> JSONValue {
        guard let source = FacetSource.named(name, type: type) else { return .null }
        return .array(try db.cachedStatement("""
            SELECT f.value, count(DISTINCT f.item) AS n, (SELECT label FROM items WHERE id = CAST(f.value AS TEXT)) AS label
            FROM (\(source.sql)) f WHERE f.value IS NOT NULL GROUP BY f.value ORDER BY n DESC, f.value LIMIT 100
            """).rows([], Collections.facetEntry))
    }

    /// `serve` refuses a database without items from what `hasItems()` reads in the stored counts:
    /// they say no on the bare schema, yes after an import, and no again once the last item is deleted.
    @Test func hasItems_FollowsTheItems_FromTheSchemaAloneToTheLastDelete() throws {
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            #expect(try archive.hasItems() == false)
            try archive.importArchive(JSONWriter.bytes(minimalArchive()))
            #expect(try archive.hasItems() == true)
            _ = try archive.delete(.document, id: "doc-one", curator: "ada")
            _ = try archive.delete(.institution, id: "inst-one", curator: "ada")
            #expect(try archive.hasItems() == true)
            _ = try archive.delete(.source, id: "src-one", curator: "ada")
            #expect(try archive.itemCount() == 0)
            #expect(try archive.hasItems() == false)
        }
    }

    /// Every facet of every collection, and its total, as stored and as counted afresh.
    private static func expectStoredEqualsCounted(_ archive: Archive, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try archive.pool.read { db in
            #expect(try FacetCounts.problems(in: db) == [], "\(step)", sourceLocation: sourceLocation)
            for type in ItemType.allCases {
                let query = CollectionQuery(type: type)
                let names = CollectionQuery.facetNames(for: type)
                let facets = try Collections.facets(query, names: names, in: db)
                for name in names {
                    #expect(facets[name] == (try countedAfresh(name, type: type, in: db)), "\(step): \(type.rawValue) \(name)", sourceLocation: sourceLocation)
                }
                let counted = try db.cachedStatement("SELECT count(*) FROM items WHERE type = ?").scalarInt([.text(type.rawValue)]) ?? 0
                #expect(try Collections.page(query, in: db).total == Int(counted), "\(step): \(type.rawValue) total", sourceLocation: sourceLocation)
                // A list filtered by one value: its total, read from the counts where they hold it.
                for name in CollectionQuery.filterNames(for: type) {
                    let values = (facets[name]?.arrayValue ?? []).compactMap { $0.objectValue?["value"]?.stringValue } + ["no-such-value"]
                    for value in values {
                        var filtered = query
                        filtered.filters = [(name, [value])]
                        let sql = CollectionSQL(filtered)
                        let counted = try db.cachedStatement("SELECT count(*) FROM items i WHERE \(sql.whereClause)").scalarInt(sql.arguments) ?? 0
                        #expect(try Collections.page(filtered, in: db).total == Int(counted), "\(step): \(type.rawValue) \(name)=\(value)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    @Test func embeddedArchive_StoredCountsAreTheCounts() throws {
        try withEmbeddedArchive { archive in
            try Self.expectStoredEqualsCounted(archive, "after the import")
            let kinds = try archive.pool.read { db in try Collections.facets(CollectionQuery(type: .document), names: ["kind", "year", "issuer"], in: db) }
            #expect(kinds["kind"]?.arrayValue?.first == ["value": "decree", "count": 7])
            #expect(kinds["year"]?.arrayValue?.isEmpty == false)
            #expect(kinds["issuer"]?.arrayValue?.contains { $0.objectValue?["label"] != nil } == true, "labels are looked up")
        }
    }

    @Test func everyKindOfWrite_KeepsTheCounts() throws {
        try withEmbeddedArchive { archive in
            func makeDocument(_ id: String = "test-order-1", kind: String = "order", dated: Bool = true) -> JSONValue {
                var object = JSONObject([
                    ("id", .string(id)), ("title", "A test order"), ("kind", .string(kind)), ("undated", .bool(!dated)),
                    ("issuer", "sovnarkom"), ("co_issuers", ["council-of-ministers-ussr", "sovnarkom"]),
                    ("summary", "A test document."), ("source_ids", ["wp-crimean-tatars-old"]),
                ])
                if dated {
                    object["stated_date"] = "1941-05-14"
                    object["date"] = ["edtf": "1941-05-14", "note": nil]
                }
                return .object(object)
            }
            let document = makeDocument()
            _ = try archive.create(.document, body: JSONWriter.bytes(document), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "create")

            _ = try archive.patch(.document, id: "test-order-1", mergePatch: JSONWriter.bytes(["kind": "report", "date": ["edtf": "1950", "note": nil], "stated_date": nil, "co_issuers": []]), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "patch of kind, date and co-issuers")

            let replaced = makeDocument(kind: "directive", dated: false)
            _ = try archive.replace(.document, id: "test-order-1", body: JSONWriter.bytes(replaced), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "replace with an undated one")

            // A document's `event` facet counts rows of the event: writing the event moves it.
            _ = try archive.patch(.event, id: "deportation-of-crimean-tatars-1944",
                                  mergePatch: JSONWriter.bytes(["authorizing_document_ids": ["gko-decree-5859ss", "test-order-1"]]), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "an event names one more document")
            _ = try archive.patch(.event, id: "deportation-of-crimean-tatars-1944",
                                  mergePatch: JSONWriter.bytes(["authorizing_document_ids": ["gko-decree-5859ss"]]), curator: "ada")

            _ = try archive.delete(.document, id: "test-order-1", curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "delete")
            _ = try archive.replace(.document, id: "test-order-1", body: JSONWriter.bytes(document), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "restore")

            let event: JSONValue = [
                "id": "test-event", "name": "A test event", "kind": "deportation", "start": "1941-06-14",
                "authorizing_document_ids": ["test-order-1", "gko-decree-5859ss"], "countries": ["soviet-union"],
                "summary": "A test event.", "source_ids": ["wp-crimean-tatars-old"],
            ]
            _ = try archive.create(.event, body: JSONWriter.bytes(event), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "create of an event")
            _ = try archive.delete(.event, id: "test-event", curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "delete of an event")

            let second = makeDocument("test-order-2")
            let batch: JSONValue = ["format": "deportation-archive/1", "documents": [replaced, second], "relations": []]
            _ = try archive.importItems(JSONWriter.bytes(batch), curator: "ada")
            try Self.expectStoredEqualsCounted(archive, "batch import")
            #expect(try archive.check() == [])
        }
    }

    /// `import --replace` starts the counts over with the new archive.
    @Test func replacingImport_CountsTheNewArchive() throws {
        try withEmbeddedArchive { archive in
            try archive.importArchive(JSONWriter.bytes(minimalArchive()), replace: true)
            try Self.expectStoredEqualsCounted(archive, "replaced by the minimal archive")
            #expect(try archive.pool.read { db in try Collections.page(CollectionQuery(type: .document), in: db).total } == 1)
        }
    }

    /// A refused write leaves the counts as they were (they are written in its transaction).
    @Test func refusedWrite_LeavesTheCounts() throws {
        try withEmbeddedArchive { archive in
            let before = try archive.pool.read { db in try db.cachedStatement("SELECT type, facet, value, items FROM facet_counts ORDER BY 1, 2, 3").rows { "\($0.value(0)) \($0.value(1)) \($0.value(2)) \($0.value(3))" } }
            let refused = archiveError { _ = try archive.delete(.institution, id: "sovnarkom", curator: "ada") }
            #expect(refused != nil)
            let after = try archive.pool.read { db in try db.cachedStatement("SELECT type, facet, value, items FROM facet_counts ORDER BY 1, 2, 3").rows { "\($0.value(0)) \($0.value(1)) \($0.value(2)) \($0.value(3))" } }
            #expect(before == after)
        }
    }

    /// `check` names stored counts that disagree with the rows.
    @Test func check_NamesAWrongCount() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.write { db in
                try db.execute("UPDATE facet_counts SET items = items + 1 WHERE type = 'document' AND facet = 'kind' AND value = 'decree'")
                try db.execute("UPDATE collection_counts SET items = items + 1 WHERE type = 'person'")
            }
            let problems = try archive.check()
            #expect(problems.contains { $0.contains("facet_counts") && $0.contains("'kind'") })
            #expect(problems.contains { $0.contains("collection_counts") })
        }
    }
}
