import Support

/// The `rendered_items` table: every item's served bytes, kept current by the writes (see
/// ``refresh(_:in:)``), read by `GET /v1/<collection>/<id>` and `GET /v1/documents/<id>/dating`
/// with one indexed lookup.
public enum RenderedItems {
    /// Stored bytes and their strong ETag.
    public struct Stored: Sendable, Equatable {
        public let body: [UInt8]
        public let etag: String
    }

    /// The full JSON of the item `id` of `type` (compact) and its ETag; nil when there is none.
    static func item(_ id: String, type: ItemType, in db: Connection) throws -> Stored? {
        try db.cachedStatement("SELECT body, etag FROM rendered_items WHERE item_id = ? AND type = ?")
            .firstRow([.text(id), .text(type.rawValue)]) { row in Stored(body: row.blob(0) ?? [], etag: row.text(1) ?? "") }
    }

    /// The dating analysis of the document `id` and its ETag; nil when there is no such document.
    static func dating(_ id: String, in db: Connection) throws -> Stored? {
        try db.cachedStatement("SELECT dating, dating_etag FROM rendered_items WHERE item_id = ? AND dating IS NOT NULL")
            .firstRow([.text(id)]) { row in Stored(body: row.blob(0) ?? [], etag: row.text(1) ?? "") }
    }

    /// Renders again, inside the caller's write transaction, every item whose served bytes may
    /// have changed because the items `changed` were written, deleted or had relations added:
    /// those items themselves, every item whose rendering showed one of them, every item one of
    /// them showed before, and every item one of them shows now (a new reverse-list entry).
    /// Nothing else can change: a rendering is made from the rows of the item and of the items
    /// it shows, and only the rows of `changed` were written.
    /// Returns the ids rendered again, sorted. Each item of `changed` is stored as soon as it is
    /// rendered (what the others' lookups read is not affected: they read the reverse index only
    /// for ids of `changed`, and every item whose entries that changes is in `changed`), so only
    /// one rendering is held at a time.
    @discardableResult
    static func refresh(_ changed: some Collection<String>, in db: Connection) throws -> [String] {
        var targets = Set(changed)
        var seen = Set<String>()
        var stored = Set<String>()
        for id in changed where seen.insert(id).inserted {
            targets.formUnion(try embedders(of: id, in: db))
            targets.formUnion(try storedEmbeds(of: id, in: db) ?? [])
            if let type = try currentType(of: id, in: db) {
                let rendering = try Rendering.make(id, type: type, in: db)
                targets.formUnion(rendering.embeds)
                try store(id, rendering, in: db)
                stored.insert(id)
            }
        }
        let ordered = targets.sorted()
        for id in ordered where !stored.contains(id) {
            if let type = try currentType(of: id, in: db) {
                try store(id, try Rendering.make(id, type: type, in: db), in: db)
            } else {
                try remove(id, in: db)
            }
        }
        return ordered
    }

    /// Renders every item afresh (after an import or a migration): the table is rebuilt whole,
    /// the reverse index in one sorted insert.
    static func renderAll(in db: Connection) throws {
        try db.execute("DELETE FROM rendered_embeds; DELETE FROM rendered_items;")
        var after: Int64 = 0
        while true {
            let batch = try db.cachedStatement("SELECT rowid, type, id FROM items WHERE rowid > ? ORDER BY rowid LIMIT 500")
                .rows([.integer(after)]) { row in (row.int(0) ?? 0, ItemType(rawValue: row.text(1) ?? ""), row.text(2) ?? "") }
            guard let last = batch.last else { break }
            after = last.0
            for (_, type, id) in batch {
                guard let type else { continue }
                try insertRow(id, try Rendering.make(id, type: type, in: db), in: db)
            }
        }
        try db.execute("""
            INSERT INTO rendered_embeds (embedded_id, item_id)
            SELECT j.value, r.item_id FROM rendered_items r, json_each(r.embeds) j ORDER BY 1, 2;
            """)
    }

    /// Every difference between the stored renderings and fresh ones, one sentence each.
    static func problems(in db: Connection) throws -> [String] {
        var found: [String] = []
        try problems(in: db) { found.append($0) }
        return found
    }

    /// Calls `report` with every difference between the stored renderings and fresh ones, one
    /// sentence each, as found (for `check`): items are read and rendered 500 at a time.
    static func problems(in db: Connection, report: (String) -> Void) throws {
        var after: Int64 = 0
        while true {
            let batch = try db.cachedStatement("SELECT rowid, type, id FROM items WHERE rowid > ? ORDER BY rowid LIMIT 500")
                .rows([.integer(after)]) { row in (row.int(0) ?? 0, ItemType(rawValue: row.text(1) ?? ""), row.text(2) ?? "") }
            guard let last = batch.last else { break }
            after = last.0
            for (_, type, id) in batch {
                guard let type else { continue }
                let fresh = try Rendering.make(id, type: type, in: db)
                guard let stored = try stored(id, in: db) else {
                    report("\(type.rawValue) \(id): has no stored rendering")
                    continue
                }
                if stored.body != fresh.body || stored.etag != fresh.etag || stored.type != fresh.type {
                    report("\(type.rawValue) \(id): its stored rendering differs from a fresh one")
                }
                if stored.dating != fresh.dating || stored.datingETag != fresh.datingETag {
                    report("\(type.rawValue) \(id): its stored dating analysis differs from a fresh one")
                }
                if stored.embeds != fresh.embeds {
                    report("\(type.rawValue) \(id): its stored list of embedded items differs from a fresh one")
                }
            }
        }
        try db.cachedStatement("""
            SELECT r.type, r.item_id FROM rendered_items r WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = r.item_id AND i.type = r.type)
            ORDER BY r.item_id
            """).forEachRow { row in
            report("\(row.text(0) ?? "item") \(row.text(1) ?? ""): a stored rendering of an item that is not there")
        }
        let mismatched = try db.cachedStatement("""
            SELECT count(*) FROM (
                SELECT embedded_id, item_id FROM rendered_embeds
                EXCEPT SELECT j.value, r.item_id FROM rendered_items r, json_each(r.embeds) j
            ) UNION ALL SELECT count(*) FROM (
                SELECT j.value, r.item_id FROM rendered_items r, json_each(r.embeds) j
                EXCEPT SELECT embedded_id, item_id FROM rendered_embeds
            )
            """).rows { $0.int(0) ?? 0 }
        if mismatched.contains(where: { $0 != 0 }) {
            report("rendered_embeds disagrees with the renderings' lists of embedded items")
        }
    }

