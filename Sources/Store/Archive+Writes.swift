import Support

/// Curators' writes: create, replace (or restore), merge-patch and delete one item. Each is one
/// `BEGIN IMMEDIATE … COMMIT` on the single writer connection that writes the item's rows, its
/// search and timeline rows, its revision and the raised data revision, and returns only after
/// COMMIT has returned (WAL, `synchronous=FULL`: durable). A refused write changes nothing.
///
/// `summary` (the `X-Edit-Summary` header) wins over a body's `edit_summary`.
extension Archive {
    /// Creates an item of `type` from `body` (the import format for one item, with its `id`).
    /// An id that exists or existed (deleted) is a ``ArchiveError/conflict(detail:referrers:)``.
    public func create(_ type: ItemType, body: [UInt8], curator: String, summary: String? = nil) throws(ArchiveError) -> WriteOutcome {
        try performWrite { db in
            let parsed = try ItemBody.parse(body)
            if let id = parsed.object["id"]?.stringValue {
                switch try RevisionLog.state(of: id, in: db) {
                case .present(let found): throw ArchiveError.conflict(detail: "The id '\(id)' is already used by \(found.withArticle).", referrers: [])
                case .deleted(let found, let revision):
                    throw ArchiveError.conflict(
                        detail: "The id '\(id)' belonged to \(found.withArticle) deleted at revision \(revision); PUT it to restore it.",
                        referrers: [])
                case .unknown: break
                }
            }
            let item = try parsed.decode(as: type, pathID: nil, in: db)
            try db.execute("PRAGMA defer_foreign_keys = ON")  // an item may refer to itself
            try ItemWriter.insert(item, into: db)
            return try Self.finish(.create, ItemKey(type, item.id), curator: curator, summary: summary ?? parsed.editSummary, in: db)
        }
    }

    /// Replaces the item `id` of `type` with `body`; re-creates it (action `restore`) when it was
    /// deleted, and creates it (action `create`) when the id was never used: PUT may create
    /// (RFC 9110 §9.3.4), so a curator can choose an item's id. The body's `id` may be left out;
    /// if present it must equal `id`. `precondition` sees the current full JSON (nil if none).
    public func replace(
        _ type: ItemType, id: String, body: [UInt8], curator: String, summary: String? = nil,
        precondition: WritePrecondition = { _ in true }
    ) throws(ArchiveError) -> WriteOutcome {
        try performWrite { db in
            let state = try RevisionLog.state(of: id, in: db)
            try Self.requireCollection(state, type, id)
            try Self.check(precondition, state, type, id, in: db)
            let parsed = try ItemBody.parse(body)
            return try Self.write(parsed, as: type, id: id, replacing: state, curator: curator, summary: summary, in: db)
        }
    }

    /// Applies the JSON merge patch `mergePatch` (RFC 7396) to the item's current body in the
    /// import format, then checks and writes the result like ``replace(_:id:body:curator:summary:precondition:)``.
    /// A top-level `edit_summary` in the patch is the summary, not a change.
    public func patch(
        _ type: ItemType, id: String, mergePatch: [UInt8], curator: String, summary: String? = nil,
        precondition: WritePrecondition = { _ in true }
    ) throws(ArchiveError) -> WriteOutcome {
        try performWrite { db in
            let state = try RevisionLog.state(of: id, in: db)
            try Self.requirePresent(state, type)
            try Self.check(precondition, state, type, id, in: db)
            var patch = try ItemBody.parseJSON(mergePatch)
            var editSummary: String?
            if case .object(var members) = patch, let text = members["edit_summary"] {
                if case .string(let text) = text { editSummary = text }
                if text.isNull || text.stringValue != nil { members["edit_summary"] = nil }
                patch = .object(members)
            }
            let current = JSONValue.object(try ItemLoader.load(id, as: type, from: db))
            var parsed = try ItemBody.make(JSONMergePatch.apply(patch, to: current))
            parsed.editSummary = parsed.editSummary ?? editSummary
            return try Self.write(parsed, as: type, id: id, replacing: state, curator: curator, summary: summary, in: db)
        }
    }

