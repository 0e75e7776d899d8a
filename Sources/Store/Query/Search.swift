/// Full-text search across every collection, over the FTS5 table `search_index` (columns `label`,
/// `names`, `body`; tokenizer `unicode61 remove_diacritics 2`; rowid = `items.rowid`).
///
/// - Query language (``ftsQuery(from:)``): any text is a query. Words (runs of Unicode letters and
///   digits) are terms, all of which must match; `"two words"` is a phrase; a trailing `*` makes a
///   prefix (`deport*`); a word with inner punctuation (`nkvd-order-001223`, `Šiaulių.apskr`) is the
///   phrase of its parts. Nothing else has a meaning: FTS5 operators, columns, `NEAR(`, `^`,
///   parentheses and stray quotes are dropped. Case and diacritics are folded by the tokenizer.
/// - Ranking: `score = -bm25(search_index, 10, 4, 1)` (label = title or name and the id, weight 10;
///   alternative/native names, numbers, headings, weight 4; summary and notes, weight 1), plus
///   ``exactIDBoost`` (2000) when the query text is the item's id, or ``exactLabelBoost`` (1000;
///   500 for a source) when it is the item's title/name, ignoring ASCII case; a source's bm25 part
///   is halved (``sourceWeight``), so the archive's own items come before the works about them.
///   Higher is better. Ties are broken by rowid (ascending), so the order is total and stable.
/// - Snippet: plain text of at most about 12 tokens of the summary (or of the names, or the
///   title/name itself, whichever holds a match first, in that order), each match between
///   ``openMark`` and ``closeMark`` (`«Šiauliai»`), `…` where text is left out.
/// - Pagination: keyset `[score, rowid]` of the last hit of a page. Every page scores the matches
///   once, keeps only the best `limit + 1` after the keyset in a bounded buffer (no SQL sort of all
///   matches), and computes snippets for the `limit` hits it returns only.
public enum Search {
    /// Marks around a matched token in a snippet.
    public static let openMark = "«"
    public static let closeMark = "»"
    /// Added to the score of a hit whose id equals the query text.
    public static let exactIDBoost = 2000.0
    /// Added to the score of a hit whose title/name equals the query text (ignoring ASCII case);
    /// half of it for a source, so that "Ivan Serov" puts the person before the article so titled.
    public static let exactLabelBoost = 1000.0
    /// The factor applied to the relevance of a source (a bibliographic entry), so that the
    /// archive's own items come before the works that describe them.
    public static let sourceWeight = 0.5
    /// At most this many terms are taken from the user's text (the rest is ignored).
    public static let maxTerms = 32
    /// At most this many characters of one term.
    static let maxTermLength = 200
    /// Longest snippet, in characters, when the title/name is used as the snippet.
    static let maxSnippetCharacters = 240

    static let rankExpression = "bm25(search_index, 10.0, 4.0, 1.0)"

    // MARK: - Query text

    /// A safe FTS5 MATCH expression for any user text, or nil when it holds no searchable term.
    ///
    /// The result consists only of double-quoted strings of letters, digits and single spaces,
    /// each optionally followed by `*`, separated by spaces (implicit AND): the FTS5 query parser
    /// can never fail on it.
    public static func ftsQuery(from userText: String) -> String? {
        let terms = parseTerms(userText)
        guard !terms.isEmpty else { return nil }
        return terms.map { term in "\"" + term.words.joined(separator: " ") + "\"" + (term.prefix ? "*" : "") }
            .joined(separator: " ")
    }

    struct Term: Equatable {
        var words: [String]
        var prefix: Bool
    }

