import Support

/// The values the analysis works with: bounds, constraints and alternative periods.
extension DatingAnalysis {
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
}
