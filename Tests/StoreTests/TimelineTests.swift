import Testing
@testable import Store
import Support

@Suite struct TimelineTests {
    private typealias Page = (items: [JSONValue], next: [JSONValue]?)

    private func all(from: Day? = nil, to: Day? = nil, kinds: Set<String>? = nil, types: Set<ItemType>? = nil, _ db: Connection) throws -> [JSONObject] {
        try Timeline.entries(from: from, to: to, kinds: kinds, types: types, limit: 100_000, after: nil, in: db).items.compactMap(\.objectValue)
    }

    private func day(_ iso: String) -> Day { Day(iso: iso)! }

    private func bounds(_ entry: JSONObject) -> (String?, String?) {
        let date = entry["date"]?.objectValue
        return (date?["earliest"]?.stringValue, date?["latest"]?.stringValue)
    }

    private func has(_ entries: [JSONObject], kind: String, subject: String, label: String? = nil) -> Bool {
        entries.contains {
            $0["kind"]?.stringValue == kind && $0["subject"]?.objectValue?["id"]?.stringValue == subject
                && (label == nil || $0["label"]?.stringValue == label)
        }
    }

    @Test func everythingDated_WithLabelsMadeFromTheData() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let entries = try all(db)
                #expect(has(entries, kind: "person-born", subject: "ivan-serov", label: "Ivan Serov born"))
                #expect(has(entries, kind: "person-died", subject: "ivan-serov", label: "Ivan Serov died"))
                #expect(has(entries, kind: "institution-founded", subject: "nkgb", label: "NKGB founded"))
                #expect(has(entries, kind: "institution-founded", subject: "nkgb", label: "NKGB re-established"))
                #expect(has(entries, kind: "institution-dissolved", subject: "nkgb", label: "NKGB ceased to exist"))
                #expect(has(entries, kind: "institution-active", subject: "nkgb"))
                #expect(has(entries, kind: "position-started", subject: "ivan-serov",
                            label: "Ivan Serov became First Deputy People's Commissar of State Security of the USSR"))
                #expect(has(entries, kind: "position-ended", subject: "ivan-serov"))
                #expect(has(entries, kind: "position-attested", subject: "piotr-gladkov"))
                #expect(has(entries, kind: "event", subject: "june-deportation-1941"))
                #expect(has(entries, kind: "document", subject: "serov-instructions"))
                let copy = entries.first { $0["kind"] == "copy-received" && $0["subject"]?.objectValue?["id"] == "serov-instructions" }
                #expect(copy?["label"]?.stringValue?.hasSuffix("received in Šiauliai") == true)
                #expect(copy?["date"]?.objectValue?["edtf"] == "1941-06-07")
                for entry in entries {
                    #expect(entry.keys == ["date", "kind", "subject", "label"])
                    #expect(Timeline.kinds.contains(entry["kind"]?.stringValue ?? ""))
                    #expect(entry["subject"]?.objectValue?["href"]?.stringValue?.hasPrefix("/v1/") == true)
                }
                // Every dated document is there once; there are no undated entries.
                let dated = try db.prepare("SELECT count(*) FROM documents WHERE date_edtf IS NOT NULL").scalarInt() ?? 0
                #expect(entries.filter { $0["kind"] == "document" }.count == Int(dated))
                #expect(entries.allSatisfy { $0["date"] != .null })
            }
        }
    }

    @Test func ordered_ByEarliestThenLatest_UnknownStartFirst() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let entries = try all(db)
                #expect(entries.count > 100)
                let keys = entries.map { entry -> (String, String, String, String) in
                    let (earliest, latest) = bounds(entry)
                    // "" sorts before any ISO day, "~" after: the stored sentinels' order.
                    return (earliest ?? "", latest ?? "~", entry["kind"]?.stringValue ?? "", entry["subject"]?.objectValue?["id"]?.stringValue ?? "")
                }
                for (a, b) in zip(keys, keys.dropFirst()) {
                    #expect(a <= b, "\(a) then \(b)")
                }
            }
        }
    }

    @Test(arguments: [1, 3, 50])
    func pages_WalkEveryEntryOnce(_ size: Int) throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let from = day("1939-01-01"), to = day("1945-12-31")
                let expected = try all(from: from, to: to, db)
                var walked: [JSONObject] = []
                var after: [JSONValue]? = nil
                repeat {
                    let page: Page = try Timeline.entries(from: from, to: to, kinds: nil, types: nil, limit: size, after: after, in: db)
                    #expect(page.items.count <= size)
                    walked += page.items.compactMap(\.objectValue)
                    after = page.next
                } while after != nil && walked.count <= expected.count
                #expect(walked == expected)
                #expect(try Timeline.total(from: from, to: to, kinds: nil, types: nil, in: db) == expected.count)
            }
        }
    }

    @Test func window_MatchesOverlappingSpans_EdgesIncluded() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let founding = try all(from: day("1941-02-03"), to: day("1941-02-03"), db)
                #expect(has(founding, kind: "institution-founded", subject: "nkgb", label: "NKGB founded"))
                // Ends on the first day of the window: in. Serov's tenure starts in February 1941: its span overlaps.
                #expect(has(founding, kind: "position-ended", subject: "vsevolod-merkulov"))
                #expect(has(founding, kind: "position-started", subject: "ivan-serov"))
                #expect(has(founding, kind: "document", subject: "serov-instructions"))
                for entry in founding {
                    let (earliest, latest) = bounds(entry)
                    #expect((earliest ?? "") <= "1941-02-03" && (latest ?? "~") >= "1941-02-03")
                }
                // The day before: the NKGB is not founded yet, the instructions not yet possible.
                let before = try all(from: day("1941-02-02"), to: day("1941-02-02"), db)
                #expect(!has(before, kind: "institution-founded", subject: "nkgb"))
                #expect(!has(before, kind: "document", subject: "serov-instructions"))
                // The stamp day: the copy received; the day after the stamp, no longer the instructions.
                #expect(has(try all(from: day("1941-06-07"), to: day("1941-06-07"), db), kind: "copy-received", subject: "serov-instructions"))
                #expect(!has(try all(from: day("1941-06-08"), to: nil, db), kind: "document", subject: "serov-instructions"))
                // Open windows.
                let untilWar = try all(to: day("1939-12-31"), db)
                #expect(untilWar.allSatisfy { (bounds($0).0 ?? "") <= "1939-12-31" })
                #expect(try all(from: day("1992-01-01"), db).allSatisfy { (bounds($0).1 ?? "~") >= "1992-01-01" })
            }
        }
    }

    @Test func filters_ByKindAndSubjectType() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let persons = try all(types: [.person], db)
                #expect(!persons.isEmpty && persons.allSatisfy { $0["subject"]?.objectValue?["type"] == "person" })
                let births = try all(kinds: ["person-born"], db)
                #expect(!births.isEmpty && births.allSatisfy { $0["kind"] == "person-born" })
                #expect(try all(kinds: [], db).isEmpty)
                #expect(try all(types: [.source, .place], db).isEmpty)
                let mixed = try all(kinds: ["document", "event"], types: [.document], db)
                #expect(!mixed.isEmpty && mixed.allSatisfy { $0["kind"] == "document" })
            }
        }
    }

    @Test func tamperedKeyset_Throws_AndRebuildGivesTheSameRows() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                for bad: [JSONValue] in [[], [1, 2, "document", "x"], ["a", 2, "document", "x", 0], [1, 2, 3, 4, 5]] {
                    #expect(throws: KeysetError.self) {
                        try Timeline.entries(from: nil, to: nil, kinds: nil, types: nil, limit: 5, after: bad, in: db)
                    }
                }
            }
            let before = try archive.pool.read { db in JSONWriter.string(.array(try all(db).map(JSONValue.object))) }
            try archive.pool.write { db in try db.transaction { try Timeline.rebuild(in: db) } }
            let after = try archive.pool.read { db in JSONWriter.string(.array(try all(db).map(JSONValue.object))) }
            #expect(before == after)
        }
    }

    @Test func pageCost_UsesTheOrderIndex() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db throws in
                let plan = try db.prepare("""
                    EXPLAIN QUERY PLAN SELECT * FROM timeline_entries AS t
                    WHERE t.earliest <= 1 AND t.latest >= 0 AND (t.earliest, t.latest, t.kind, t.subject_id, t.ordinal) > (0, 0, 'a', 'b', 0)
                    ORDER BY t.earliest, t.latest, t.kind, t.subject_id, t.ordinal LIMIT 10
                    """).rows { $0.text(3) ?? "" }.joined(separator: "\n")
                #expect(plan.contains("timeline_entries_order"))
                #expect(!plan.contains("TEMP B-TREE"))
            }
        }
    }
}
