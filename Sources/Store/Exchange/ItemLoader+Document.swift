import Support

extension ItemLoader {
    static func loadDocument(_ id: String, _ db: Connection) throws -> JSONObject {
        let key: [SQLValue] = [.text(id)]
        let sql = """
            SELECT title, native_title, number, kind, classification, language, undated, stated_date, date_edtf, date_note,
                   issuer, issuer_name, place_of_issue, summary, notes FROM documents WHERE id = ?
            """
        guard var document = try db.cachedStatement(sql).firstRow(key, { row in
            JSONObject([
                ("id", .string(id)), ("title", row.json(0)), ("native_title", row.json(1)), ("alternative_titles", .null),
                ("number", row.json(2)), ("kind", row.json(3)), ("classification", row.json(4)), ("language", row.json(5)),
                ("undated", row.jsonBool(6)), ("stated_date", row.json(7)),
                ("date", row.isNull(8) ? .null : ["edtf": row.json(8), "note": row.json(9)]),
                ("dating_claims", .null), ("issuer", row.json(10)), ("issuer_claims", .null), ("co_issuers", .null),
                ("issuer_name", row.json(11)), ("place_of_issue", row.json(12)), ("signatories", .null),
                ("other_signatories", .null), ("named_persons", .null), ("copies", .null), ("publications", .null),
                ("summary", row.json(13)), ("notes", row.json(14)),
            ])
        }) else { return JSONObject() }
        document["alternative_titles"] = try names(db, id, role: "alternative")
        document["dating_claims"] = try list(db, """
            SELECT edtf, claimed_by, status, reason, claimed_by_description FROM document_dating_claims
            WHERE document_id = ? ORDER BY ordinal
            """, key) { row in
            ["edtf": row.json(0), "claimed_by": row.json(1), "status": row.json(2), "reason": row.json(3), "claimed_by_description": row.json(4)]
        }
        document["issuer_claims"] = try list(db, "SELECT issuer_name, source_id, note FROM document_issuer_claims WHERE document_id = ? ORDER BY ordinal", key) { row in
            ["issuer_name": row.json(0), "source_id": row.json(1), "note": row.json(2)]
        }
        document["co_issuers"] = try list(db, "SELECT institution_id FROM document_co_issuers WHERE document_id = ? ORDER BY ordinal", key) { row in
            row.json(0)
        }
        document["signatories"] = try list(db, """
            SELECT person_id, role_at_signing, institution_id FROM document_signatories WHERE document_id = ? ORDER BY ordinal
            """, key) { row in
            ["person": row.json(0), "role_at_signing": row.json(1), "institution": row.json(2)]
        }
        document["other_signatories"] = try list(db, """
            SELECT name, role_at_signing, note FROM document_other_signatories WHERE document_id = ? ORDER BY ordinal
            """, key) { row in
            ["name": row.json(0), "role_at_signing": row.json(1), "note": row.json(2)]
        }
        document["named_persons"] = try list(db, "SELECT person_id, role, source_id FROM document_named_persons WHERE document_id = ? ORDER BY ordinal", key) { row in
            ["person": row.json(0), "role": row.json(1), "source_id": row.json(2)]
        }
        document["copies"] = try list(db, "SELECT place, received, note, source_id FROM document_copies WHERE document_id = ? ORDER BY ordinal", key) { row in
            ["place": row.json(0), "received": row.json(1), "note": row.json(2), "source_id": row.json(3)]
        }
        document["publications"] = try list(db, """
            SELECT in_document, year, heading, note, source_id FROM document_publications WHERE document_id = ? ORDER BY ordinal
            """, key) { row in
            ["document": row.json(0), "year": row.json(1), "heading": row.json(2), "note": row.json(3), "source_id": row.json(4)]
        }
        document["source_ids"] = try sourceIDs(db, id)
        return document
    }
}
