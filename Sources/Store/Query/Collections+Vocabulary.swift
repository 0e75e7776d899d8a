/// The values a collection's closed vocabularies take in the data (for "did you mean" and the
/// 400 that names them): its kinds and its ids.
extension Collections {
    /// The distinct kinds of `type`'s items, sorted.
    static func kinds(of type: ItemType, in db: Connection) throws -> [String] {
        try db.cachedStatement("SELECT DISTINCT kind FROM items WHERE type = ? AND kind IS NOT NULL ORDER BY kind")
            .rows([.text(type.rawValue)]) { row in row.text(0) ?? "" }
    }

    /// Every id of `type`'s items, sorted.
    static func ids(of type: ItemType, in db: Connection) throws -> [String] {
        try db.cachedStatement("SELECT id FROM items WHERE type = ? ORDER BY id").rows([.text(type.rawValue)]) { row in row.text(0) ?? "" }
    }

    /// The type of the item with `id`, whatever its collection, or nil.
    static func type(ofItem id: String, in db: Connection) throws -> ItemType? {
        try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]).flatMap(ItemType.init(rawValue:))
    }
}
