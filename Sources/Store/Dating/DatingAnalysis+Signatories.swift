/// `signatory-tenure`: each signatory held the post signed in.
extension DatingAnalysis.Analysis {
    // Signatories.
    mutating func collectSignatories() throws {
        let signatories = try db.cachedStatement("""
            SELECT s.person_id, s.role_at_signing, s.institution_id, i.label
            FROM document_signatories AS s JOIN items AS i ON i.id = s.person_id
            WHERE s.document_id = ? ORDER BY s.ordinal
            """).rows([.text(documentID)]) { ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2), $0.text(3) ?? "") }
        for (person, role, institution, name) in signatories {
            try collectTenure(person: person, name: name, role: role, institution: institution)
        }
    }

    mutating func collectTenure(person: String, name: String, role: String, institution: String?) throws {
        struct Post { var ordinal: Int64; var title: String; var from: String?; var to: String?; var attested: String? }
        let sql = """
            SELECT ordinal, title, from_edtf, to_edtf, attested FROM positions
            WHERE person_id = ? AND (institution_id = ? OR (? IS NULL AND institution_id IS NULL)) ORDER BY ordinal
            """
        let atInstitution = try db.cachedStatement(sql).rows([.text(person), SQLValue(institution), SQLValue(institution)]) {
            Post(ordinal: $0.int(0) ?? 0, title: $0.text(1) ?? "", from: $0.text(2), to: $0.text(3), attested: $0.text(4))
        }
        let sameTitle = atInstitution.filter { $0.title.lowercased() == role.lowercased() }
        // With an institution, its posts (preferring those titled as the role); without one, the posts titled as the role.
        let posts = institution == nil ? sameTitle : (sameTitle.isEmpty ? atInstitution : sameTitle)
        let subject = Reference.make(.person, person, label: name)
        let who = "\(name), who signed it as \(role),"
        guard !posts.isEmpty else {
            notes.append("No post of \(name) matching the role signed in (\(role)) is recorded: the tenure gives no bound.")
            return
        }
        var candidates: [DatingAnalysis.Candidate] = []
        for post in posts {
            let source = try Reference.lookup(try db.cachedStatement(
                "SELECT source_id FROM position_sources WHERE person_id = ? AND position_ordinal = ? ORDER BY ordinal LIMIT 1")
                .scalarText([.text(person), .integer(post.ordinal)]), in: db)
            let start = post.from.flatMap {
                DatingAnalysis.constraint(kind: "signatory-tenure", bound: .notBefore, edtf: $0, subject: subject,
                                          clause: "\(who) became \(post.title) \(DatingAnalysis.onText($0))", source: source)
            }
            let end = post.to.flatMap {
                DatingAnalysis.constraint(kind: "signatory-tenure", bound: .notAfter, edtf: $0, subject: subject,
                                          clause: "\(who) left the post of \(post.title) \(DatingAnalysis.onText($0))", source: source)
            }
            if start == nil && end == nil {
                let when = post.attested.map { " (it is attested \(DatingAnalysis.onText($0)))" } ?? ""
                notes.append("The dates of \(name)'s post as \(post.title) are not recorded\(when): the tenure gives no bound.")
            }
            candidates.append(DatingAnalysis.Candidate(label: "\(post.title) \(post.from ?? "?")/\(post.to ?? "?")", start: start, end: end))
        }
        if candidates.count == 1 {
            fixed += [candidates[0].start, candidates[0].end].compactMap { $0 }
        } else {
            groups.append(DatingAnalysis.Alternatives(describe: "\(name) held a matching post in \(candidates.count) periods", candidates: candidates))
        }
    }
}
