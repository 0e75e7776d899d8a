/// The values a collection's closed vocabularies take in the data (for "did you mean" and the
/// 400 that names them): its kinds and its ids.
extension Collections {
    /// The distinct kinds of `type`'s items, sorted: one seek in `items_type_kind` per kind (a
    /// skip scan), not a walk over every item, so an unknown `kind` costs the same at any size.
    static func kinds(of type: ItemType, in db: Connection) throws -> [String] {
        try db.cachedStatement("""
            WITH RECURSIVE k(kind) AS (
                SELECT min(kind) FROM items WHERE type = ?1 AND kind IS NOT NULL
                UNION ALL
                SELECT (SELECT min(kind) FROM items WHERE type = ?1 AND kind > k.kind) FROM k WHERE k.kind IS NOT NULL
            )
            SELECT kind FROM k WHERE kind IS NOT NULL
            """).rows([.text(type.rawValue)]) { row in row.text(0) ?? "" }
    }

    /// How many ids on each side of a missing one ``ids(near:of:in:)`` reads.
    static let suggestionWindow = 1000

    /// The ids of `type`'s items that sort nearest to `id`, at most ``suggestionWindow`` below it
    /// and as many from it on, in order: every id of a collection of up to that many, and a
    /// bounded slice of a large one, so a 404 with its "did you mean" costs the same at a million
    /// items as at a hundred (a typo near the start of a long id may then find nothing).
    static func ids(near id: String, of type: ItemType, in db: Connection) throws -> [String] {
        let arguments: [SQLValue] = [.text(type.rawValue), .text(id), .integer(Int64(suggestionWindow))]
        let below = try db.cachedStatement("SELECT id FROM items WHERE type = ? AND id < ? ORDER BY id DESC LIMIT ?")
            .rows(arguments) { row in row.text(0) ?? "" }
        let from = try db.cachedStatement("SELECT id FROM items WHERE type = ? AND id >= ? ORDER BY id LIMIT ?")
            .rows(arguments) { row in row.text(0) ?? "" }
        return below.reversed() + from
    }

    /// The type of the item with `id`, whatever its collection, or nil.
    static func type(ofItem id: String, in db: Connection) throws -> ItemType? {
        try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:))
    }
}
