/// `relation`: relations to dated items.
extension DatingAnalysis.Analysis {
    // Relations to dated items.
    mutating func collectRelations() throws {
        let rows = try db.cachedStatement("""
            SELECT r.type, r.from_id = ?1, o.id, o.type, o.label, o.edtf, o.earliest, o.latest, r.source_id
            FROM relations AS r JOIN items AS o ON o.id = (CASE WHEN r.from_id = ?1 THEN r.to_id ELSE r.from_id END)
            WHERE (r.from_id = ?1 OR r.to_id = ?1) AND r.from_id <> r.to_id
            ORDER BY r.ordinal
            """).rows([.text(documentID)]) { row in
            (row.text(0) ?? "", (row.int(1) ?? 0) != 0, row.text(2) ?? "", ItemType(rawValue: row.text(3) ?? ""), row.text(4) ?? "",
             row.text(5), row.int(6), row.int(7), row.text(8))
        }
        for (type, outgoing, otherID, otherType, otherLabel, otherEDTF, earliest, latest, sourceID) in rows {
            guard let otherType, let phrase = DatingAnalysis.relationPhrases[type], let otherEDTF else { continue }
            // after: the relation's source is later than its target.
            let documentIsLater = phrase.after == outgoing
            let bound: DatingAnalysis.Bound = documentIsLater ? .notBefore : .notAfter
            guard (bound == .notBefore ? earliest : latest) != nil else { continue }
            let other = "“\(otherLabel)” (\(DatingAnalysis.displayText(otherEDTF)))"
            let clause = outgoing ? "it \(phrase.verb) \(other)" : "\(other) \(phrase.verb) it"
            if let c = DatingAnalysis.constraint(kind: "relation", bound: bound, edtf: otherEDTF,
                                                 subject: Reference.make(otherType, otherID, label: otherLabel), clause: clause,
                                                 source: try Reference.lookup(sourceID, in: db)) {
                var c = c
                c.note = "From the relation \(type) " + (outgoing ? "to" : "from") + " \(otherID)."
                fixed.append(c)
            }
        }
    }
}

extension DatingAnalysis {
    /// What the relation means for dating: `after` when the relation's source is later than its target.
    /// The verb reads "<from> <verb> <to>".
    static let relationPhrases: [String: (after: Bool, verb: String)] = [
        "implements": (true, "implements"),
        "follows": (true, "follows"),
        "publicly_confirms": (true, "publicly confirms"),
        "reports_on": (true, "reports on"),
        "refers_to": (true, "refers to"),
        "supersedes": (true, "supersedes"),
        "split_from": (true, "split from"),
        "precedes": (false, "precedes"),
        "published_in": (false, "was published in"),
        "authorizes": (false, "authorised"),
        "prepares": (false, "prepared"),
        "procedure_for": (false, "laid down the procedure for"),
        "basis_for": (false, "was the basis for"),
        "precedent_for": (false, "was a precedent for"),
    ]
}
