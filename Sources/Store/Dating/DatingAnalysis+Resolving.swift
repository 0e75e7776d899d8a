/// The interval the constraints leave, and the choice among alternative periods.
extension DatingAnalysis.Analysis {
    func interval(_ constraints: [DatingAnalysis.Constraint]) -> (low: Int, high: Int) {
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
    mutating func resolveGroups() -> [DatingAnalysis.Constraint] {
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
        var result: [DatingAnalysis.Constraint] = []
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
}
