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
    public static func analyse(documentID: String, in db: Connection) throws -> JSONValue? {
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

    enum Bound: String { case notBefore = "not_before", notAfter = "not_after", on }

    struct Constraint {
        var kind: String
        var bound: Bound
        var edtf: String
        /// The day the bound falls on (day number): first day for not_before, last for not_after;
        /// for `on` both.
        var first: Int
        var last: Int
        var subject: JSONValue
        var clause: String
        var source: JSONValue
        var note: String? = nil
        /// Whether this bound comes from a value known less precisely than to the day.
        var imprecise = false

        var notBeforeDay: Int? { bound == .notAfter ? nil : first }
        var notAfterDay: Int? { bound == .notBefore ? nil : last }

        var sentence: String {
            switch bound {
            case .notBefore: return capitalised(clause) + ", so it cannot have been written before " + dayText(first) + "."
            case .notAfter: return capitalised(clause) + ", so it cannot have been written after " + dayText(last) + "."
            case .on: return capitalised(clause) + "."
            }
        }

        var json: JSONValue {
            var object = JSONObject([
                ("kind", .string(kind)), ("bound", .string(bound.rawValue)), ("date", DateObject.make(edtf)),
                ("subject", subject), ("sentence", .string(sentence)), ("source", source),
            ])
            if let note { object["note"] = .string(note) }
            return .object(object)
        }
    }

    /// Several periods of which one held (an institution's periods, a person's like posts): each
    /// with its own bounds, resolved against the other constraints.
    struct Alternatives {
        var describe: String               // "the NKGB existed 2 times", for the note
        var candidates: [Candidate]
        var unboundedNote: String?         // said when a chosen candidate leaves a side open
    }

    struct Candidate {
        var label: String                  // "1941-02-03/1941-07-20"
        var start: Constraint?
        var end: Constraint?
        var low: Int { start?.first ?? Int.min }
        var high: Int { end?.last ?? Int.max }
    }

    // MARK: - Collecting

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
            let name = institutionName(row.0, abbreviation: row.1)
            let subject = Reference.make(.institution, id, label: row.0)
            let periods = try db.cachedStatement("SELECT edtf FROM institution_periods WHERE institution_id = ? ORDER BY ordinal")
                .rows([.text(id)]) { $0.text(0) ?? "" }
            let itemSource = try firstItemSource(id)
            func make(_ edtf: String?, _ bound: Bound, _ verb: String, source: JSONValue) -> Constraint? {
                guard let edtf, let c = constraint(kind: kind, bound: bound, edtf: edtf, subject: subject,
                                                   clause: "\(name), \(role), \(verb) \(onText(edtf))", source: source) else { return nil }
                return c
            }
            if periods.count > 1 {
                var candidates: [Candidate] = []
                for (index, period) in periods.enumerated() {
                    let (start, end) = Timeline.intervalEnds(period)
                    candidates.append(Candidate(
                        label: period,
                        start: make(start, .notBefore, index == 0 ? "was founded" : "was re-established", source: itemSource),
                        end: make(end, .notAfter, index == periods.count - 1 ? "was dissolved" : "ceased to exist", source: itemSource)))
                }
                groups.append(Alternatives(describe: "\(capitalised(name)) existed in \(periods.count) periods", candidates: candidates))
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
            var candidates: [Candidate] = []
            for post in posts {
                let source = try Reference.lookup(try db.cachedStatement(
                    "SELECT source_id FROM position_sources WHERE person_id = ? AND position_ordinal = ? ORDER BY ordinal LIMIT 1")
                    .scalarText([.text(person), .integer(post.ordinal)]), in: db)
                let start = post.from.flatMap {
                    constraint(kind: "signatory-tenure", bound: .notBefore, edtf: $0, subject: subject,
                               clause: "\(who) became \(post.title) \(onText($0))", source: source)
                }
                let end = post.to.flatMap {
                    constraint(kind: "signatory-tenure", bound: .notAfter, edtf: $0, subject: subject,
                               clause: "\(who) left the post of \(post.title) \(onText($0))", source: source)
                }
                if start == nil && end == nil {
                    let when = post.attested.map { " (it is attested \(onText($0)))" } ?? ""
                    notes.append("The dates of \(name)'s post as \(post.title) are not recorded\(when): the tenure gives no bound.")
                }
                candidates.append(Candidate(label: "\(post.title) \(post.from ?? "?")/\(post.to ?? "?")", start: start, end: end))
            }
            if candidates.count == 1 {
                fixed += [candidates[0].start, candidates[0].end].compactMap { $0 }
            } else {
                groups.append(Alternatives(describe: "\(name) held a matching post in \(candidates.count) periods", candidates: candidates))
            }
        }

        // Copies.
        mutating func collectCopies() throws {
            let copies = try db.cachedStatement("""
                SELECT c.received, c.place, p.label, c.source_id FROM document_copies AS c LEFT JOIN items AS p ON p.id = c.place
                WHERE c.document_id = ? AND c.received IS NOT NULL ORDER BY c.ordinal
                """).rows([.text(documentID)]) { ($0.text(0) ?? "", $0.text(1), $0.text(2), $0.text(3)) }
            for (received, place, placeName, source) in copies {
                let subject = place.map { Reference.make(.place, $0, label: placeName ?? $0) } ?? Reference.make(.document, documentID, label: document.title)
                let whereText = placeName.map { " in \($0)" } ?? ""
                if let c = constraint(kind: "copy-received", bound: .notAfter, edtf: received, subject: subject,
                                      clause: "a copy of it was received\(whereText) \(onText(received))",
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
            guard let c = constraint(kind: "stated-date", bound: .on, edtf: stated,
                                     subject: Reference.make(.document, documentID, label: document.title),
                                     clause: "the document itself is dated \(onText(stated).dropPrefix("on ").dropPrefix("in "))", source: source)
            else {
                notes.append("The stated date \(stated) is not an EDTF date: it gives no bound.")
                return
            }
            fixed.append(c)
        }

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
                let bound: Bound = documentIsLater ? .notBefore : .notAfter
                guard (bound == .notBefore ? earliest : latest) != nil else { continue }
                let other = "“\(otherLabel)” (\(displayText(otherEDTF)))"
                let clause = outgoing ? "it \(phrase.verb) \(other)" : "\(other) \(phrase.verb) it"
                if let c = constraint(kind: "relation", bound: bound, edtf: otherEDTF,
                                      subject: Reference.make(otherType, otherID, label: otherLabel), clause: clause,
                                      source: try Reference.lookup(sourceID, in: db)) {
                    var c = c
                    c.note = "From the relation \(type) " + (outgoing ? "to" : "from") + " \(otherID)."
                    fixed.append(c)
                }
            }
        }

        // MARK: - Resolving

        func interval(_ constraints: [Constraint]) -> (low: Int, high: Int) {
            var low = Int.min
            var high = Int.max
            for c in constraints {
                if let d = c.notBeforeDay { low = max(low, d) }
                if let d = c.notAfterDay { high = min(high, d) }
            }
            return (low, high)
        }

        /// Chooses, in each group, the candidates consistent with everything else; returns the
        /// constraints of all groups.
        mutating func resolveGroups() -> [Constraint] {
            guard !groups.isEmpty else { return [] }
            var chosen = groups.map { $0.candidates.indices.map { $0 } }
            for _ in 0..<2 {
                for g in groups.indices {
                    var (low, high) = interval(fixed)
                    for other in groups.indices where other != g {
                        let picked = chosen[other].map { groups[other].candidates[$0] }
                        low = max(low, picked.map(\.low).min() ?? Int.min)
                        high = min(high, picked.map(\.high).max() ?? Int.max)
                    }
                    let consistent = groups[g].candidates.indices.filter {
                        groups[g].candidates[$0].low <= high && groups[g].candidates[$0].high >= low
                    }
                    chosen[g] = consistent.isEmpty ? Array(groups[g].candidates.indices) : consistent
                }
            }
            var result: [Constraint] = []
            for g in groups.indices {
                let group = groups[g]
                let picked = chosen[g].map { group.candidates[$0] }
                let all = group.candidates.map(\.label).joined(separator: ", ")
                if picked.count == 1, let only = picked.first {
                    let position = group.candidates.count > 1
                        ? "the \(Timeline.ordinalWord((chosen[g].first ?? 0) + 1)) (\(only.label))" : only.label
                    let note = "\(group.describe) (\(all)); \(position) is the one consistent with the other constraints."
                    for var c in [only.start, only.end].compactMap({ $0 }) {
                        c.note = c.note.map { note + " " + $0 } ?? note
                        result.append(c)
                    }
                } else {
                    // Several fit: the bound spans them (a side stays open if any of them is open there).
                    let note = "\(group.describe) (\(all)); \(picked.count == group.candidates.count && picked.count > 1 ? "none is excluded by" : "several are consistent with") the other constraints, so the bound spans them."
                    if picked.allSatisfy({ $0.start != nil }), var c = picked.min(by: { $0.low < $1.low })?.start {
                        c.note = c.note.map { note + " " + $0 } ?? note
                        result.append(c)
                    }
                    if picked.allSatisfy({ $0.end != nil }), var c = picked.max(by: { $0.high < $1.high })?.end {
                        c.note = c.note.map { note + " " + $0 } ?? note
                        result.append(c)
                    }
                }
            }
            return result
        }

        // MARK: - Result

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

        func claimsJSON(_ constraints: [Constraint], low: Int, high: Int, derivedDisplay: String?) throws -> [JSONValue] {
            let rows = try db.cachedStatement("""
                SELECT edtf, earliest, latest, claimed_by, claimed_by_description, status, reason
                FROM document_dating_claims WHERE document_id = ? ORDER BY ordinal
                """).rows([.text(documentID)]) { row in
                (row.text(0) ?? "", row.int(1).map(Int.init), row.int(2).map(Int.init), row.text(3), row.text(4), row.text(5), row.text(6))
            }
            var result: [JSONValue] = []
            for (edtf, earliest, latest, claimedBy, description, status, reason) in rows {
                let claimLow = earliest ?? Int.min
                let claimHigh = latest ?? Int.max
                var against: [Int] = []
                for (i, c) in constraints.enumerated() {
                    if let d = c.notBeforeDay, claimHigh < d { against.append(i) }
                    else if let d = c.notAfterDay, claimLow > d { against.append(i) }
                }
                let verdict: String
                let sentence: String
                if against.isEmpty {
                    verdict = "consistent"
                    sentence = derivedDisplay.map { "consistent: it overlaps the derived interval (\($0))" }
                        ?? "consistent: no constraint excludes it"
                } else {
                    verdict = "contradicted"
                    // The tightest: the latest not_before above it, else the earliest not_after below it.
                    let before = against.filter { constraints[$0].notBeforeDay.map { claimHigh < $0 } ?? false }
                    let pick = before.max { constraints[$0].notBeforeDay! < constraints[$1].notBeforeDay! }
                        ?? against.min { constraints[$0].notAfterDay! < constraints[$1].notAfterDay! }!
                    sentence = "contradicted: " + constraints[pick].clause
                }
                result.append(.object(JSONObject([
                    ("date", DateObject.make(edtf)),
                    ("claimed_by", try Reference.lookup(claimedBy, in: db)),
                    ("claimed_by_description", JSONValue(description)),
                    ("archive_status", JSONValue(status)),
                    ("reason", JSONValue(reason)),
                    ("status", .string(verdict)),
                    ("sentence", .string(sentence)),
                    ("contradicted_by", .array(against.map { .int(Int64($0)) })),
                ])))
            }
            return result
        }
    }

    /// A constraint from `edtf`, or nil when it does not parse or the side it bounds is unknown.
    static func constraint(kind: String, bound: Bound, edtf: String, subject: JSONValue, clause: String, source: JSONValue) -> Constraint? {
        guard let date = try? EDTFDate.parse(edtf) else { return nil }
        let first = date.earliest?.dayNumber
        let last = date.latest?.dayNumber
        switch bound {
        case .notBefore: guard first != nil else { return nil }
        case .notAfter: guard last != nil else { return nil }
        case .on: guard first != nil || last != nil else { return nil }
        }
        var c = Constraint(kind: kind, bound: bound, edtf: edtf, first: first ?? Int.min, last: last ?? Int.max,
                           subject: subject, clause: clause, source: source)
        c.imprecise = first != last
        return c
    }

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

    // MARK: - English

    /// "the NKGB" (an abbreviation) or "the People's Commissariat …".
    static func institutionName(_ name: String, abbreviation: String?) -> String {
        let base = abbreviation ?? name
        return base.lowercased().hasPrefix("the ") ? base : "the " + base
    }

    /// "3 February 1941" for a day number.
    static func dayText(_ dayNumber: Int) -> String {
        let iso = Day(dayNumber: dayNumber).iso
        return (try? EDTFDate.parse(iso))?.display ?? iso
    }

    /// The display of an EDTF value, or the value itself.
    static func displayText(_ edtf: String) -> String {
        (try? EDTFDate.parse(edtf))?.display ?? edtf
    }

    /// "on 3 February 1941", "in February 1941", "in 1941", "between … and …".
    static func onText(_ edtf: String) -> String {
        guard let date = try? EDTFDate.parse(edtf) else { return "on \(edtf)" }
        let display = date.display
        if let first = date.earliest, first == date.latest { return "on " + display }
        for word in ["between", "from", "until", "about", "before", "after", "the ", "one of", "all of"] where display.hasPrefix(word) {
            return display
        }
        return "in " + display
    }

    /// "Known only to the month (February 1941)".
    static func precisionText(_ edtf: String) -> String {
        let display = displayText(edtf)
        let digits = edtf.filter { $0 != "?" && $0 != "~" && $0 != "%" }
        if digits.count == 7, digits.dropFirst(4).first == "-" { return "Known only to the month (\(display))" }
        if digits.count == 4 { return "Known only to the year (\(display))" }
        return "Known only as a span (\(display))"
    }
}

fileprivate func capitalised(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
