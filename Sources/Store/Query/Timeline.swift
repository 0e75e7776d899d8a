import Support

/// The timeline: everything dated, as entries `{date, kind, subject, label}` in order of earliest
/// day, then latest day, then kind, subject id and ordinal (a total, stable order).
///
/// Entries are materialised in `timeline_entries`, one row per dated fact of an item, rewritten by
/// ``refresh(itemID:in:)`` whenever the item is written (and removed with it: ON DELETE CASCADE).
/// Only the subject's own data is stored; the subject's current name and a copy's place are
/// joined in when read, so renaming another item never leaves a stale label.
///
/// Kinds: `document` (its accepted date), `copy-received` (a copy's received-stamp), `event`
/// (start to end), `institution-founded` / `institution-dissolved` (for an institution that
/// existed more than once, the start and end of each of its `active_periods`, the later starts
/// labelled "re-established"), `institution-active` (each active period, only where periods are
/// recorded), `person-born`, `person-died`, `position-started`, `position-ended`,
/// `position-attested` (a day on which a post is known to have been held).
///
/// Open or unknown bounds (`../1941`, `1941/..`) are stored as sentinels: an unknown earliest day
/// sorts before every known one, an unknown latest day after every known one, and both reach
/// every window on their open side. Values that allow no day at all are not entries.
/// The keyset of an entry is `[earliest, latest, kind, subject_id, ordinal]` (day numbers or the
/// sentinels); a page seeks to it in the index, so page 1,000 costs what page 1 costs.
public enum Timeline {
    /// Every kind of entry, in the order of the tie-break (alphabetical).
    public static let kinds: [String] = [
        "copy-received", "document", "event", "institution-active", "institution-dissolved", "institution-founded",
        "person-born", "person-died", "position-attested", "position-ended", "position-started",
    ]

    /// Stored for an unknown or open earliest day: before any day `Day` supports.
    static let unknownEarliest: Int64 = -4_000_000_000_000
    /// Stored for an unknown or open latest day: after any day `Day` supports.
    static let unknownLatest: Int64 = 4_000_000_000_000

    // MARK: - Reading

    /// One page of entries whose span overlaps the window from `from` (its first day) to `to`
    /// (its last day); either end may be open. `kinds` and `types` (of the subject) filter.
    /// `next` is the keyset of the page's last entry when another page follows.
    /// Throws ``KeysetError`` for a malformed `after`.
    static func entries(
        from: Day?, to: Day?, kinds: Set<String>?, types: Set<ItemType>?, limit: Int, after: [JSONValue]?,
        in db: Connection
    ) throws -> (items: [JSONValue], next: [JSONValue]?) {
        guard limit > 0 else { return ([], nil) }
        var (conditions, values) = filter(from: from, to: to, kinds: kinds, types: types)
        if let after {
            let key = try parseKeyset(after)
            conditions.append("(t.earliest, t.latest, t.kind, t.subject_id, t.ordinal) > (?, ?, ?, ?, ?)")
            values += [.integer(key.earliest), .integer(key.latest), .text(key.kind), .text(key.subjectID), .integer(key.ordinal)]
        }
        let sql = """
            SELECT t.earliest, t.latest, t.kind, t.subject_id, t.ordinal, t.subject_type, t.edtf, t.label, i.label, r.label
            FROM timeline_entries AS t
            JOIN items AS i ON i.id = t.subject_id
            LEFT JOIN items AS r ON r.id = t.related_id
            WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
            ORDER BY t.earliest, t.latest, t.kind, t.subject_id, t.ordinal
            LIMIT ?
            """
        var items: [JSONValue] = []
        var keys: [[JSONValue]] = []
        try db.cachedStatement(sql).forEachRow(values + [.integer(Int64(limit) + 1)]) { row in
            let kind = row.text(2) ?? ""
            let subjectID = row.text(3) ?? ""
            keys.append([.int(row.int(0) ?? 0), .int(row.int(1) ?? 0), .string(kind), .string(subjectID), .int(row.int(4) ?? 0)])
            guard let type = ItemType(rawValue: row.text(5) ?? "") else { return }
            var label = row.text(7) ?? ""
            if let related = row.text(9) { label += " in " + related }
            items.append(.object(JSONObject([
                ("date", DateObject.make(row.text(6))), ("kind", .string(kind)),
                ("subject", Reference.make(type, subjectID, label: row.text(8) ?? "")), ("label", .string(label)),
            ])))
        }
        guard items.count > limit else { return (items, nil) }
        return (Array(items.prefix(limit)), keys[limit - 1])
    }

