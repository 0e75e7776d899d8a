import Support

extension ItemLoader {
    static func loadEvent(_ id: String, _ db: Connection) throws -> JSONObject {
        let key: [SQLValue] = [.text(id)]
        let sql = "SELECT name, kind, operation_code_name, start_edtf, end_edtf, date_note, summary FROM events WHERE id = ?"
        guard var event = try db.cachedStatement(sql).firstRow(key, { row in
            JSONObject([
                ("id", .string(id)), ("name", row.json(0)), ("kind", row.json(1)), ("alternative_names", .null),
                ("operation_code_name", row.json(2)), ("start", row.json(3)), ("end", row.json(4)), ("date_note", row.json(5)),
                ("countries", .null), ("regions", .null), ("deported_estimates", .null), ("death_estimates", .null),
                ("destinations", .null), ("destination_estimates", .null), ("authorizing_document_ids", .null),
                ("executing_institution_ids", .null), ("summary", row.json(6)),
            ])
        }) else { return JSONObject() }
        event["alternative_names"] = try names(db, id, role: "alternative")
        for (member, role) in [("countries", "country"), ("regions", "region"), ("destinations", "destination")] {
            event[member] = try list(db, "SELECT place_id FROM event_places WHERE event_id = ? AND role = ? ORDER BY ordinal",
                                     [.text(id), .text(role)]) { $0.json(0) }
        }
        for (member, measure) in [("deported_estimates", "deported"), ("death_estimates", "deaths"), ("destination_estimates", "destination")] {
            event[member] = try list(db, """
                SELECT place, count, low, high, unit, basis, qualifier, note, source_id FROM event_estimates
                WHERE event_id = ? AND measure = ? ORDER BY ordinal
                """, [.text(id), .text(measure)]) { row in
                [
                    "place": row.isNull(0) ? "total" : row.json(0), "count": row.json(1), "low": row.json(2), "high": row.json(3),
                    "unit": row.json(4), "basis": row.json(5), "qualifier": row.json(6), "note": row.json(7), "source_id": row.json(8),
                ]
            }
        }
        event["authorizing_document_ids"] = try list(db, "SELECT document_id FROM event_documents WHERE event_id = ? ORDER BY ordinal", key) { $0.json(0) }
        event["executing_institution_ids"] = try list(db, "SELECT institution_id FROM event_institutions WHERE event_id = ? ORDER BY ordinal", key) { $0.json(0) }
        event["source_ids"] = try sourceIDs(db, id)
        return event
    }
}
