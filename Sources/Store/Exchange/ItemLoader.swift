import Support

/// Reads items back from the database in the import format, members in a fixed order, so that
/// an export imported into an empty database exports to the same bytes.
enum ItemLoader {
    /// The item `id` in the import format, or nil when there is none.
    static func load(_ id: String, from db: Connection) throws -> (ItemType, JSONObject)? {
        guard let typeName = try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]),
              let type = ItemType(rawValue: typeName)
        else { return nil }
        return (type, try load(id, as: type, from: db))
    }

    /// The item `id`, known to be of `type`, in the import format.
    static func load(_ id: String, as type: ItemType, from db: Connection) throws -> JSONObject {
        switch type {
        case .document: try loadDocument(id, db)
        case .person: try loadPerson(id, db)
        case .institution: try loadInstitution(id, db)
        case .event: try loadEvent(id, db)
        case .place: try loadPlace(id, db)
        case .source: try loadSource(id, db)
        }
    }

    /// Runs `sql` with `id` and maps each row to an object.
    static func list(_ db: Connection, _ sql: String, _ arguments: [SQLValue], _ map: (Row) -> JSONValue) throws -> JSONValue {
        .array(try db.cachedStatement(sql).rows(arguments) { map($0) })
    }

    static func names(_ db: Connection, _ id: String, role: String) throws -> JSONValue {
        try list(db, "SELECT name FROM item_names WHERE item_id = ? AND role = ? ORDER BY ordinal", [.text(id), .text(role)]) { .string($0.text(0) ?? "") }
    }

    static func sourceIDs(_ db: Connection, _ id: String) throws -> JSONValue {
        try list(db, "SELECT source_id FROM item_sources WHERE item_id = ? ORDER BY ordinal", [.text(id)]) { .string($0.text(0) ?? "") }
    }

    static func loadSource(_ id: String, _ db: Connection) throws -> JSONObject {
        let sql = "SELECT title, author, year, url, kind, language, note, accessed_via FROM sources WHERE id = ?"
        return try db.cachedStatement(sql).firstRow([.text(id)]) { row in
            JSONObject([
                ("id", .string(id)), ("title", row.json(0)), ("author", row.json(1)), ("year", row.json(2)), ("url", row.json(3)),
                ("kind", row.json(4)), ("language", row.json(5)), ("note", row.json(6)), ("accessed_via", row.json(7)),
            ])
        } ?? JSONObject()
    }

    static func loadPlace(_ id: String, _ db: Connection) throws -> JSONObject {
        let sql = "SELECT name, kind, country, parent, lat, lon, note, coordinates_point, coordinates_source_id FROM places WHERE id = ?"
        guard var place = try db.cachedStatement(sql).firstRow([.text(id)], { row in
            JSONObject([
                ("id", .string(id)), ("name", row.json(0)), ("kind", row.json(1)), ("country", row.json(2)), ("parent", row.json(3)),
                ("native_names", .null), ("alternative_names", .null),
                ("coordinates", row.isNull(4) ? .null : ["lat": row.json(4), "lon": row.json(5)]),
                ("coordinates_point", row.json(7)), ("coordinates_source_id", row.json(8)),
                ("note", row.json(6)),
            ])
        }) else { return JSONObject() }
        var native = JSONObject()
        try db.cachedStatement("SELECT language, name FROM item_names WHERE item_id = ? AND role = 'native' ORDER BY ordinal")
            .forEachRow([.text(id)]) { row in native[row.text(0) ?? ""] = row.json(1) }
        place["native_names"] = .object(native)
        place["alternative_names"] = try names(db, id, role: "alternative")
        place["source_ids"] = try sourceIDs(db, id)
        return place
    }
}

extension Row {
    /// Column `index` as JSON: null, an integer, a number or a string, as stored.
    func json(_ index: Int) -> JSONValue {
        switch value(index) {
        case .null: .null
        case .integer(let number): .int(number)
        case .real(let number): .double(number)
        case .text(let text): .string(text)
        case .blob: .null
        }
    }

    /// Column `index` as a JSON boolean (0 or 1).
    func jsonBool(_ index: Int) -> JSONValue { .bool((int(index) ?? 0) != 0) }
}
