/// The facets of each collection: the `SELECT item, value` pairs each one counts.
struct FacetSource: Sendable {
    let type: ItemType
    let name: String
    /// `SELECT … AS item, … AS value` over rows of `type`'s items only.
    let sql: String
    /// Whose rows the pairs are: the item's own (a write of an item changes only its own pairs),
    /// or, for a document's events, the value's (`event_documents` rows belong to the event).
    let rowsOfValue: Bool

    init(_ type: ItemType, _ name: String, _ sql: String, rowsOfValue: Bool = false) {
        self.type = type
        self.name = name
        self.sql = sql
        self.rowsOfValue = rowsOfValue
    }

    /// The facet `name` of `type`'s lists, if it has one.
    static func named(_ name: String, type: ItemType) -> FacetSource? {
        all.first { $0.type == type && $0.name == name }
    }

    /// The facets of `type`'s lists.
    static func of(_ type: ItemType) -> [FacetSource] { all.filter { $0.type == type } }

    static let all: [FacetSource] = ItemType.allCases.flatMap(common) + [
        FacetSource(.document, "issuer", "SELECT id AS item, issuer AS value FROM documents UNION ALL SELECT document_id, institution_id FROM document_co_issuers"),
        FacetSource(.document, "signatory", "SELECT document_id AS item, person_id AS value FROM document_signatories"),
        FacetSource(.document, "event", "SELECT document_id AS item, event_id AS value FROM event_documents", rowsOfValue: true),
        FacetSource(.person, "institution", "SELECT person_id AS item, institution_id AS value FROM positions"),
        FacetSource(.event, "place", "SELECT event_id AS item, place_id AS value FROM event_places WHERE role IN ('country', 'region')"),
        FacetSource(.event, "document", "SELECT event_id AS item, document_id AS value FROM event_documents"),
        FacetSource(.place, "country", "SELECT id AS item, country AS value FROM places"),
    ]

    private static func common(_ type: ItemType) -> [FacetSource] {
        [
            FacetSource(type, "kind", "SELECT id AS item, kind AS value FROM items WHERE type = '\(type.rawValue)'"),
            // An undated item has no year (a NULL value, never counted); the condition lets the
            // partial index items_type_date answer without reading the rows.
            FacetSource(type, "year", """
                SELECT id AS item, CAST(strftime('%Y', coalesce(earliest, latest) * 86400, 'unixepoch') AS INTEGER) AS value FROM items
                WHERE type = '\(type.rawValue)' AND (earliest IS NOT NULL OR latest IS NOT NULL)
                """),
        ]
    }
}
