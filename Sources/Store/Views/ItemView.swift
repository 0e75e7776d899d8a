import Support

/// The full representation of one item, served by `GET /v1/<collection>/<id>`.
///
/// Built from the item in the import format (``ItemLoader``) plus the reverse references the
/// database holds. Every reference by id becomes the reference object of API.md
/// (`{"type", "id", "name"|"title", "href"}`, ``Reference``), every EDTF date the date object
/// (``DateObject``), and every contested value is served as its claims side by side.
///
/// ## Common members, in this order
/// - `id`, `type` (the singular), `href` (`/v1/<collection>/<id>`), the display field (`title` for
///   documents and sources, `name` otherwise);
/// - the item's own members (below), references resolved, `source_ids` → `sources`,
///   `source_id` → `source` and `claimed_by` → `claimed_by`, each a reference object;
/// - the derived reverse lists of its type (below);
/// - `relations`: every row of the relations table with the item at either end, in import order:
///   `{type, direction, label, item, note, source}`. `type` is the stored relation type,
///   `direction` is `outgoing` (the item is `from`) or `incoming` (the item is `to`), `label` reads
///   from this item's side: the type itself when outgoing, its inverse when incoming
///   (``RelationLabels``; `confused_with` is symmetric and keeps its name, `published_in` becomes
///   `contains_publication_of`, `authorizes` → `authorized_by`, …), `item` is the other end;
/// - `sources`: reference objects of the item's own sources, in order (empty for a source item:
///   sources cite nothing themselves);
/// - `links`: `revisions` for every item, `dating` for documents.
///
/// ## Claims
/// Every claim (`dating_claims`, `issuer_claims`, `born.claims`, `died.claims`, `founding_claims`,
/// `dissolved_claims`, the three estimate lists) carries:
/// - `status`: `accepted`, `disputed` or `refuted` as the fact base states it; where it states
///   none, derived by comparing the claim with the item's accepted (top-level) value:
///   `accepted` (equal), `not_accepted` (different) or `undecided` (the accepted value is a one-of
///   set listing this claim, or there is no accepted value; estimates are never ranked);
/// - `accepted`: true, false, or null when the archive does not choose;
/// - `status_basis`: `stated` (from the fact base) or `derived` (by the comparison above);
/// - `reason`: the fact base's reason (for a stated status without one, a pointer to the item's note
///   that explains it, e.g. `"See dissolved_note."`), or for a derived status a sentence naming the
///   accepted value it was compared with (and pointing at that note, when there is one).
///
/// ## Per collection (own members, then derived lists)
/// - document: `native_title`, `alternative_titles`, `number`, `kind`, `classification`, `language`,
///   `undated`, `stated_date` (date), `date` (date), `date_note`, `dating_claims`
///   `[{date, claimed_by, claimed_by_description, status, accepted, status_basis, reason}]`,
///   `issuer`, `issuer_name`, `issuer_claims` `[{issuer_name, source, note, status, …}]`,
///   `co_issuers`, `place_of_issue`, `signatories` `[{person, role_at_signing, institution}]`,
///   `other_signatories` `[{name, role_at_signing, note}]`, `named_persons` `[{person, role, source}]`,
///   `copies` `[{place, received (date), note, source}]`, `publications`
///   `[{document, year, heading, note, source}]`, `summary`, `notes`; derived: `authorized_events`
///   (events listing it among their authorising documents), `published_in` (archive documents its
///   publications appear in), `publications_contained` `[{document, year, heading, note, source}]`
///   (documents of the archive printed in this one).
/// - person: `native_name`, `alternative_names`, `born`/`died`
///   `{date, place, place_name, note, claims: [{date, source, note, status, …}]}` or null,
///   `positions` `[{institution, institution_name, title, from, to, attested (dates), note, sources}]`,
///   `summary`; derived: `documents_signed` `[{document, date, role_at_signing, institution}]`,
///   `documents_naming` `[{document, date, role, source}]`.
/// - institution: `abbreviation`, `native_name`, `alternative_names`, `kind`, `founded` (date),
///   `founded_note`, `founding_claims`, `dissolved` (date), `dissolved_note`, `dissolved_claims`
///   `[{date, source, note, status, …}]`, `active_periods` `[{date, note}]`, `parent`,
///   `predecessor`, `successor`, `summary`; derived: `children`, `predecessor_of` (institutions
///   naming it as predecessor), `successor_of` (naming it as successor), `people`
///   `[{person, title, from, to, attested, note}]`, `documents_issued`, `documents_co_issued`,
///   `signatures` `[{document, person, role_at_signing}]` (signed in its name), `events_executed`.
/// - event: `kind`, `alternative_names`, `operation_code_name`, `start`, `end` (dates), `date_note`,
///   `countries`, `regions`, `destinations`, `deported_estimates`, `death_estimates`,
///   `destination_estimates` `[{place (a reference, or "total"), count, low, high, unit, basis,
///   qualifier, note, source, status, accepted, status_basis, reason}]`, `authorizing_documents`,
///   `executing_institutions`, `summary`.
/// - place: `kind`, `country`, `parent`, `native_names` (language → name), `alternative_names`,
///   `coordinates` `{lat, lon, point, source}` or null (`point`: which point it is, e.g.
///   "capital: Riga", or null; `source`: the source it was read on, or null), `note`; derived: `children` (places whose parent it is),
///   `events` `[{event, role}]` (role `country`, `region` or `destination`), `documents`
///   `[{document, role, received}]` (role `place_of_issue` or `copy`), `persons`
///   `[{person, role, date}]` (role `born` or `died`: born or died there).
/// - source: `author`, `year`, `url`, `kind`, `language`, `note`, `accessed_via`; derived:
///   `cited_by` `[{item, cited_for}]`: every item citing it, once, with the members that cite it
///   (`sources`, `dating_claims`, `copies`, `positions`, `born.claims`, `deported_estimates`,
///   `relations`, `coordinates`, …; a relation counts for both its ends).
public enum ItemView {
    /// The full item `id` of `type`, or nil when there is no such item of that type.
    static func full(_ id: String, type: ItemType, in db: Connection) throws -> JSONObject? {
        guard let stored = try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]),
              stored == type.rawValue
        else { return nil }
        return try build(id, type: type, db: db)
    }

    /// The full item `id` of whatever type it is, or nil when there is none.
    static func full(_ id: String, in db: Connection) throws -> (ItemType, JSONObject)? {
        guard let stored = try db.cachedStatement("SELECT type FROM items WHERE id = ?").scalarText([.text(id)]),
              let type = ItemType(rawValue: stored)
        else { return nil }
        return (type, try build(id, type: type, db: db))
    }

    static func build(_ id: String, type: ItemType, db: Connection) throws -> JSONObject {
        let stored = try ItemLoader.load(id, as: type, from: db)
        let context = ViewContext(db)
        try context.prefetch(.object(stored))
        var view = JSONObject([
            ("id", .string(id)), ("type", .string(type.rawValue)), ("href", .string(Reference.href(type, id))),
            (type.displayField, stored[type.displayField] ?? .null),
        ])
        switch type {
        case .document: try documentMembers(stored, into: &view, context)
        case .person: try personMembers(stored, into: &view, context)
        case .institution: try institutionMembers(stored, into: &view, context)
        case .event: try eventMembers(stored, into: &view, context)
        case .place: try placeMembers(stored, into: &view, context)
        case .source: try sourceMembers(stored, into: &view, context)
        }
        view["relations"] = try relations(of: id, context)
        // A source is its own evidence: it lists itself, so that every item names at least one source.
        view["sources"] = type == .source
            ? [Reference.make(.source, id, label: stored["title"]?.stringValue ?? "")]
            : try context.references(stored["source_ids"])
        var links = JSONObject([("self", .string(Reference.href(type, id)))])
        if type == .document { links["dating"] = .string(Reference.href(type, id) + "/dating") }
        view["links"] = .object(links)
        return view
    }

    /// Copies `names` from the stored item unchanged (null when absent).
    static func copy(_ names: [String], from stored: JSONObject, into view: inout JSONObject) {
        for name in names { view[name] = stored[name] ?? .null }
    }

    // MARK: - Relations

    static func relations(of id: String, _ context: ViewContext) throws -> JSONValue {
        let sql = """
            SELECT r.type, 'outgoing', r.to_id, i.type, i.label, r.note, r.source_id, r.ordinal
            FROM relations r JOIN items i ON i.id = r.to_id WHERE r.from_id = ?1
            UNION ALL
            SELECT r.type, 'incoming', r.from_id, i.type, i.label, r.note, r.source_id, r.ordinal
            FROM relations r JOIN items i ON i.id = r.from_id WHERE r.to_id = ?1
            ORDER BY 8, 2 DESC
            """
        let rows = try context.db.cachedStatement(sql).rows([.text(id)]) { row in
            (type: row.text(0) ?? "", direction: row.text(1) ?? "", item: context.reference(row, type: 3, id: 2, label: 4),
             note: row.json(5), source: row.text(6))
        }
        return .array(try rows.map { relation in
            .object(JSONObject([
                ("type", .string(relation.type)), ("direction", .string(relation.direction)),
                ("label", .string(relation.direction == "outgoing" ? relation.type : RelationLabels.inverse(of: relation.type))),
                ("item", relation.item), ("note", relation.note), ("source", try context.reference(relation.source)),
            ]))
        })
    }
}

