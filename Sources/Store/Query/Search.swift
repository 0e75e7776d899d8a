import Support

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
///   With ``SourceOrder/last`` (the default) a source's score is also lowered by
///   ``sourceTierOffset``, so every source comes after every other hit (a source whose id is the
///   query text excepted); ``SourceOrder/ranked`` leaves sources among the other hits by relevance.
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
    /// Taken off a source's score under ``SourceOrder/last``: more than any other hit can score.
    public static let sourceTierOffset = 10_000.0

    /// Where sources (bibliographic entries) go among the hits.
    public enum SourceOrder: String, Sendable, CaseIterable {
        /// After every item of the archive's own (the default).
        case last
        /// Among the other hits, by relevance (a source's relevance still halved).
        case ranked
    }

    static let rankExpression = "bm25(search_index, 10.0, 4.0, 1.0)"

    /// One page of ranked hits `{type, id, title|name, href, snippet, score}` and the keyset of its
    /// last hit when more may follow (`[score, rowid]`; pass it back as `after`).
    ///
    /// Returns no hits for text without a searchable term. Throws ``KeysetError`` for a malformed
    /// `after`.
    static func search(
        _ userText: String, types: Set<ItemType>?, limit: Int, after: [JSONValue]?, sources: SourceOrder = .last,
        in db: Connection
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
            let demoted = isSource && sources == .last && boost < exactIDBoost
            let hit = Scored(score: raw * (isSource ? sourceWeight : 1) + boost - (demoted ? sourceTierOffset : 0), rowid: rowid)
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
    static func total(_ userText: String, types: Set<ItemType>?, in db: Connection) throws -> Int {
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