    /// How many entries match (the same filters as ``entries(from:to:kinds:types:limit:after:in:)``).
    static func total(from: Day?, to: Day?, kinds: Set<String>?, types: Set<ItemType>?, in db: Connection) throws -> Int {
        let (conditions, values) = filter(from: from, to: to, kinds: kinds, types: types)
        let sql = "SELECT count(*) FROM timeline_entries AS t WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))"
        return Int(try db.cachedStatement(sql).scalarInt(values) ?? 0)
    }

    private static func filter(from: Day?, to: Day?, kinds: Set<String>?, types: Set<ItemType>?) -> ([String], [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let to {
            conditions.append("t.earliest <= ?")
            values.append(.integer(Int64(to.dayNumber)))
        }
        if let from {
            conditions.append("t.latest >= ?")
            values.append(.integer(Int64(from.dayNumber)))
        }
        if let kinds {
            let list = kinds.sorted()
            conditions.append(list.isEmpty ? "0" : "t.kind IN (\(Search.placeholders(list.count)))")
            values += list.map { .text($0) }
        }
        if let types, types.count < ItemType.allCases.count {
            let list = types.map(\.rawValue).sorted()
            conditions.append(list.isEmpty ? "0" : "t.subject_type IN (\(Search.placeholders(list.count)))")
            values += list.map { .text($0) }
        }
        return (conditions, values)
    }

    struct Keyset {
        var earliest: Int64, latest: Int64, kind: String, subjectID: String, ordinal: Int64
    }

    static func parseKeyset(_ values: [JSONValue]) throws -> Keyset {
        guard values.count == 5, case .int(let earliest) = values[0], case .int(let latest) = values[1],
              case .string(let kind) = values[2], case .string(let subjectID) = values[3], case .int(let ordinal) = values[4]
        else { throw KeysetError.invalid("a timeline keyset is [earliest, latest, kind, subject_id, ordinal]") }
        return Keyset(earliest: earliest, latest: latest, kind: kind, subjectID: subjectID, ordinal: ordinal)
    }

    // MARK: - Writing

    /// Rewrites the timeline entries of `itemID` from its rows (none if it does not exist).
    /// Called by the store after an item's rows are written, inside the same transaction.
    static func refresh(itemID: String, in db: Connection) throws {
        try db.cachedStatement("DELETE FROM timeline_entries WHERE subject_id = ?").run([.text(itemID)])
        let item = try db.cachedStatement("SELECT type, label, edtf FROM items WHERE id = ?").firstRow([.text(itemID)]) { row in
            (ItemType(rawValue: row.text(0) ?? ""), row.text(1) ?? "", row.text(2))
        }
        guard let item, let type = item.0 else { return }
        var entries: [Entry] = []
        switch type {
        case .document: try documentEntries(itemID, title: item.1, edtf: item.2, into: &entries, db)
        case .event: entries.append(Entry(kind: "event", ordinal: 0, edtf: item.2, label: item.1))
        case .institution: try institutionEntries(itemID, name: item.1, into: &entries, db)
        case .person: try personEntries(itemID, name: item.1, into: &entries, db)
        case .place, .source: break
        }
        let insert = try db.cachedStatement("""
            INSERT INTO timeline_entries (earliest, latest, kind, subject_id, ordinal, subject_type, edtf, label, related_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            guard let edtf = entry.edtf, let date = try? EDTFDate.parse(edtf), date.earliest != nil || date.latest != nil else { continue }
            try insert.run([
                .integer(date.earliest.map { Int64($0.dayNumber) } ?? unknownEarliest),
                .integer(date.latest.map { Int64($0.dayNumber) } ?? unknownLatest),
                .text(entry.kind), .text(itemID), .integer(Int64(entry.ordinal)), .text(type.rawValue), .text(edtf),
                .text(entry.label), entry.related.map { .text($0) } ?? .null,
            ])
        }
    }

    /// Rebuilds the whole timeline (for a database written before the timeline existed).
    static func rebuild(in db: Connection) throws {
        try db.execute("DELETE FROM timeline_entries")
        let ids = try db.cachedStatement("SELECT id FROM items WHERE type IN ('document', 'event', 'institution', 'person')").rows { $0.text(0) ?? "" }
        for id in ids { try refresh(itemID: id, in: db) }
    }

    struct Entry {
        var kind: String
        var ordinal: Int
        var edtf: String?
        var label: String
        var related: String? = nil
    }

    private static func documentEntries(_ id: String, title: String, edtf: String?, into entries: inout [Entry], _ db: Connection) throws {
        entries.append(Entry(kind: "document", ordinal: 0, edtf: edtf, label: title))
        try db.cachedStatement("SELECT ordinal, received, place FROM document_copies WHERE document_id = ? ORDER BY ordinal")
            .forEachRow([.text(id)]) { row in
                entries.append(Entry(kind: "copy-received", ordinal: Int(row.int(0) ?? 0), edtf: row.text(1),
                                     label: "A copy of \(title) received", related: row.text(2)))
            }
    }

    private static func institutionEntries(_ id: String, name: String, into entries: inout [Entry], _ db: Connection) throws {
        let row = try db.cachedStatement("SELECT abbreviation, founded, dissolved FROM institutions WHERE id = ?").firstRow([.text(id)]) {
            ($0.text(0), $0.text(1), $0.text(2))
        }
        guard let row else { return }
        let short = row.0 ?? name
        let periods = try db.cachedStatement("SELECT ordinal, edtf FROM institution_periods WHERE institution_id = ? ORDER BY ordinal")
            .rows([.text(id)]) { (Int($0.int(0) ?? 0), $0.text(1) ?? "") }
        if periods.isEmpty {
            entries.append(Entry(kind: "institution-founded", ordinal: 0, edtf: row.1, label: "\(short) founded"))
            entries.append(Entry(kind: "institution-dissolved", ordinal: 0, edtf: row.2, label: "\(short) dissolved"))
            return
        }
        for (index, period) in periods.enumerated() {
            let (start, end) = intervalEnds(period.1)
            let ordinal = period.0
            let nth = periods.count > 1 ? " (\(ordinalWord(index + 1)) period)" : ""
            entries.append(Entry(kind: "institution-active", ordinal: ordinal, edtf: period.1, label: "\(short) in existence\(nth)"))
            entries.append(Entry(kind: "institution-founded", ordinal: ordinal, edtf: start,
                                 label: index == 0 ? "\(short) founded" : "\(short) re-established"))
            entries.append(Entry(kind: "institution-dissolved", ordinal: ordinal, edtf: end,
                                 label: index == periods.count - 1 ? "\(short) dissolved" : "\(short) ceased to exist"))
        }
    }

    private static func personEntries(_ id: String, name: String, into entries: inout [Entry], _ db: Connection) throws {
        try db.cachedStatement("SELECT event, edtf FROM person_life_events WHERE person_id = ? ORDER BY event").forEachRow([.text(id)]) { row in
            let event = row.text(0) ?? ""
            entries.append(Entry(kind: "person-\(event)", ordinal: 0, edtf: row.text(1), label: "\(name) \(event)"))
        }
        try db.cachedStatement("SELECT ordinal, title, from_edtf, to_edtf, attested FROM positions WHERE person_id = ? ORDER BY ordinal")
            .forEachRow([.text(id)]) { row in
                let ordinal = Int(row.int(0) ?? 0)
                let title = row.text(1) ?? ""
                entries.append(Entry(kind: "position-started", ordinal: ordinal, edtf: row.text(2), label: "\(name) became \(title)"))
                entries.append(Entry(kind: "position-ended", ordinal: ordinal, edtf: row.text(3), label: "\(name) left the post of \(title)"))
                entries.append(Entry(kind: "position-attested", ordinal: ordinal, edtf: row.text(4), label: "\(name) attested as \(title)"))
            }
    }

    /// The start and end of an EDTF interval "a/b" (nil for an open or unknown end); a value that
    /// is not an interval is both.
    static func intervalEnds(_ edtf: String) -> (String?, String?) {
        guard let slash = edtf.firstIndex(of: "/") else { return (edtf, edtf) }
        let start = String(edtf[..<slash])
        let end = String(edtf[edtf.index(after: slash)...])
        func known(_ s: String) -> String? { s.isEmpty || s == ".." ? nil : s }
        return (known(start), known(end))
    }

    static func ordinalWord(_ n: Int) -> String {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        return n >= 1 && n <= words.count ? words[n - 1] : "\(n)th"
    }
}