/// The labels relations read with from their target's side.
public enum RelationLabels {
    /// Relation types that read the same both ways.
    public static let symmetric: Set<String> = ["confused_with", "related_to", "same_as", "associated_with"]

    /// Inverse labels of the relation types the fact base uses.
    public static let inverses: [String: String] = [
        "published_in": "contains_publication_of",
        "procedure_for": "has_procedure",
        "authorizes": "authorized_by",
        "implements": "implemented_by",
        "follows": "followed_by",
        "precedes": "preceded_by",
        "supersedes": "superseded_by",
        "split_from": "split_off",
        "prepares": "prepared_by",
        "refers_to": "referred_to_by",
        "basis_for": "based_on",
        "reports_on": "reported_on_by",
        "publicly_confirms": "publicly_confirmed_by",
        "precedent_for": "has_precedent",
        "part_of": "has_part",
        "amends": "amended_by",
        "replaces": "replaced_by",
        "cites": "cited_by",
    ]

    /// The label of `type` read from the target's side: the type itself for a symmetric relation,
    /// its known inverse, or `inverse_of_<type>` for a type without one.
    public static func inverse(of type: String) -> String {
        if symmetric.contains(type) { return type }
        return inverses[type] ?? "inverse_of_\(type)"
    }
}

/// Per-call state of one view: the database and the reference objects already resolved, so that
/// an item's references cost one query (``prefetch(_:)``) instead of one each.
final class ViewContext {
    let db: Connection
    private var references: [String: JSONValue] = [:]

