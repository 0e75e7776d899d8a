import Support

extension ItemLoader {
    static func loadPerson(_ id: String, _ db: Connection) throws -> JSONObject {
        let key: [SQLValue] = [.text(id)]
        guard var person = try db.cachedStatement("SELECT name, native_name, summary FROM persons WHERE id = ?").firstRow(key, { row in
            JSONObject([
                ("id", .string(id)), ("name", row.json(0)), ("native_name", row.json(1)), ("alternative_names", .null),
                ("born", .null), ("died", .null), ("positions", .null), ("summary", row.json(2)),
            ])
        }) else { return JSONObject() }
        person["alternative_names"] = try names(db, id, role: "alternative")
        for event in ["born", "died"] {
            let sql = "SELECT edtf, place, place_name, note FROM person_life_events WHERE person_id = ? AND event = ?"
            guard var life = try db.cachedStatement(sql).firstRow([.text(id), .text(event)], { row -> JSONObject in
                ["edtf": row.json(0), "place": row.json(1), "place_name": row.json(2), "note": row.json(3)]
            }) else { continue }
            life["claims"] = try list(db, """
                SELECT edtf, source_id, note FROM person_date_claims WHERE person_id = ? AND event = ? ORDER BY ordinal
                """, [.text(id), .text(event)]) { row in
                ["edtf": row.json(0), "source_id": row.json(1), "note": row.json(2)]
            }
            person[event] = .object(life)
        }
        let positionSources = try db.cachedStatement("""
            SELECT position_ordinal, source_id FROM position_sources WHERE person_id = ? ORDER BY position_ordinal, ordinal
            """).rows(key) { row in (row.int(0) ?? 0, row.json(1)) }
        person["positions"] = try list(db, """
            SELECT ordinal, institution_id, institution_name, title, from_edtf, to_edtf, attested, note
            FROM positions WHERE person_id = ? ORDER BY ordinal
            """, key) { row in
            let ordinal = row.int(0) ?? -1
            return [
                "institution": row.json(1), "institution_name": row.json(2), "title": row.json(3), "from": row.json(4),
                "to": row.json(5), "attested": row.json(6),
                "source_ids": .array(positionSources.filter { $0.0 == ordinal }.map(\.1)), "note": row.json(7),
            ]
        }
        person["source_ids"] = try sourceIDs(db, id)
        return person
    }
}
