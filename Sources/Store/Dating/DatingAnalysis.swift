import Support

/// The dating analysis of a document, derived from the data whenever it is asked for (nothing of
/// it is stored): the constraints that bound when the document can have been written, the
/// interval they leave, and whether each claimed date is consistent with it.
///
/// Constraints (each `{kind, bound, date, subject, sentence, source}`, sometimes with a `note`):
/// - `issuer-existence`, `co-issuer-existence`: the issuing institution existed. Where it existed
///   more than once (`active_periods`), the period consistent with the other constraints is used
///   and the note says which; with several consistent periods the bound spans them.
/// - `signatory-tenure`: each signatory held the post signed in: the person's posts at the
///   signatory's institution (those whose title is the role signed in, if any is; without an
///   institution, the posts titled as the role). Chosen among several like periods. A post known
///   only by a day on which it was held (`attested`) bounds nothing.
/// - `copy-received`: a copy's received-stamp: written on or before it.
/// - `stated-date`: the date the document bears (`bound: "on"`).
/// - `relation`: a relation to a dated item: `implements`, `follows`, `publicly_confirms`,
///   `reports_on`, `refers_to`, `supersedes`, `split_from` put the document after the other item's
///   earliest day; `precedes`, `published_in`, `authorizes`, `prepares`, `procedure_for`,
///   `basis_for`, `precedent_for` before its latest day (reversed when the document is the target).
///
/// `date` is the value as recorded; a `not_before` bound is its first day, a `not_after` bound its
/// last, so a value known only to the month widens the bound to the whole month (said in `note`).
/// `derived` is the interval from the latest `not_before` to the earliest `not_after` day (an open
/// end where nothing bounds that side); null, with `explanation` saying why, when nothing bounds
/// the document or the bounds contradict each other.
///
/// Claims: a claimed date is `consistent` when its span overlaps the derived interval (that is,
/// no constraint excludes it) and `contradicted` when it lies wholly before a `not_before` bound or
/// wholly after a `not_after` bound; the sentence names the tightest such constraint and
/// `contradicted_by` lists the indexes of all of them in `constraints`.
public enum DatingAnalysis {
    /// The rule by which claims are judged, as served.
    public static let rule = "A claimed date is consistent when its span overlaps the derived interval, and contradicted when it lies wholly before a not_before bound or wholly after a not_after bound."

    /// The analysis of `documentID`, or nil when there is no such document.
    static func analyse(documentID: String, in db: Connection) throws -> JSONValue? {
        let sql = """
            SELECT d.title, d.undated, d.stated_date, d.date_edtf, d.issuer, d.issuer_name
            FROM documents AS d WHERE d.id = ?
            """
        guard let doc = try db.cachedStatement(sql).firstRow([.text(documentID)], { row in
            DocumentRow(title: row.text(0) ?? "", undated: (row.int(1) ?? 0) != 0, statedDate: row.text(2), date: row.text(3),
                        issuer: row.text(4), issuerName: row.text(5))
        }) else { return nil }
        var analysis = Analysis(documentID: documentID, document: doc, db: db)
        try analysis.collect()
        return try analysis.result()
    }

    struct DocumentRow {
        var title: String
        var undated: Bool
        var statedDate: String?
        var date: String?
        var issuer: String?
        var issuerName: String?
    }

    struct Analysis {
        let documentID: String
        let document: DocumentRow
        let db: Connection
        var fixed: [Constraint] = []
        var groups: [Alternatives] = []
        var notes: [String] = []

        init(documentID: String, document: DocumentRow, db: Connection) {
            self.documentID = documentID
            self.document = document
            self.db = db
        }

        mutating func collect() throws {
            try collectIssuers()
            try collectSignatories()
            try collectCopies()
            try collectStatedDate()
            try collectRelations()
        }