    init(_ db: Connection) { self.db = db }

    /// Resolves, in one query, every string in `value` that could be an id.
    func prefetch(_ value: JSONValue) throws {
        var candidates = Set<String>()
        collect(value, into: &candidates)
        candidates.subtract(references.keys)
        guard !candidates.isEmpty else { return }
        let list = JSONWriter.string(.array(candidates.sorted().map(JSONValue.string)))
        let sql = "SELECT i.id, i.type, i.label FROM json_each(?) j JOIN items i ON i.id = j.value"
        try db.cachedStatement(sql).forEachRow([.text(list)]) { row in
            _ = reference(row, type: 1, id: 0, label: 2)
        }
    }

    private func collect(_ value: JSONValue, into ids: inout Set<String>) {
        switch value {
        case .string(let text): if Self.couldBeID(text) { ids.insert(text) }
        case .array(let values): for element in values { collect(element, into: &ids) }
        case .object(let object): for member in object { collect(member.value, into: &ids) }
        default: break
        }
    }

    private static func couldBeID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 200 else { return false }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The reference object of `id`, or null when there is no such item.
    func reference(_ id: String?) throws -> JSONValue {
        guard let id else { return .null }
        if let known = references[id] { return known }
        let found = try Reference.lookup(id, in: db)
        references[id] = found
        return found
    }

    /// The reference object of a JSON id (a string), or null.
    func reference(_ value: JSONValue?) throws -> JSONValue {
        try reference(value?.stringValue)
    }

    /// The reference objects of a list of ids, in order (unknown ids are left out).
    func references(_ value: JSONValue?) throws -> JSONValue {
        .array(try (value?.arrayValue ?? []).map { try reference($0) }.filter { !$0.isNull })
    }

    /// The reference object of the item in columns `type`, `id` and `label` of `row`, remembered.
    func reference(_ row: Row, type: Int, id: Int, label: Int) -> JSONValue {
        let itemID = row.text(id) ?? ""
        if let known = references[itemID] { return known }
        guard let itemType = ItemType(rawValue: row.text(type) ?? "") else { return .null }
        let made = Reference.make(itemType, itemID, label: row.text(label) ?? "")
        references[itemID] = made
        return made
    }
}
