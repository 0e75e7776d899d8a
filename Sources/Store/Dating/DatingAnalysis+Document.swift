/// `copy-received` and `stated-date`: what the document's copies and the document itself bear.
extension DatingAnalysis.Analysis {
    // Copies.
    mutating func collectCopies() throws {
        let copies = try db.cachedStatement("""
            SELECT c.received, c.place, p.label, c.source_id FROM document_copies AS c LEFT JOIN items AS p ON p.id = c.place
            WHERE c.document_id = ? AND c.received IS NOT NULL ORDER BY c.ordinal
            """).rows([.text(documentID)]) { ($0.text(0) ?? "", $0.text(1), $0.text(2), $0.text(3)) }
        for (received, place, placeName, source) in copies {
            let subject = place.map { Reference.make(.place, $0, label: placeName ?? $0) } ?? Reference.make(.document, documentID, label: document.title)
            let whereText = placeName.map { " in \($0)" } ?? ""
            if let c = DatingAnalysis.constraint(kind: "copy-received", bound: .notAfter, edtf: received, subject: subject,
                                                 clause: "a copy of it was received\(whereText) \(DatingAnalysis.onText(received))",
                                                 source: try Reference.lookup(source, in: db)) {
                fixed.append(c)
            }
        }
    }

    // The date it bears.
    mutating func collectStatedDate() throws {
        guard let stated = document.statedDate else { return }
        let claimSource = try db.cachedStatement("""
            SELECT claimed_by FROM document_dating_claims WHERE document_id = ? AND edtf = ? ORDER BY ordinal LIMIT 1
            """).scalarText([.text(documentID), .text(stated)])
        let source = try claimSource.map { try Reference.lookup($0, in: db) } ?? (try firstItemSource(documentID))
        guard let c = DatingAnalysis.constraint(kind: "stated-date", bound: .on, edtf: stated,
                                                subject: Reference.make(.document, documentID, label: document.title),
                                                clause: "the document itself is dated \(DatingAnalysis.onText(stated).dropPrefix("on ").dropPrefix("in "))", source: source)
        else {
            notes.append("The stated date \(stated) is not an EDTF date: it gives no bound.")
            return
        }
        fixed.append(c)
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
