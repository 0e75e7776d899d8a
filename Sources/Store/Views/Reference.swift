import Support

/// The small object by which one item refers to another:
/// `{"type": "institution", "id": "nkgb", "name": "…", "href": "/v1/institutions/nkgb"}`
/// (`title` instead of `name` for documents and sources).
public enum Reference {
    /// The path of an item.
    public static func href(_ type: ItemType, _ id: String) -> String { ResourcePath.item(collection: type.collection, id: id) }

    /// A reference to `id` of `type`, named `label`.
    public static func make(_ type: ItemType, _ id: String, label: String) -> JSONValue {
        .object(JSONObject([
            ("type", .string(type.rawValue)), ("id", .string(id)), (type.displayField, .string(label)),
            ("href", .string(href(type, id))),
        ]))
    }

    /// A reference to `id`, looked up in `db` (type and label); null when there is no such item.
    static func lookup(_ id: String?, in db: Connection) throws -> JSONValue {
        guard let id else { return .null }
        let found = try db.cachedStatement("SELECT type, label FROM items WHERE id = ?").firstRow([.text(id)]) { row in
            (ItemType(rawValue: row.text(0) ?? ""), row.text(1) ?? "")
        }
        guard let found, let type = found.0 else { return .null }
        return make(type, id, label: found.1)
    }
}