    // MARK: - Rows

    private static func currentType(of id: String, in db: Connection) throws -> ItemType? {
        try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:))
    }

    private static func embedders(of id: String, in db: Connection) throws -> [String] {
        try db.cachedStatement("SELECT item_id FROM rendered_embeds WHERE embedded_id = ?").rows([.text(id)]) { $0.text(0) ?? "" }
    }

    private static func storedEmbeds(of id: String, in db: Connection) throws -> [String]? {
        try db.cachedStatement("SELECT embeds FROM rendered_items WHERE item_id = ?").scalarText([.text(id)]).map(decodeList)
    }

    private static func stored(_ id: String, in db: Connection) throws -> Rendering? {
        try db.cachedStatement("SELECT type, body, etag, dating, dating_etag, embeds FROM rendered_items WHERE item_id = ?")
            .firstRow([.text(id)]) { row in
                Rendering(type: ItemType(rawValue: row.text(0) ?? "") ?? .document, body: row.blob(1) ?? [], etag: row.text(2) ?? "",
                          dating: row.isNull(3) ? nil : row.blob(3) ?? [], datingETag: row.text(4), embeds: decodeList(row.text(5) ?? "[]"))
            }
    }

    /// Replaces the rendering of `id` and its entries in the reverse index.
    private static func store(_ id: String, _ rendering: Rendering, in db: Connection) throws {
        let old = Set(try storedEmbeds(of: id, in: db) ?? [])
        let new = Set(rendering.embeds)
        for gone in old.subtracting(new).sorted() {
            try db.cachedStatement("DELETE FROM rendered_embeds WHERE embedded_id = ? AND item_id = ?").run([.text(gone), .text(id)])
        }
        for added in new.subtracting(old).sorted() {
            try db.cachedStatement("INSERT OR IGNORE INTO rendered_embeds (embedded_id, item_id) VALUES (?, ?)").run([.text(added), .text(id)])
        }
        try insertRow(id, rendering, in: db)
    }

    private static func insertRow(_ id: String, _ rendering: Rendering, in db: Connection) throws {
        try db.cachedStatement("""
            INSERT OR REPLACE INTO rendered_items (item_id, type, body, etag, dating, dating_etag, embeds) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).run([
            .text(id), .text(rendering.type.rawValue), .blob(rendering.body), .text(rendering.etag),
            rendering.dating.map(SQLValue.blob) ?? .null, .nullable(rendering.datingETag), .text(encodeList(rendering.embeds)),
        ])
    }

    /// Drops the rendering of `id` (the item is gone) and its entries in the reverse index.
    private static func remove(_ id: String, in db: Connection) throws {
        for gone in try storedEmbeds(of: id, in: db) ?? [] {
            try db.cachedStatement("DELETE FROM rendered_embeds WHERE embedded_id = ? AND item_id = ?").run([.text(gone), .text(id)])
        }
        try db.cachedStatement("DELETE FROM rendered_items WHERE item_id = ?").run([.text(id)])
    }

    private static func encodeList(_ ids: [String]) -> String {
        JSONWriter.string(.array(ids.map(JSONValue.string)))
    }

    private static func decodeList(_ text: String) -> [String] {
        guard case .array(let values)? = try? JSONParser.parse(Array(text.utf8)) else { return [] }
        return values.compactMap(\.stringValue)
    }
}

extension Archive {
    /// The items a relation of an import shows on: its two ends and its source.
    static func ends(_ relation: RowInsert) -> [String] {
        zip(relation.columns, relation.values).compactMap { column, value in
            guard ["from_id", "to_id", "source_id"].contains(column), case .text(let id) = value else { return nil }
            return id
        }
    }
}

extension RenderedItems {
    /// The tables of schema version 4, as `schema.sql` creates them (a test compares them).
    static let tablesSQL = """
        CREATE TABLE rendered_items (
            item_id     TEXT PRIMARY KEY,
            type        TEXT NOT NULL,
            body        BLOB NOT NULL,
            etag        TEXT NOT NULL,
            dating      BLOB,
            dating_etag TEXT,
            embeds      TEXT NOT NULL
        ) STRICT;
        CREATE TABLE rendered_embeds (
            embedded_id TEXT NOT NULL,
            item_id     TEXT NOT NULL,
            PRIMARY KEY (embedded_id, item_id)
        ) STRICT, WITHOUT ROWID;
        """

    /// Versions before 4 had no stored renderings: the tables are made and every item rendered.
    static func migrateToVersionFour(_ db: Connection) throws {
        try db.execute("DROP TABLE IF EXISTS rendered_embeds; DROP TABLE IF EXISTS rendered_items;\n" + tablesSQL)
        try renderAll(in: db)
    }
}
