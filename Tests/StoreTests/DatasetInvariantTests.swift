import FoundationEssentials
import Testing
@testable import Store
import Support

/// The embedded archive keeps every item of the research fact base, with its ids and values.
@Suite struct DatasetInvariantTests {
    @Test func counts_MatchTheFactBase() throws {
        try withEmbeddedArchive { archive in
            let counts = try archive.pool.read { db in
                try db.cachedStatement("SELECT type, count(*) FROM items GROUP BY type").rows { ($0.text(0) ?? "", $0.int(1) ?? 0) }
            }
            let byType = Dictionary(uniqueKeysWithValues: counts)
            #expect(byType == ["document": 17, "person": 13, "institution": 14, "event": 12, "place": 35, "source": 171])
            #expect(try archive.pool.read { try $0.cachedStatement("SELECT count(*) FROM relations").scalarInt() } == 29)
        }
    }

    @Test func serovInstructions_AreUndatedOnPaper_AndDatedByTheDerivedInterval() throws {
        try withEmbeddedArchive { archive in
            let document = try archive.pool.read { try ItemLoader.load("serov-instructions", as: .document, from: $0) }
            #expect(document["undated"] == .bool(true))
            #expect(document["stated_date"] == .null)
            #expect(document["date"]?.objectValue?["edtf"] == "1941-02-03/1941-06-07")
            #expect(document["issuer"] == "nkgb")
            let span = try archive.pool.read { db in
                try db.cachedStatement("SELECT earliest, latest FROM items WHERE id = 'serov-instructions'").firstRow { ($0.int(0), $0.int(1)) }
            }
            #expect(span?.0.map { Day(dayNumber: Int($0)).iso } == "1941-02-03")
            #expect(span?.1.map { Day(dayNumber: Int($0)).iso } == "1941-06-07")
        }
    }

    /// Asserted on the embedded data alone, with or without the fact base beside the checkout.
    @Test func embeddedArchive_KeepsItsInvariants() throws {
        guard case .object(let embedded) = try JSONParser.parse(EmbeddedResources.archive) else {
            Issue.record("the embedded archive is not a JSON object"); return
        }
        var ids = Set<String>()
        for collection in ItemType.allCases.map(\.collection) {
            let items = embedded[collection]?.arrayValue ?? []
            #expect(!items.isEmpty, "\(collection) is empty")
            for item in items {
                let id = item.objectValue?["id"]?.stringValue ?? ""
                #expect(ItemID.isValid(id), "\(collection): '\(id)' is not a valid id")
                #expect(ids.insert(id).inserted, "\(collection): '\(id)' appears twice")
            }
        }
        for relation in embedded["relations"]?.arrayValue ?? [] {
            for end in ["from", "to", "source_id"] {
                let id = relation.objectValue?[end]?.stringValue ?? ""
                #expect(ids.contains(id), "a relation's \(end) '\(id)' is no item")
            }
        }
        try withEmbeddedArchive { archive in
            // Every reference resolves, every date parses, every item cites a source; SQLite's own checks.
            #expect(try archive.check() == [])
            let serov = try #require(try archive.item("serov-instructions", type: .document))
            #expect(serov["undated"] == .bool(true))
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: factBasePath),
                   "the research fact base (../shared/research/archive-facts.json) is not beside this checkout"))
    func everyIDOfTheFactBase_IsKept_WithItsValues() throws {
        let facts = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: factBasePath))))
        let embedded = try JSONParser.parse(EmbeddedResources.archive)
        for collection in ItemType.allCases.map(\.collection) {
            let expected = facts.objectValue?[collection]?.arrayValue ?? []
            let actual = Dictionary(uniqueKeysWithValues: (embedded.objectValue?[collection]?.arrayValue ?? []).map {
                ($0.objectValue?["id"]?.stringValue ?? "", $0.objectValue ?? JSONObject())
            })
            #expect(actual.count == expected.count, "\(collection)")
            for item in expected {
                let object = item.objectValue!
                let id = object["id"]!.stringValue!
                guard let kept = actual[id] else { Issue.record("\(collection): \(id) is missing"); continue }
                // Every value of the fact base is in the embedded item; the export adds explicit
                // nulls and empty lists for members the fact base leaves out.
                #expect(containsAllValues(kept, object), "\(collection)/\(id)")
            }
        }
    }

    @Test func embeddedCopies_MatchTheFilesInTheRepository() throws {
        let schema = try String(decoding: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/schema.sql")), as: UTF8.self)
        let archive = try String(decoding: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/data/archive.json")), as: UTF8.self)
        #expect(EmbeddedResources.schema == schema, "run scripts/embed-resources")
        #expect(EmbeddedResources.archive == archive, "run scripts/embed-resources")
    }
}

/// The research fact base the embedded archive is built from: `../shared/research/archive-facts.json`
/// beside the checkout (present only where the project's research is), or `ARCHIVE_FACT_BASE`.
let factBasePath = ProcessInfo.processInfo.environment["ARCHIVE_FACT_BASE"]
    ?? repositoryRoot + "/../shared/research/archive-facts.json"

/// Whether `kept` holds every member of `original` with an equal value (recursively), where a
/// member missing from `original` may be null or empty in `kept`.
func containsAllValues(_ kept: JSONObject, _ original: JSONObject) -> Bool {
    for (key, value) in original {
        guard let keptValue = kept[key] else { return false }
        if !sameValue(keptValue, value) { return false }
    }
    return true
}

private func sameValue(_ kept: JSONValue, _ original: JSONValue) -> Bool {
    switch (kept, original) {
    case (.object(let a), .object(let b)): return containsAllValues(a, b)
    case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { sameValue($0, $1) }
    case (.object(let a), .null): return a.count == 0
    default: return kept == original
    }
}
