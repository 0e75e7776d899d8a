/// Finds the items that refer to an item, which must not be deleted while they do.
enum Referrers {
    /// Every column that holds a reference to another item, with the column naming the item that
    /// holds the reference (the owner). `ReferrersTests` checks it against the schema's foreign keys.
    static let columns: [(table: String, owner: String, reference: String)] = [
        ("item_sources", "item_id", "source_id"),
        ("places", "id", "country"), ("places", "id", "parent"), ("places", "id", "coordinates_source_id"),
        ("institutions", "id", "parent"), ("institutions", "id", "predecessor"), ("institutions", "id", "successor"),
        ("institution_date_claims", "institution_id", "source_id"),
        ("person_life_events", "person_id", "place"),
        ("person_date_claims", "person_id", "source_id"),
        ("positions", "person_id", "institution_id"),
        ("position_sources", "person_id", "source_id"),
        ("documents", "id", "issuer"), ("documents", "id", "place_of_issue"),
        ("document_co_issuers", "document_id", "institution_id"),
        ("document_issuer_claims", "document_id", "source_id"),
        ("document_dating_claims", "document_id", "claimed_by"),
        ("document_signatories", "document_id", "person_id"), ("document_signatories", "document_id", "institution_id"),
        ("document_named_persons", "document_id", "person_id"), ("document_named_persons", "document_id", "source_id"),
        ("document_copies", "document_id", "place"), ("document_copies", "document_id", "source_id"),
        ("document_publications", "document_id", "in_document"), ("document_publications", "document_id", "source_id"),
        ("event_places", "event_id", "place_id"),
        ("event_documents", "event_id", "document_id"),
        ("event_institutions", "event_id", "institution_id"),
        ("event_estimates", "event_id", "place"), ("event_estimates", "event_id", "source_id"),
        // A relation links its two ends: each end refers to the other, and both to its source.
        ("relations", "from_id", "to_id"), ("relations", "to_id", "from_id"),
        ("relations", "from_id", "source_id"), ("relations", "to_id", "source_id"),
    ]

    /// One query over every column of `columns`: the distinct items (type, id) referring to ?1.
    static let sql: String = {
        let parts = columns.map { "SELECT \($0.owner) AS owner FROM \($0.table) WHERE \($0.reference) = ?1" }
        return """
            SELECT DISTINCT i.type, i.id FROM (\(parts.joined(separator: " UNION ALL "))) r
            JOIN items i ON i.id = r.owner WHERE i.id <> ?1 ORDER BY i.type, i.id
            """
    }()

    /// Every other item referring to `id`, ordered by type and id.
    static func of(_ id: String, in db: Connection) throws -> [ItemKey] {
        try db.cachedStatement(sql).rows([.text(id)]) { row in
            ItemKey(ItemType(rawValue: row.text(0) ?? "") ?? .document, row.text(1) ?? "")
        }
    }
}