        mutating func result() throws -> JSONValue {
            var constraints = fixed + resolveGroups()
            constraints.sort { lhs, rhs in order(lhs) < order(rhs) }
            addPrecisionNotes(&constraints)
            let (low, high) = interval(constraints)
            let bounded = low != Int.min || high != Int.max
            let conflict = low != Int.min && high != Int.max && low > high
            var derived: JSONValue = .null
            let explanation: String
            if !bounded {
                explanation = constraints.isEmpty
                    ? "No constraint in the data bounds when this document was written: no dated issuer, signatory tenure, received copy, stated date or dated relation."
                    : "The constraints found leave both ends open."
            } else if conflict {
                let a = tightest(constraints, notBefore: true)
                let b = tightest(constraints, notBefore: false)
                explanation = "The constraints contradict each other: " + (a.map { constraints[$0].clause } ?? "?") + ", but "
                    + (b.map { constraints[$0].clause } ?? "?") + "."
            } else {
                let edtf: String
                if low == high {
                    edtf = Day(dayNumber: low).iso
                } else {
                    edtf = (low == Int.min ? ".." : Day(dayNumber: low).iso) + "/" + (high == Int.max ? ".." : Day(dayNumber: high).iso)
                }
                derived = DateObject.make(edtf)
                var parts: [String] = []
                let a = tightest(constraints, notBefore: true)
                let b = tightest(constraints, notBefore: false)
                if let a, a == b {
                    parts.append(constraints[a].clause)
                } else {
                    if let a { parts.append("not before \(dayText(low)), because \(constraints[a].clause)") }
                    if let b { parts.append("not after \(dayText(high)), because \(constraints[b].clause)") }
                }
                explanation = "Written " + (derived.objectValue?["display"]?.stringValue ?? edtf) + ": " + parts.joined(separator: "; ") + "."
            }
            let claims = try claimsJSON(constraints, low: low, high: high, derivedDisplay: conflict || !bounded ? nil : derived.objectValue?["display"]?.stringValue)
            return .object(JSONObject([
                ("document", Reference.make(.document, documentID, label: document.title)),
                ("undated", .bool(document.undated)),
                ("stated_date", document.statedDate.map { DateObject.make($0) } ?? .null),
                ("accepted_date", DateObject.make(document.date)),
                ("constraints", .array(constraints.map(\.json))),
                ("derived", derived),
                ("explanation", .string(explanation)),
                ("claims", .array(claims)),
                ("notes", .array(notes.map { .string($0) })),
                ("rule", .string(DatingAnalysis.rule)),
            ]))
        }

        func order(_ c: Constraint) -> Int {
            ["stated-date": 0, "issuer-existence": 1, "co-issuer-existence": 2, "signatory-tenure": 3, "copy-received": 4, "relation": 5][c.kind] ?? 9
        }

        /// The index of the constraint that sets the derived start (notBefore) or end.
        func tightest(_ constraints: [Constraint], notBefore: Bool) -> Int? {
            var best: Int?
            for (i, c) in constraints.enumerated() {
                if notBefore, let d = c.notBeforeDay {
                    if best == nil || d > constraints[best!].notBeforeDay! || (d == constraints[best!].notBeforeDay! && !c.imprecise && constraints[best!].imprecise) { best = i }
                } else if !notBefore, let d = c.notAfterDay {
                    if best == nil || d < constraints[best!].notAfterDay! || (d == constraints[best!].notAfterDay! && !c.imprecise && constraints[best!].imprecise) { best = i }
                }
            }
            return best
        }

        /// For a bound from a value known less precisely than to the day: how it widens the bound,
        /// and whether another constraint is tighter.
        func addPrecisionNotes(_ constraints: inout [Constraint]) {
            for i in constraints.indices where constraints[i].imprecise && constraints[i].bound != .on {
                let c = constraints[i]
                let precision = precisionText(c.edtf)
                var note: String
                if c.bound == .notBefore {
                    note = "\(precision), so it gives only \"not before \(dayText(c.first))\""
                    if let t = tightest(constraints, notBefore: true), t != i, let d = constraints[t].notBeforeDay, d > c.first {
                        note += ", weaker than: \(constraints[t].clause)"
                    }
                } else {
                    note = "\(precision), so it gives only \"not after \(dayText(c.last))\""
                    if let t = tightest(constraints, notBefore: false), t != i, let d = constraints[t].notAfterDay, d < c.last {
                        note += ", weaker than: \(constraints[t].clause)"
                    }
                }
                note += "."
                constraints[i].note = constraints[i].note.map { $0 + " " + capitalised(note) } ?? capitalised(note)
            }
        }
    }
}
