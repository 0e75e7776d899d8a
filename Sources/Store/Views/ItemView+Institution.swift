import Support

extension ItemView {
    /// An institution's members and its reverse references (see ``ItemView``).
    static func institutionMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        let id = stored["id"]?.stringValue ?? ""
        let key: [SQLValue] = [.text(id)]
        let db = context.db
        copy(["abbreviation", "native_name", "alternative_names", "kind"], from: stored, into: &view)
        for (event, claims, what) in [("founded", "founding_claims", "founding date"), ("dissolved", "dissolved_claims", "dissolution date")] {
            let accepted = stored[event]?.stringValue
            let notePath = (stored["\(event)_note"]?.stringValue).map { _ in "\(event)_note" }
            view[event] = DateObject.make(accepted)
            view["\(event)_note"] = stored["\(event)_note"] ?? .null
            view[claims] = .array(try objects(stored[claims]).map {
                try dateClaim($0, accepted: accepted, what: what, notePath: notePath, context)
            })
        }
        view["active_periods"] = .array(objects(stored["active_periods"]).map { period in
            .object(JSONObject([("date", DateObject.make(period["edtf"]?.stringValue)), ("note", period["note"] ?? .null)]))
        })
        for member in ["parent", "predecessor", "successor"] {
            view[member] = try context.reference(stored[member])
        }
        copy(["summary"], from: stored, into: &view)

        // Derived: institutions below it, after it and before it; its people, documents and events.
        for (member, column) in [("children", "parent"), ("predecessor_of", "predecessor"), ("successor_of", "successor")] {
            view[member] = .array(try db.cachedStatement("""
                SELECT x.id, i.type, i.label FROM institutions x JOIN items i ON i.id = x.id
                WHERE x.\(column) = ? ORDER BY x.founded_earliest NULLS LAST, x.id
                """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
        }
        view["people"] = .array(try db.cachedStatement("""
            SELECT p.person_id, i.type, i.label, p.title, p.from_edtf, p.to_edtf, p.attested, p.note
            FROM positions p JOIN items i ON i.id = p.person_id WHERE p.institution_id = ?
            ORDER BY coalesce(p.from_earliest, p.attested_earliest, p.to_earliest) NULLS LAST, p.person_id, p.ordinal
            """).rows(key) { row in
            .object(JSONObject([
                ("person", context.reference(row, type: 1, id: 0, label: 2)), ("title", row.json(3)),
                ("from", DateObject.make(row.text(4))), ("to", DateObject.make(row.text(5))),
                ("attested", DateObject.make(row.text(6))), ("note", row.json(7)),
            ]))
        })
        view["documents_issued"] = .array(try db.cachedStatement("""
            SELECT d.id, i.type, i.label FROM documents d JOIN items i ON i.id = d.id
            WHERE d.issuer = ? ORDER BY i.earliest NULLS LAST, d.id
            """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
        view["documents_co_issued"] = .array(try db.cachedStatement("""
            SELECT c.document_id, i.type, i.label FROM document_co_issuers c JOIN items i ON i.id = c.document_id
            WHERE c.institution_id = ? GROUP BY c.document_id ORDER BY i.earliest NULLS LAST, c.document_id
            """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
        let signatures = try db.cachedStatement("""
            SELECT s.document_id, i.type, i.label, s.person_id, p.type, p.label, s.role_at_signing
            FROM document_signatories s JOIN items i ON i.id = s.document_id JOIN items p ON p.id = s.person_id
            WHERE s.institution_id = ? ORDER BY i.earliest NULLS LAST, s.document_id, s.ordinal
            """).rows(key) { row -> JSONValue in
            .object(JSONObject([
                ("document", context.reference(row, type: 1, id: 0, label: 2)),
                ("person", context.reference(row, type: 4, id: 3, label: 5)), ("role_at_signing", row.json(6)),
            ]))
        }
        view["signatures"] = .array(signatures)
        view["events_executed"] = .array(try db.cachedStatement("""
            SELECT e.event_id, i.type, i.label FROM event_institutions e JOIN items i ON i.id = e.event_id
            WHERE e.institution_id = ? GROUP BY e.event_id ORDER BY i.earliest NULLS LAST, e.event_id
            """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
    }
}
