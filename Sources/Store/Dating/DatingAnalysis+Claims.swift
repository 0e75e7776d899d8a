import Support

/// Claimed dates judged against the constraints.
extension DatingAnalysis.Analysis {
    func claimsJSON(_ constraints: [DatingAnalysis.Constraint], low: Int, high: Int, derivedDisplay: String?) throws -> [JSONValue] {
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