    /// Splits user text into terms (see ``ftsQuery(from:)``).
    static func parseTerms(_ text: String) -> [Term] {
        let chars = Array(text)
        var terms: [Term] = []
        var i = 0
        func add(_ segment: ArraySlice<Character>, prefix: Bool) {
            guard terms.count < maxTerms else { return }
            let words = wordRuns(segment)
            guard !words.isEmpty else { return }
            terms.append(Term(words: words, prefix: prefix))
        }
        while i < chars.count, terms.count < maxTerms {
            let c = chars[i]
            if c == "\"" {
                // A phrase up to the closing quote; an unbalanced quote is ignored.
                if let close = chars[(i + 1)...].firstIndex(of: "\"") {
                    let prefix = close + 1 < chars.count && chars[close + 1] == "*"
                    add(chars[(i + 1)..<close], prefix: prefix)
                    i = close + (prefix ? 2 : 1)
                } else {
                    i += 1
                }
            } else if c.isWhitespace {
                i += 1
            } else {
                var end = i
                while end < chars.count, !chars[end].isWhitespace, chars[end] != "\"" { end += 1 }
                let segment = chars[i..<end]
                let prefix = segment.count > 1 && segment.last == "*" && isWordCharacter(segment[end - 2])
                let groups = wordGroups(segment)
                for (index, words) in groups.enumerated() where terms.count < maxTerms {
                    terms.append(Term(words: words, prefix: prefix && index == groups.count - 1))
                }
                i = end
            }
        }
        return terms
    }

    /// Punctuation that joins the words around it into a phrase (`nkvd-order-001223`, `1,000`,
    /// `J.Bērziņš`, `col:term`); any other non-word character separates terms.
    static let joiners: Set<Character> = ["-", "‐", "‑", "–", ".", ",", "/", "'", "’", "_", ":", "@", "#", "&", "·"]

    /// The terms in `segment` (a run without whitespace or quotes): word runs joined by joiners
    /// form one phrase, other punctuation splits.
    private static func wordGroups(_ segment: ArraySlice<Character>) -> [[String]] {
        var groups: [[String]] = []
        var words: [String] = []
        var current = ""
        var length = 0
        func endWord() {
            if !current.isEmpty { words.append(current) }
            current = ""
            length = 0
        }
        func endGroup() {
            endWord()
            if !words.isEmpty { groups.append(words) }
            words = []
        }
        for c in segment {
            if isWordCharacter(c) {
                if length < maxTermLength { current.append(c); length += 1 }
            } else if joiners.contains(c) {
                endWord()
            } else {
                endGroup()
            }
        }
        endGroup()
        return groups
    }

    /// The runs of word characters in `segment` (inside a quoted phrase: all one phrase).
    private static func wordRuns(_ segment: ArraySlice<Character>) -> [String] {
        wordGroups(segment).flatMap { $0 }
    }