    /// Deletes the item `id` of `type`: refused (conflict naming every referrer) while other items
    /// refer to it. Afterwards it is gone from lists, search, the timeline, counts and exports; its
    /// revisions stay, and the last one (`delete`) answers ``itemState(_:id:)`` with `deleted`.
    public func delete(
        _ type: ItemType, id: String, curator: String, summary: String? = nil,
        precondition: WritePrecondition = { _ in true }
    ) throws(ArchiveError) -> WriteOutcome {
        try performWrite { db in
            let state = try RevisionLog.state(of: id, in: db)
            try Self.requirePresent(state, type)
            try Self.check(precondition, state, type, id, in: db)
            let referrers = try Referrers.of(id, in: db)
            if !referrers.isEmpty {
                throw ArchiveError.conflict(
                    detail: "The \(type.rawValue) '\(id)' cannot be deleted while other items refer to it: "
                        + referrers.map(\.description).joined(separator: ", ") + ".",
                    referrers: referrers)
            }
            try ItemWriter.delete(id, from: db)
            return try Self.finish(.delete, ItemKey(type, id), curator: curator, summary: summary, in: db)
        }
    }

    /// Whether `id` names an item of `type` now, a deleted one (410), or none ever (404).
    public func itemState(_ type: ItemType, id: String) throws(ArchiveError) -> ItemState {
        do {
            return try pool.read { db in try RevisionLog.state(of: id, in: db).seen(as: type) }
        } catch {
            throw ArchiveError.from(error)
        }
    }

    // MARK: - Steps shared by the writes

    /// Runs `body` in one IMMEDIATE transaction on the writer, recording its changeset for
    /// replicas in the same transaction; every error becomes an ``ArchiveError``.
    func performWrite<T: Sendable>(_ body: (Connection) throws -> T) throws(ArchiveError) -> T {
        do {
            return try pool.write { db in try db.transaction { try ChangeLog.recording(in: db) { try body(db) } } }
        } catch {
            throw ArchiveError.from(error)
        }
    }

    /// An id of another collection cannot be written through this one.
    private static func requireCollection(_ state: StoredState, _ type: ItemType, _ id: String) throws {
        switch state {
        case .present(let found) where found != type:
            throw ArchiveError.conflict(detail: "The id '\(id)' is used by \(found.withArticle), not \(type.withArticle).", referrers: [])
        case .deleted(let found, _) where found != type:
            throw ArchiveError.conflict(detail: "The id '\(id)' belonged to \(found.withArticle), not \(type.withArticle).", referrers: [])
        default: return
        }
    }

    /// PATCH and DELETE need the item to be there.
    private static func requirePresent(_ state: StoredState, _ type: ItemType) throws {
        switch state.seen(as: type) {
        case .present: return
        case .deleted(let revision): throw ArchiveError.gone(revision: revision)
        case .unknown: throw ArchiveError.notFound
        }
    }

    /// Calls `precondition` with the item's current full JSON, inside the write transaction.
    private static func check(_ precondition: WritePrecondition, _ state: StoredState, _ type: ItemType, _ id: String, in db: Connection) throws {
        let current = state.seen(as: type) == .present ? try renderedItem(ItemKey(type, id), in: db) : nil
        guard precondition(current) else { throw ArchiveError.preconditionFailed }
    }

    /// Checks `parsed` as the item `id` and writes it in place of what `state` says is there.
    private static func write(
        _ parsed: ItemBody, as type: ItemType, id: String, replacing state: StoredState,
        curator: String, summary: String?, in db: Connection
    ) throws -> WriteOutcome {
        let item = try parsed.decode(as: type, pathID: id, in: db)
        let action: RevisionAction
        // Other items' references to this id hold again once the new rows are in, at COMMIT.
        try db.execute("PRAGMA defer_foreign_keys = ON")
        switch state {
        case .present:
            try ItemWriter.delete(id, from: db)
            action = .update
        case .deleted: action = .restore
        case .unknown: action = .create
        }
        try ItemWriter.insert(item, into: db)
        return try finish(action, ItemKey(type, id), curator: curator, summary: summary ?? parsed.editSummary, in: db)
    }

    /// Raises the data revision, records the revision, and renders the item as GET will serve it.
    private static func finish(_ action: RevisionAction, _ item: ItemKey, curator: String, summary: String?, in db: Connection) throws -> WriteOutcome {
        try ArchiveImport.bumpRevision(db)
        try RevisionLog.record(action, item, curator: curator, summary: summary, in: db)
        let rendered = try RenderedItems.refresh([item.id], in: db)
        let state = try ArchiveState.read(db)
        let body = action == .delete ? nil : try renderedItem(item, in: db)
        var outcome = WriteOutcome(item: item, action: action, revision: state.revision, lastModified: state.lastModified, body: body)
        outcome.rendered = rendered
        return outcome
    }

    /// The item's full JSON, compact: the bytes `GET /v1/<collection>/<id>` serves.
    static func renderedItem(_ item: ItemKey, in db: Connection) throws -> [UInt8]? {
        try RenderedItems.item(item.id, type: item.type, in: db)?.body
    }
}
