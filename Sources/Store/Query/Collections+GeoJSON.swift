import Support

extension Collections {
    /// GeoJSON features (RFC 7946) of the items matching `query`: a place as a point at its
    /// coordinates; an event as one point per place it names (where it happened, and where its
    /// deportees were sent). Each feature names which point it is and the source it was read on
    /// (`coordinates_point`, `coordinates_source_id`). Places without coordinates give no feature.
    /// Only the items `ids` among them, when given.
    static func forEachFeature(_ query: CollectionQuery, ids: [String]? = nil, in db: Connection, _ body: (JSONValue) throws -> Void) throws {
        var sql = CollectionSQL(query)
        if let ids {
            sql.conditions.append("i.id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))")
            sql.arguments += ids.map(SQLValue.text)
        }
        let order = CollectionSQL.orderClause(query)
        let statement: String
        switch query.type {
        case .place:
            statement = """
                SELECT i.id, i.label, i.kind, p.lon, p.lat, NULL, NULL, NULL, p.country, p.coordinates_point, p.coordinates_source_id
                FROM items i JOIN places p ON p.id = i.id
                WHERE \(sql.whereClause) AND p.lat IS NOT NULL ORDER BY \(order)
                """
        case .event:
            statement = """
                SELECT i.id, i.label, i.kind, p.lon, p.lat, ep.place_id, pi.label, ep.role, i.edtf, p.coordinates_point, p.coordinates_source_id
                FROM items i JOIN event_places ep ON ep.event_id = i.id JOIN places p ON p.id = ep.place_id
                JOIN items pi ON pi.id = ep.place_id
                WHERE \(sql.whereClause) AND p.lat IS NOT NULL ORDER BY \(order), ep.role, ep.ordinal
                """
        default:
            return
        }
        try db.cachedStatement(statement).forEachRow(sql.arguments) { row in
            let id = row.text(0) ?? ""
            var properties = JSONObject([
                ("id", .string(id)), ("type", .string(query.type.rawValue)), ("name", row.json(1)), ("kind", row.json(2)),
                ("href", .string(Reference.href(query.type, id))),
            ])
            if query.type == .place {
                properties["country"] = row.json(8)
            } else {
                properties["date"] = DateObject.make(row.text(8))
                properties["place"] = Reference.make(.place, row.text(5) ?? "", label: row.text(6) ?? "")
                properties["role"] = row.json(7)
            }
            properties["coordinates_point"] = row.json(9)
            properties["coordinates_source_id"] = row.json(10)
            try body([
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [row.json(3), row.json(4)]],
                "properties": .object(properties),
            ])
        }
    }
}
