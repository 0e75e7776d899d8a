import Support

extension ItemView {
    /// A place's members and its reverse references (see ``ItemView``).
    static func placeMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        let id = stored["id"]?.stringValue ?? ""
        let key: [SQLValue] = [.text(id)]
        let db = context.db
        copy(["kind"], from: stored, into: &view)
        view["country"] = try context.reference(stored["country"])
        view["parent"] = try context.reference(stored["parent"])
        copy(["native_names", "alternative_names"], from: stored, into: &view)
        view["coordinates"] = try coordinates(stored, context)
        copy(["note"], from: stored, into: &view)

        // Derived: places inside it, events, documents and persons connected with it.
        view["children"] = .array(try db.cachedStatement("""
            SELECT p.id, i.type, i.label FROM places p JOIN items i ON i.id = p.id
            WHERE p.parent = ? ORDER BY i.label COLLATE NOCASE, p.id
            """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
        view["events"] = .array(try db.cachedStatement("""
            SELECT e.event_id, i.type, i.label, e.role FROM event_places e JOIN items i ON i.id = e.event_id
            WHERE e.place_id = ? ORDER BY i.earliest NULLS LAST, e.event_id, e.role
            """).rows(key) { row in
            .object(JSONObject([("event", context.reference(row, type: 1, id: 0, label: 2)), ("role", row.json(3))]))
        })
        // A document's place of issue has no index of its own; documents are few, the scan is cheap.
        view["documents"] = .array(try db.cachedStatement("""
            SELECT d.id, i.type, i.label, 'place_of_issue', NULL, i.earliest, 0 FROM documents d JOIN items i ON i.id = d.id
            WHERE d.place_of_issue = ?1
            UNION ALL
            SELECT c.document_id, i.type, i.label, 'copy', c.received, i.earliest, c.ordinal
            FROM document_copies c JOIN items i ON i.id = c.document_id WHERE c.place = ?1
            ORDER BY 6 NULLS LAST, 1, 4 DESC, 7
            """).rows(key) { row in
            .object(JSONObject([
                ("document", context.reference(row, type: 1, id: 0, label: 2)), ("role", row.json(3)),
                ("received", DateObject.make(row.text(4))),
            ]))
        })
        view["persons"] = .array(try db.cachedStatement("""
            SELECT l.person_id, i.type, i.label, l.event, l.edtf FROM person_life_events l JOIN items i ON i.id = l.person_id
            WHERE l.place = ? ORDER BY l.earliest NULLS LAST, l.person_id, l.event
            """).rows(key) { row in
            .object(JSONObject([
                ("person", context.reference(row, type: 1, id: 0, label: 2)), ("role", row.json(3)),
                ("date", DateObject.make(row.text(4))),
            ]))
        })
    }

    /// `{lat, lon, point, source}`: the point, which point it is, and the source it was read on; null without coordinates.
    static func coordinates(_ stored: JSONObject, _ context: ViewContext) throws -> JSONValue {
        guard let point = stored["coordinates"]?.objectValue else { return .null }
        return .object(JSONObject([
            ("lat", point["lat"] ?? .null), ("lon", point["lon"] ?? .null),
            ("point", stored["coordinates_point"] ?? .null),
            ("source", try context.reference(stored["coordinates_source_id"])),
        ]))
    }

    /// A source's bibliographic members and every item citing it.
    static func sourceMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        let id = stored["id"]?.stringValue ?? ""
        copy(["author", "year", "url", "kind", "language", "note", "accessed_via"], from: stored, into: &view)
        let sql = """
            SELECT c.item_id, i.type, i.label, c.member FROM (
                SELECT item_id, 'sources' AS member, 0 AS rank FROM item_sources WHERE source_id = ?1
                UNION ALL SELECT document_id, 'dating_claims', 1 FROM document_dating_claims WHERE claimed_by = ?1
                UNION ALL SELECT document_id, 'issuer_claims', 2 FROM document_issuer_claims WHERE source_id = ?1
                UNION ALL SELECT document_id, 'named_persons', 3 FROM document_named_persons WHERE source_id = ?1
                UNION ALL SELECT document_id, 'copies', 4 FROM document_copies WHERE source_id = ?1
                UNION ALL SELECT document_id, 'publications', 5 FROM document_publications WHERE source_id = ?1
                UNION ALL SELECT person_id, 'positions', 6 FROM position_sources WHERE source_id = ?1
                UNION ALL SELECT person_id, event || '.claims', 7 FROM person_date_claims WHERE source_id = ?1
                UNION ALL SELECT institution_id, CASE event WHEN 'founded' THEN 'founding_claims' ELSE 'dissolved_claims' END, 8
                    FROM institution_date_claims WHERE source_id = ?1
                UNION ALL SELECT event_id, CASE measure WHEN 'deported' THEN 'deported_estimates' WHEN 'deaths' THEN 'death_estimates'
                    ELSE 'destination_estimates' END, 9 FROM event_estimates WHERE source_id = ?1
                UNION ALL SELECT from_id, 'relations', 10 FROM relations WHERE source_id = ?1
                UNION ALL SELECT to_id, 'relations', 10 FROM relations WHERE source_id = ?1
                UNION ALL SELECT id, 'coordinates', 11 FROM places WHERE coordinates_source_id = ?1
            ) c JOIN items i ON i.id = c.item_id
            ORDER BY CASE i.type WHEN 'document' THEN 0 WHEN 'person' THEN 1 WHEN 'institution' THEN 2 WHEN 'event' THEN 3
                     WHEN 'place' THEN 4 ELSE 5 END, i.label COLLATE NOCASE, c.item_id, c.rank, c.member
            """
        var order: [String] = []
        var entries: [String: (item: JSONValue, members: [String])] = [:]
        try context.db.cachedStatement(sql).forEachRow([.text(id)]) { row in
            let itemID = row.text(0) ?? ""
            let member = row.text(3) ?? ""
            if entries[itemID] == nil {
                order.append(itemID)
                entries[itemID] = (context.reference(row, type: 1, id: 0, label: 2), [])
            }
            if entries[itemID]?.members.contains(member) == false { entries[itemID]?.members.append(member) }
        }
        view["cited_by"] = .array(order.compactMap { itemID in
            entries[itemID].map { entry in
                .object(JSONObject([("item", entry.item), ("cited_for", .array(entry.members.map(JSONValue.string)))]))
            }
        })
    }
}
