/// "Did you mean …": the known names nearest to a mistyped one, by edit distance (optimal string
/// alignment: insertions, deletions, substitutions and swaps of two neighbours each cost 1),
/// compared case-insensitively.
public enum NearestNames {
    /// At most `limit` of `candidates` within a distance that grows with the name's length
    /// (1 up to 4 characters, then a third of it, at most 4), nearest first, ties in the
    /// candidates' order. Empty when nothing is near, or the name is itself a candidate.
    public static func nearest(to name: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let typed = Array(name.lowercased().unicodeScalars)
        guard !typed.isEmpty, typed.count <= 200 else { return [] }
        let allowed = min(4, max(1, typed.count / 3))
        var scored: [(distance: Int, index: Int, name: String)] = []
        for (index, candidate) in candidates.enumerated() {
            let known = Array(candidate.lowercased().unicodeScalars)
            if known == typed { return [] }
            guard abs(known.count - typed.count) <= allowed else { continue }
            let distance = Self.distance(typed, known, cap: allowed)
            if distance <= allowed { scored.append((distance, index, candidate)) }
        }
        scored.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        var names: [String] = []
        for entry in scored where !names.contains(entry.name) && names.count < limit { names.append(entry.name) }
        return names
    }

    /// " Did you mean 'a' or 'b'?" (with a leading space), or "" when nothing is near.
    public static func suggestion(for name: String, in candidates: some Sequence<String>, limit: Int = 3) -> String {
        let names = nearest(to: name, in: candidates, limit: limit).map { "'\($0)'" }
        guard let last = names.last else { return "" }
        let list = names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
        return " Did you mean \(list)?"
    }

    /// The optimal-string-alignment distance of `a` and `b`; stops early above `cap` (returns cap + 1).
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > cap { return cap == .max ? rowMinimum : cap + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
