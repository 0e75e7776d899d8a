import Support

/// Writes and reads the `revisions` table: one row per change of an item, numbered by the data
/// revision of its write, holding the item's body in the import format (none for a delete).
enum RevisionLog {
    /// Inserts one revision at the data revision and time `meta` holds now.
    static let insertSQL = """
        INSERT INTO revisions (item_id, type, revision, action, at, curator, summary, body)
        VALUES (?, ?, (SELECT value FROM meta WHERE key = 'revision'), ?,
                (SELECT value FROM meta WHERE key = 'last_modified'), ?, ?, ?)
        """

    /// Records `action` on `item` at the current data revision (the caller bumps it first), with
    /// the body the item now has in the database.
    static func record(_ action: RevisionAction, _ item: ItemKey, curator: String, summary: String?, in db: Connection) throws {
        var body: SQLValue = .null
        if action != .delete {
            let object = try ItemLoader.load(item.id, as: item.type, from: db)
            body = .text(String(decoding: JSONWriter.bytes(.object(object)), as: UTF8.self))
        }
        try db.cachedStatement(insertSQL).run([
            .text(item.id), .text(item.type.rawValue), .text(action.rawValue), .text(curator), .nullable(summary), body,
        ])
    }

    /// What `id` is in the database now: an item of some type, a deleted one, or nothing.
    static func state(of id: String, in db: Connection) throws -> StoredState {
        if let type = try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:)) {
            return .present(type)
        }
        let last = try db.cachedStatement("SELECT type, action, revision FROM revisions WHERE item_id = ? ORDER BY revision DESC LIMIT 1")
            .firstRow([.text(id)]) { row in (ItemType(rawValue: row.text(0) ?? ""), row.text(1), Int(row.int(2) ?? 0)) }
        if let last, let type = last.0, last.1 == RevisionAction.delete.rawValue { return .deleted(type, revision: last.2) }
        return .unknown
    }
}

/// What an id is in the database, whatever its collection.
enum StoredState: Equatable {
    case present(ItemType)
    case deleted(ItemType, revision: Int)
    case unknown

    /// The state as seen from the collection of `type`: an item of another collection is unknown there.
    func seen(as type: ItemType) -> ItemState {
        switch self {
        case .present(let found) where found == type: .present
        case .deleted(let found, let revision) where found == type: .deleted(revision: revision)
        default: .unknown
        }
    }
}
