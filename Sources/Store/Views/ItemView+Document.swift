import Support

extension ItemView {
    /// A document's members and its reverse references (see ``ItemView``).
    static func documentMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        let id = stored["id"]?.stringValue ?? ""
        let key: [SQLValue] = [.text(id)]
        copy(["native_title", "alternative_titles", "number", "kind", "classification", "language", "undated"], from: stored, into: &view)
        view["stated_date"] = DateObject.make(stored["stated_date"]?.stringValue)
        let date = stored["date"]?.objectValue
        view["date"] = DateObject.make(date?["edtf"]?.stringValue)
        view["date_note"] = date?["note"] ?? .null
        view["dating_claims"] = .array(try objects(stored["dating_claims"]).map { claim in
            var members: [(String, JSONValue)] = [
                ("date", DateObject.make(claim["edtf"]?.stringValue)),
                ("claimed_by", try context.reference(claim["claimed_by"])),
                ("claimed_by_description", claim["claimed_by_description"] ?? .null),
            ]
            if let status = claim["status"]?.stringValue {
                members += ClaimStatus.stated(status, reason: claim["reason"] ?? .null)
            } else {
                members += ClaimStatus.derived(claim: claim["edtf"]?.stringValue ?? "", accepted: date?["edtf"]?.stringValue,
                                               what: "date", notePath: date?["note"]?.stringValue == nil ? nil : "date_note")
            }
            return .object(JSONObject(members))
        })

        let issuerID = stored["issuer"]?.stringValue
        let issuer = try context.reference(issuerID)
        view["issuer"] = issuer
        view["issuer_name"] = stored["issuer_name"] ?? .null
        let issuerClaims = objects(stored["issuer_claims"])
        var issuerNames: [String] = []
        if !issuerClaims.isEmpty, let issuerID {
            issuerNames = try context.db.cachedStatement("""
                SELECT label FROM items WHERE id = ?1
                UNION ALL SELECT abbreviation FROM institutions WHERE id = ?1 AND abbreviation IS NOT NULL
                UNION ALL SELECT native_name FROM institutions WHERE id = ?1 AND native_name IS NOT NULL
                UNION ALL SELECT name FROM item_names WHERE item_id = ?1
                """).rows([.text(issuerID)]) { $0.text(0) ?? "" }
        }
        let issuerLabel = issuer.objectValue?["name"]?.stringValue
        view["issuer_claims"] = .array(try issuerClaims.map { claim in
            let name = claim["issuer_name"]?.stringValue ?? ""
            return .object(JSONObject([
                ("issuer_name", claim["issuer_name"] ?? .null), ("source", try context.reference(claim["source_id"])),
                ("note", claim["note"] ?? .null),
            ] + ClaimStatus.issuer(claim: name, issuerName: stored["issuer_name"]?.stringValue, issuerNames: issuerNames,
                                   issuerLabel: issuerLabel)))
        })
        view["co_issuers"] = try context.references(stored["co_issuers"])
        view["place_of_issue"] = try context.reference(stored["place_of_issue"])
        view["signatories"] = .array(try objects(stored["signatories"]).map { signatory in
            .object(JSONObject([
                ("person", try context.reference(signatory["person"])), ("role_at_signing", signatory["role_at_signing"] ?? .null),
                ("institution", try context.reference(signatory["institution"])),
            ]))
        })
        view["other_signatories"] = stored["other_signatories"] ?? []
        view["named_persons"] = .array(try objects(stored["named_persons"]).map { named in
            .object(JSONObject([
                ("person", try context.reference(named["person"])), ("role", named["role"] ?? .null),
                ("source", try context.reference(named["source_id"])),
            ]))
        })
        view["copies"] = .array(try objects(stored["copies"]).map { copy in
            .object(JSONObject([
                ("place", try context.reference(copy["place"])), ("received", DateObject.make(copy["received"]?.stringValue)),
                ("note", copy["note"] ?? .null), ("source", try context.reference(copy["source_id"])),
            ]))
        })
        let publications = objects(stored["publications"])
        view["publications"] = .array(try publications.map { publication in
            .object(JSONObject([
                ("document", try context.reference(publication["document"])), ("year", publication["year"] ?? .null),
                ("heading", publication["heading"] ?? .null), ("note", publication["note"] ?? .null),
                ("source", try context.reference(publication["source_id"])),
            ]))
        })
        copy(["summary", "notes"], from: stored, into: &view)

        // Derived: events it authorised, the archive documents it was printed in, and those printed in it.
        view["authorized_events"] = .array(try context.db.cachedStatement("""
            SELECT e.event_id, i.type, i.label FROM event_documents e JOIN items i ON i.id = e.event_id
            WHERE e.document_id = ? GROUP BY e.event_id ORDER BY i.earliest NULLS LAST, e.event_id
            """).rows(key) { context.reference($0, type: 1, id: 0, label: 2) })
        var printedIn: [JSONValue] = []
        for publication in publications {
            let reference = try context.reference(publication["document"])
            if !reference.isNull, !printedIn.contains(reference) { printedIn.append(reference) }
        }
        view["published_in"] = .array(printedIn)
        let contained = try context.db.cachedStatement("""
            SELECT p.document_id, i.type, i.label, p.year, p.heading, p.note, p.source_id
            FROM document_publications p JOIN items i ON i.id = p.document_id
            WHERE p.in_document = ? ORDER BY i.earliest NULLS LAST, p.document_id, p.ordinal
            """).rows(key) { row in
            (document: context.reference(row, type: 1, id: 0, label: 2), year: row.json(3), heading: row.json(4), note: row.json(5),
             source: row.text(6))
        }
        view["publications_contained"] = .array(try contained.map { entry in
            .object(JSONObject([
                ("document", entry.document), ("year", entry.year), ("heading", entry.heading), ("note", entry.note),
                ("source", try context.reference(entry.source)),
            ]))
        })
    }
}
