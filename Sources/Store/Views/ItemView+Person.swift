import Support

extension ItemView {
    /// A person's members and its reverse references (see ``ItemView``).
    static func personMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        let id = stored["id"]?.stringValue ?? ""
        let key: [SQLValue] = [.text(id)]
        copy(["native_name", "alternative_names"], from: stored, into: &view)
        for (event, what) in [("born", "birth date"), ("died", "death date")] {
            guard let life = stored[event]?.objectValue else {
                view[event] = .null
                continue
            }
            let accepted = life["edtf"]?.stringValue
            let notePath = (life["note"]?.stringValue).map { _ in "\(event).note" }
            view[event] = .object(JSONObject([
                ("date", DateObject.make(accepted)), ("place", try context.reference(life["place"])),
                ("place_name", life["place_name"] ?? .null), ("note", life["note"] ?? .null),
                ("claims", .array(try objects(life["claims"]).map {
                    try dateClaim($0, accepted: accepted, what: what, notePath: notePath, context)
                })),
            ]))
        }
        view["positions"] = .array(try objects(stored["positions"]).map { position in
            .object(JSONObject([
                ("institution", try context.reference(position["institution"])),
                ("institution_name", position["institution_name"] ?? .null), ("title", position["title"] ?? .null),
                ("from", DateObject.make(position["from"]?.stringValue)), ("to", DateObject.make(position["to"]?.stringValue)),
                ("attested", DateObject.make(position["attested"]?.stringValue)), ("note", position["note"] ?? .null),
                ("sources", try context.references(position["source_ids"])),
            ]))
        })
        copy(["summary"], from: stored, into: &view)

        // Derived: documents signed (with the role and its institution) and documents naming the person.
        let signed = try context.db.cachedStatement("""
            SELECT s.document_id, i.type, i.label, i.edtf, s.role_at_signing, s.institution_id
            FROM document_signatories s JOIN items i ON i.id = s.document_id
            WHERE s.person_id = ? ORDER BY i.earliest NULLS LAST, s.document_id, s.ordinal
            """).rows(key) { row in
            (document: context.reference(row, type: 1, id: 0, label: 2), date: row.text(3), role: row.json(4), institution: row.text(5))
        }
        view["documents_signed"] = .array(try signed.map { entry in
            .object(JSONObject([
                ("document", entry.document), ("date", DateObject.make(entry.date)), ("role_at_signing", entry.role),
                ("institution", try context.reference(entry.institution)),
            ]))
        })
        let naming = try context.db.cachedStatement("""
            SELECT n.document_id, i.type, i.label, i.edtf, n.role, n.source_id
            FROM document_named_persons n JOIN items i ON i.id = n.document_id
            WHERE n.person_id = ? ORDER BY i.earliest NULLS LAST, n.document_id, n.ordinal
            """).rows(key) { row in
            (document: context.reference(row, type: 1, id: 0, label: 2), date: row.text(3), role: row.json(4), source: row.text(5))
        }
        view["documents_naming"] = .array(try naming.map { entry in
            .object(JSONObject([
                ("document", entry.document), ("date", DateObject.make(entry.date)), ("role", entry.role),
                ("source", try context.reference(entry.source)),
            ]))
        })
    }
}
