import Support

extension ItemLoader {
    static func loadInstitution(_ id: String, _ db: Connection) throws -> JSONObject {
        let key: [SQLValue] = [.text(id)]
        let sql = """
            SELECT name, abbreviation, native_name, kind, founded, dissolved, founded_note, dissolved_note,
                   parent, predecessor, successor, summary FROM institutions WHERE id = ?
            """
        guard var institution = try db.cachedStatement(sql).firstRow(key, { row in
            JSONObject([
                ("id", .string(id)), ("name", row.json(0)), ("abbreviation", row.json(1)), ("native_name", row.json(2)),
                ("alternative_names", .null), ("kind", row.json(3)), ("founded", row.json(4)), ("founding_claims", .null),
                ("dissolved", row.json(5)), ("dissolved_claims", .null), ("founded_note", row.json(6)),
                ("dissolved_note", row.json(7)), ("active_periods", .null), ("parent", row.json(8)),
                ("predecessor", row.json(9)), ("successor", row.json(10)), ("summary", row.json(11)),
            ])
        }) else { return JSONObject() }
        institution["alternative_names"] = try names(db, id, role: "alternative")
        for (member, event) in [("founding_claims", "founded"), ("dissolved_claims", "dissolved")] {
            institution[member] = try list(db, """
                SELECT edtf, source_id, status, note FROM institution_date_claims
                WHERE institution_id = ? AND event = ? ORDER BY ordinal
                """, [.text(id), .text(event)]) { row in
                ["edtf": row.json(0), "source_id": row.json(1), "status": row.json(2), "note": row.json(3)]
            }
        }
        institution["active_periods"] = try list(db, "SELECT edtf, note FROM institution_periods WHERE institution_id = ? ORDER BY ordinal", key) { row in
            ["edtf": row.json(0), "note": row.json(1)]
        }
        institution["source_ids"] = try sourceIDs(db, id)
        return institution
    }
}
