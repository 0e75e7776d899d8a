import Support

/// `issuer-existence` and `co-issuer-existence`: the issuing institutions existed.
extension DatingAnalysis.Analysis {
    // Issuer and co-issuers.
    mutating func collectIssuers() throws {
        if let issuer = document.issuer {
            try collectInstitution(issuer, kind: "issuer-existence", role: "which issued it")
        } else if let name = document.issuerName {
            notes.append("It was issued by \(name), which the archive does not hold as an institution: its existence gives no bound.")
        }
        let coIssuers = try db.cachedStatement("SELECT institution_id FROM document_co_issuers WHERE document_id = ? ORDER BY ordinal")
            .rows([.text(documentID)]) { $0.text(0) ?? "" }
        for coIssuer in coIssuers {
            try collectInstitution(coIssuer, kind: "co-issuer-existence", role: "which issued it jointly")
        }
    }

    mutating func collectInstitution(_ id: String, kind: String, role: String) throws {
        let sql = "SELECT name, abbreviation, founded, dissolved FROM institutions WHERE id = ?"
        guard let row = try db.cachedStatement(sql).firstRow([.text(id)], { ($0.text(0) ?? "", $0.text(1), $0.text(2), $0.text(3)) })
        else { return }
        let name = DatingAnalysis.institutionName(row.0, abbreviation: row.1)
        let subject = Reference.make(.institution, id, label: row.0)
        let periods = try db.cachedStatement("SELECT edtf FROM institution_periods WHERE institution_id = ? ORDER BY ordinal")
            .rows([.text(id)]) { $0.text(0) ?? "" }
        let itemSource = try firstItemSource(id)
        func make(_ edtf: String?, _ bound: DatingAnalysis.Bound, _ verb: String, source: JSONValue) -> DatingAnalysis.Constraint? {
            guard let edtf, let c = DatingAnalysis.constraint(kind: kind, bound: bound, edtf: edtf, subject: subject,
                                                              clause: "\(name), \(role), \(verb) \(DatingAnalysis.onText(edtf))", source: source) else { return nil }
            return c
        }
        if periods.count > 1 {
            var candidates: [DatingAnalysis.Candidate] = []
            for (index, period) in periods.enumerated() {
                let (start, end) = Timeline.intervalEnds(period)
                candidates.append(DatingAnalysis.Candidate(
                    label: period,
                    start: make(start, .notBefore, index == 0 ? "was founded" : "was re-established", source: itemSource),
                    end: make(end, .notAfter, index == periods.count - 1 ? "was dissolved" : "ceased to exist", source: itemSource)))
            }
            groups.append(DatingAnalysis.Alternatives(describe: "\(capitalised(name)) existed in \(periods.count) periods", candidates: candidates))
            return
        }
        var founded = row.2
        var dissolved = row.3
        if periods.count == 1 {
            let ends = Timeline.intervalEnds(periods[0])
            founded = ends.0 ?? founded
            dissolved = ends.1 ?? dissolved
        }
        let foundedSource = try claimSource(id, event: "founded", edtf: founded) ?? itemSource
        let dissolvedSource = try claimSource(id, event: "dissolved", edtf: dissolved) ?? itemSource
        let start = make(founded, .notBefore, "was founded", source: foundedSource)
        let end = make(dissolved, .notAfter, "was dissolved", source: dissolvedSource)
        if start == nil && end == nil {
            notes.append("No founding or dissolution date is recorded for \(name), \(role): its existence gives no bound.")
        }
        fixed += [start, end].compactMap { $0 }
    }

    /// The source of the accepted claim for an institution's founding or dissolution, if claims exist.
    func claimSource(_ id: String, event: String, edtf: String?) throws -> JSONValue? {
        guard let edtf else { return nil }
        let source = try db.cachedStatement("""
            SELECT source_id FROM institution_date_claims WHERE institution_id = ? AND event = ? AND edtf = ?
            ORDER BY (status = 'accepted') DESC, ordinal LIMIT 1
            """).scalarText([.text(id), .text(event), .text(edtf)])
        return try source.map { try Reference.lookup($0, in: db) }
    }

    func firstItemSource(_ id: String) throws -> JSONValue {
        let source = try db.cachedStatement("SELECT source_id FROM item_sources WHERE item_id = ? ORDER BY ordinal LIMIT 1")
            .scalarText([.text(id)])
        return try Reference.lookup(source, in: db)
    }
}
