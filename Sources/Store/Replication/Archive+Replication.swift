/// Replication (docs/deploy.md): the primary hands out snapshots and the changesets that its
/// writes recorded (``ChangeLog``); a replica applies them, one transaction each, in order.
extension Archive {
    /// The changesets of the revisions after `after`, oldest first: at most `limit`, and past
    /// the first no more than `maxBytes` in all; with the data's current revision.
    public func changesets(after: Int, limit: Int, maxBytes: Int) throws -> ChangesetPage {
        try pool.read { db in
            let revision = try ArchiveState.read(db).revision
            var total = 0
            var changesets: [Changeset] = []
            try db.cachedStatement("SELECT revision, changeset FROM changesets WHERE revision > ? ORDER BY revision LIMIT ?")
                .forEachRow([.integer(Int64(after)), .integer(Int64(limit))]) { row in
                    let bytes = row.blob(1) ?? []
                    guard changesets.isEmpty || total + bytes.count <= maxBytes, Int(row.int(0) ?? 0) <= revision else { return }
                    total += bytes.count
                    changesets.append(Changeset(revision: Int(row.int(0) ?? 0), bytes: bytes))
                }
            return ChangesetPage(revision: revision, changesets: changesets)
        }
    }

    /// Writes a consistent copy of the whole database to `destination` (which must not exist)
    /// with SQLite's online backup API, from one read transaction, while writes go on; returns
    /// the data revision of the copy. A failure leaves nothing at `destination`.
    public func snapshot(to destination: String) throws -> Int {
        guard case .nothing = DatabaseFile.inspect(destination) else { throw StoreError.notEmpty("\(destination) already exists") }
        do {
            return try pool.read { db in
                let revision = try ArchiveState.read(db).revision
                try db.backup(into: destination)
                return revision
            }
        } catch {
            DatabaseFile.remove(destination)
            throw error
        }
    }

    /// Applies the changeset that produced `changeset.revision` in one transaction: it must be
    /// the revision after this database's, and fit it without a conflict, or nothing changes
    /// (``ReplicationError``). The changeset holds no renderings and no search index, only the
    /// search text: the renderings of the items it wrote, and of the items that show them, and
    /// the index entries of that text are made again in the same transaction, as the primary
    /// made them. The changeset is kept, so that this copy could serve it on.
    /// Returns the ids of the items rendered again (what a cache must drop).
    @discardableResult
    public func apply(_ changeset: Changeset) throws -> [String] {
        try pool.write { db in
            // The changeset holds the rows cascades deleted too: cascading again would conflict.
            try db.execute("PRAGMA foreign_keys = OFF")
            defer { try? db.execute("PRAGMA foreign_keys = ON") }
            return try db.transaction {
                let current = try ArchiveState.read(db).revision
                guard changeset.revision == current + 1 else { throw ReplicationError.gap(revision: current, next: changeset.revision) }
                do {
                    // A changeset of an older primary may hold the derived tables too: they are made here all the same.
                    try SearchIndexChanges.replaying(changeset.bytes, in: db) {
                        try db.apply(changeset: changeset.bytes, excluding: ChangeLog.excludedTables + [SearchIndexChanges.contentTable])
                    }
                } catch let conflict as ChangesetConflict {
                    throw ReplicationError.conflict(revision: changeset.revision, conflict.description)
                }
                let reached = try ArchiveState.read(db).revision
                guard reached == changeset.revision else {
                    throw ReplicationError.conflict(revision: changeset.revision, "the changeset left the data at revision \(reached)")
                }
                let rendered = try RenderedItems.refresh(try RenderedItems.written(by: changeset.bytes, in: db), in: db)
                try ChangeLog.store(changeset.bytes, revision: changeset.revision, in: db)
                return rendered
            }
        }
    }

    /// Replaces the whole database with the snapshot at `path` (SQLite's backup API, in one
    /// write transaction: readers see the old data or the new), and returns its revision.
    public func restore(fromSnapshot path: String) throws -> Int {
        try pool.write { db in try db.restore(from: path) }
        return try revision()
    }
}

/// One write's changeset and the data revision it produced.
public struct Changeset: Sendable, Equatable {
    public let revision: Int
    public let bytes: [UInt8]

    public init(revision: Int, bytes: [UInt8]) {
        self.revision = revision
        self.bytes = bytes
    }
}

/// Changesets after a revision, and the data's revision when they were read.
public struct ChangesetPage: Sendable {
    public let revision: Int
    public let changesets: [Changeset]
}

/// Why a replica stopped applying changesets: it then takes a new snapshot.
public enum ReplicationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The next changeset is not the one after `revision`.
    case gap(revision: Int, next: Int)
    /// The changeset did not fit: this copy differs from the primary.
    case conflict(revision: Int, String)

    public var description: String {
        switch self {
        case .gap(let revision, let next): "gap: at revision \(revision) the next changeset is \(next), not \(revision + 1)"
        case .conflict(let revision, let detail): "changeset \(revision) does not apply: \(detail)"
        }
    }
}
