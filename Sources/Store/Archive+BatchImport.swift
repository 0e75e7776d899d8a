/// `POST /v1/import`: a whole archive or a subset of one, in the import format, written all or
/// nothing in one transaction at one new data revision.
extension Archive {
    /// Adds a relation at the end, or updates the note and source of the same (from, type, to).
    static let upsertRelationSQL = """
        INSERT INTO relations (ordinal, from_id, to_id, type, note, source_id)
        VALUES ((SELECT coalesce(max(ordinal), -1) + 1 FROM relations), ?, ?, ?, ?, ?)
        ON CONFLICT (from_id, type, to_id) DO UPDATE SET note = excluded.note, source_id = excluded.source_id
        """

    /// Imports `bytes` into the archive as it is: items that exist are replaced (revision
    /// `update`), deleted ones re-created (`restore`), new ones created (`create`), each revision
    /// by `curator`. References may name items of the file or of the database. Relations of the
    /// file are added, or update the note and source of the same (from, type, to). Every problem of
    /// the file is listed with its pointer (``ArchiveError/invalid(_:)``) and nothing is written then.
    public func importItems(_ bytes: [UInt8], curator: String, summary: String? = nil) throws(ArchiveError) -> ImportOutcome {
        try performWrite { db in
            let lookup = DatabaseTypes(db)
            var lookupError: (any Error)?
            let checked = try ArchiveFormat.check(.bytes(bytes), existing: lookup.type(of:)) { id, type in
                do {
                    return try Self.collectionConflict(RevisionLog.state(of: id, in: db), id: id, type: type)
                } catch {
                    lookupError = lookupError ?? error
                    return nil
                }
            }
            if let error = lookup.error ?? lookupError { throw error }
            try db.execute("PRAGMA defer_foreign_keys = ON")
            try ArchiveImport.bumpRevision(db)
            var written: [ImportedItem] = []
            try checked.forEachItem { item in
                let action: RevisionAction
                switch try RevisionLog.state(of: item.id, in: db) {
                case .present:
                    try ItemWriter.delete(item.id, from: db)
                    action = .update
                case .deleted: action = .restore
                case .unknown: action = .create
                }
                try ItemWriter.insert(item, into: db)
                let key = ItemKey(item.type, item.id)
                try RevisionLog.record(action, key, curator: curator, summary: summary, in: db)
                written.append(ImportedItem(key: key, action: action))
            }
            for relation in checked.relations {
                try db.cachedStatement(Self.upsertRelationSQL).run(Array(relation.values.dropFirst()))
            }
            if let description = checked.description { try ArchiveImport.setDescription(description, in: db) }
            let rendered = try RenderedItems.refresh(Set(written.map(\.key.id)).union(checked.relations.flatMap(Self.ends)), in: db)
            var outcome = ImportOutcome(revision: try ArchiveState.read(db).revision, items: written, relations: checked.relations.count)
            outcome.rendered = rendered
            return outcome
        }
    }

    /// Why an id of the file cannot be written into the collection of `type`, if it cannot.
    static func collectionConflict(_ state: StoredState, id: String, type: ItemType) -> String? {
        switch state {
        case .present(let found) where found != type: "the id \(id.debugDescription) is already used by \(found.withArticle)"
        case .deleted(let found, _) where found != type: "the id \(id.debugDescription) belonged to \(found.withArticle), which was deleted"
        default: nil
        }
    }
}