    /// Letters and digits of any script (a letter with combining marks is one Character).
    static func isWordCharacter(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    // MARK: - Searching

    /// One page of ranked hits `{type, id, title|name, href, snippet, score}` and the keyset of its
    /// last hit when more may follow (`[score, rowid]`; pass it back as `after`).
    ///
    /// Returns no hits for text without a searchable term. Throws ``KeysetError`` for a malformed
    /// `after`.
    public static func search(
        _ userText: String, types: Set<ItemType>?, limit: Int, after: [JSONValue]?, in db: Connection
    ) throws -> (items: [JSONValue], next: [JSONValue]?) {
        let keyset = try after.map(parseKeyset)
        guard let match = ftsQuery(from: userText), limit > 0 else { return ([], nil) }
        if let types, types.isEmpty { return ([], nil) }
        let exact = try exactRowIDs(userText, in: db)

        // Score every match once; keep the best `limit + 1` after the keyset.
        var top = TopK(capacity: limit + 1)
        let (sql, values) = rankedSQL(match: match, types: types)
        let typeOf = try db.cachedStatement("SELECT type FROM items WHERE rowid = ?")
        let typed = types != nil && types!.count < ItemType.allCases.count
        try db.cachedStatement(sql).forEachRow(values) { row in
            let rowid = row.int(0) ?? 0
            let raw = -(row.double(1) ?? 0)  // FTS5 clamps IDF above 0: raw >= 0
            let boost = exact[rowid] ?? 0
            // `raw + boost` bounds the final score from above: most rows are dismissed on it,
            // before their type is looked up (only rows that could enter the page pay for it).
            let bound = Scored(score: raw + boost, rowid: rowid)
            if let worst = top.worst, top.isFull, !bound.precedes(worst) { return }
            let isSource: Bool
            if typed {
                isSource = row.text(2) == ItemType.source.rawValue
            } else {
                isSource = try typeOf.scalarText([.integer(rowid)]) == ItemType.source.rawValue
            }
            let hit = Scored(score: raw * (isSource ? sourceWeight : 1) + boost, rowid: rowid)
            if let keyset, !keyset.precedes(hit) { return }
            top.insert(hit)
        }
        let hits = top.sorted
        let page = hits.prefix(limit)
        var items: [JSONValue] = []
        items.reserveCapacity(page.count)
        for hit in page {
            if let item = try describe(hit, match: match, in: db) { items.append(item) }
        }
        let next: [JSONValue]? = hits.count > limit ? page.last.map { [.double($0.score), .int($0.rowid)] } : nil
        return (items, next)
    }

    /// How many items match `userText` (0 for text without a searchable term).
    public static func total(_ userText: String, types: Set<ItemType>?, in db: Connection) throws -> Int {
        guard let match = ftsQuery(from: userText) else { return 0 }
        if let types, types.isEmpty { return 0 }
        if let types, types.count < ItemType.allCases.count {
            let typeList = types.map(\.rawValue).sorted()
            let sql = "SELECT count(*) FROM search_index JOIN items ON items.rowid = search_index.rowid WHERE search_index MATCH ? AND items.type IN (\(placeholders(typeList.count)))"
            return Int(try db.cachedStatement(sql).scalarInt([.text(match)] + typeList.map { .text($0) }) ?? 0)
        }
        return Int(try db.cachedStatement("SELECT count(*) FROM search_index WHERE search_index MATCH ?").scalarInt([.text(match)]) ?? 0)
    }

    static func rankedSQL(match: String, types: Set<ItemType>?) -> (String, [SQLValue]) {
        if let types, types.count < ItemType.allCases.count {
            let typeList = types.map(\.rawValue).sorted()
            return ("""
                SELECT search_index.rowid, \(rankExpression), items.type FROM search_index JOIN items ON items.rowid = search_index.rowid
                WHERE search_index MATCH ? AND items.type IN (\(placeholders(typeList.count)))
                """, [.text(match)] + typeList.map { .text($0) })
        }
        return ("SELECT rowid, \(rankExpression) FROM search_index WHERE search_index MATCH ?", [.text(match)])
    }

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    /// Rowids of the items whose id, or title/name (ignoring case), is the query text itself
    /// (surrounding quotes, a trailing `*` and outer whitespace ignored).
    static func exactRowIDs(_ userText: String, in db: Connection) throws -> [Int64: Double] {
        var text = userText.trimmingWhitespace
        while text.hasSuffix("*") { text.removeLast() }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        text = text.trimmingWhitespace
        guard !text.isEmpty, text.utf8.count <= 1000 else { return [:] }
        var found: [Int64: Double] = [:]
        let lowered = text.lowercased()
        if let rowid = try db.cachedStatement("SELECT rowid FROM items WHERE id = ?").scalarInt([.text(lowered)]) {
            found[rowid] = exactIDBoost
        }
        // items_type_label (type, label COLLATE NOCASE, id) answers this with one seek per type.
        // NOCASE folds ASCII letters only: "šiauliai" is not an exact match of "Šiauliai" (the
        // label weight still ranks it high).
        let typeList = ItemType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.cachedStatement("SELECT rowid, type FROM items WHERE type IN (\(typeList)) AND label = ? COLLATE NOCASE")
            .forEachRow([.text(text)]) { row in
                guard let rowid = row.int(0), found[rowid] == nil else { return }
                found[rowid] = row.text(1) == ItemType.source.rawValue ? exactLabelBoost / 2 : exactLabelBoost
            }
        return found
    }

    /// The hit object for one scored row (nil if the item vanished, which a read snapshot prevents).
    static func describe(_ hit: Scored, match: String, in db: Connection) throws -> JSONValue? {
        let sql = """
            SELECT items.type, items.id, items.label,
                   snippet(search_index, 2, '\(openMark)', '\(closeMark)', '…', 12),
                   snippet(search_index, 1, '\(openMark)', '\(closeMark)', '…', 12),
                   highlight(search_index, 0, '\(openMark)', '\(closeMark)')
            FROM search_index JOIN items ON items.rowid = search_index.rowid
            WHERE search_index MATCH ? AND search_index.rowid = ?
            """
        return try db.cachedStatement(sql).firstRow([.text(match), .integer(hit.rowid)]) { row -> JSONValue? in
            guard let type = ItemType(rawValue: row.text(0) ?? ""), let id = row.text(1) else { return nil }
            let label = row.text(2) ?? ""
            let snippet = chooseSnippet(body: row.text(3), names: row.text(4), label: row.text(5), fallback: label)
            return .object(JSONObject([
                ("type", .string(type.rawValue)), ("id", .string(id)), (type.displayField, .string(label)),
                ("href", .string(Reference.href(type, id))), ("snippet", .string(snippet)), ("score", .double(hit.score)),
            ]))
        } ?? nil
    }

    /// The summary's snippet if it marks a match, else the names', else the highlighted title/name
    /// (the label column holds "label id": the id is cut off).
    static func chooseSnippet(body: String?, names: String?, label: String?, fallback: String) -> String {
        if let body, body.contains(openMark) { return body }
        if let names, names.contains(openMark) { return names }
        if let label, let space = label.lastIndex(of: " ") {
            var text = String(label[..<space])
            let opens = text.filter { $0 == "«" }.count
            let closes = text.filter { $0 == "»" }.count
            if opens > closes { text += closeMark }
            if text.count > maxSnippetCharacters { text = truncate(text) }
            return text
        }
        return fallback.count > maxSnippetCharacters ? truncate(fallback) : fallback
    }

    private static func truncate(_ text: String) -> String {
        var cut = String(text.prefix(maxSnippetCharacters))
        if cut.filter({ $0 == "«" }).count > cut.filter({ $0 == "»" }).count { cut += closeMark }
        return cut + "…"
    }

    // MARK: - Keyset and top-K

    struct Scored: Equatable {
        var score: Double
        var rowid: Int64

        /// Whether `self` comes before `other`: higher score first, then lower rowid.
        func precedes(_ other: Scored) -> Bool {
            score != other.score ? score > other.score : rowid < other.rowid
        }
    }

    static func parseKeyset(_ values: [JSONValue]) throws -> Scored {
        guard values.count == 2 else { throw KeysetError.invalid("a search keyset is [score, rowid]") }
        let score: Double
        switch values[0] {
        case .double(let d) where d.isFinite: score = d
        case .int(let i): score = Double(i)
        default: throw KeysetError.invalid("a search keyset's score must be a number")
        }
        guard case .int(let rowid) = values[1] else { throw KeysetError.invalid("a search keyset's rowid must be an integer") }
        return Scored(score: score, rowid: rowid)
    }

    /// The best `capacity` hits seen so far, kept sorted best first (capacity is small: limit + 1).
    struct TopK {
        let capacity: Int
        private(set) var sorted: [Scored] = []
        var isFull: Bool { sorted.count == capacity }
        var worst: Scored? { sorted.last }

        init(capacity: Int) {
            self.capacity = capacity
            sorted.reserveCapacity(min(capacity, 1024))
        }

        mutating func insert(_ hit: Scored) {
            if sorted.count == capacity {
                guard let worst = sorted.last, hit.precedes(worst) else { return }
                sorted.removeLast()
            }
            // Binary search for the first element that `hit` precedes.
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid].precedes(hit) { low = mid + 1 } else { high = mid }
            }
            sorted.insert(hit, at: low)
        }
    }
}

/// A keyset (`after`) that is not one this store handed out.
public enum KeysetError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let message): message }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines.
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
