import Support

/// The history of the archive: every version of an item, and the feed of every change.
extension Archive {
    /// Versions of the item `id` of `type`, newest first: at most `limit`, and only those older
    /// than revision `before` when given (the keyset of the next page). ``ArchiveError/notFound``
    /// when the id never named an item of `type`.
    public func revisions(of type: ItemType, id: String, limit: Int, before: Int? = nil) throws(ArchiveError) -> RevisionPage {
        try performRead { db in
            let sql = """
                SELECT revision, at, action, curator, summary FROM revisions
                WHERE item_id = ?1 AND type = ?2 AND revision < ?3 ORDER BY revision DESC LIMIT ?4
                """
            let rows = try db.cachedStatement(sql).rows([
                .text(id), .text(type.rawValue), .integer(Int64(before ?? Int.max)), .integer(Int64(max(limit, 0)) + 1),
            ]) { row in
                RevisionEntry(
                    revision: Int(row.int(0) ?? 0), time: row.text(1) ?? "",
                    action: RevisionAction(rawValue: row.text(2) ?? "") ?? .update, curator: row.text(3) ?? "", summary: row.text(4))
            }
            if rows.isEmpty, try !Self.hasHistory(type, id, in: db) { throw ArchiveError.notFound }
            let page = Array(rows.prefix(limit))
            return RevisionPage(revisions: page, nextBefore: rows.count > limit ? page.last?.revision : nil)
        }
    }

    /// The version of the item `id` of `type` written at data revision `revision`: its body in
    /// the import format (nil for a delete) and a JSON Patch from the version before it.
    public func revision(_ revision: Int, of type: ItemType, id: String) throws(ArchiveError) -> RevisionDetail {
        try performRead { db in
            let sql = """
                SELECT revision, at, action, curator, summary, body FROM revisions
                WHERE item_id = ?1 AND type = ?2 AND revision <= ?3 ORDER BY revision DESC LIMIT 2
                """
            let rows = try db.cachedStatement(sql).rows([.text(id), .text(type.rawValue), .integer(Int64(revision))]) { row in
                (entry: RevisionEntry(
                    revision: Int(row.int(0) ?? 0), time: row.text(1) ?? "",
                    action: RevisionAction(rawValue: row.text(2) ?? "") ?? .update, curator: row.text(3) ?? "", summary: row.text(4)),
                 body: row.text(5))
            }
            guard let current = rows.first, current.entry.revision == revision else { throw ArchiveError.notFound }
            let body = try current.body.map { try JSONParser.parse($0) }
            let previous = try rows.dropFirst().first?.body.map { try JSONParser.parse($0) }
            return RevisionDetail(item: ItemKey(type, id), revision: current.entry, body: body,
                                  diff: JSONPatchDiff.diff(from: previous, to: body))
        }
    }

    /// Every change after data revision `since`, in the order they were made: at most `limit`,
    /// continuing after change `after` (the keyset of the next page) when given.
    /// ``ArchiveError/sinceInFuture(requested:current:)`` when `since` is after the current revision.
    public func changes(since: Int, after: Int64? = nil, limit: Int) throws(ArchiveError) -> ChangePage {
        try performRead { db in
            let current = try ArchiveState.read(db).revision
            guard since <= current else { throw ArchiveError.sinceInFuture(requested: since, current: current) }
            let sql = """
                SELECT sequence, revision, at, action, type, item_id, curator, summary FROM revisions
                WHERE revision > ?1 AND sequence > ?2 ORDER BY sequence LIMIT ?3
                """
            let rows = try db.cachedStatement(sql).rows([.integer(Int64(since)), .integer(after ?? 0), .integer(Int64(max(limit, 0)) + 1)]) { row in
                Change(
                    sequence: row.int(0) ?? 0, revision: Int(row.int(1) ?? 0), time: row.text(2) ?? "",
                    action: RevisionAction(rawValue: row.text(3) ?? "") ?? .update,
                    item: ItemKey(ItemType(rawValue: row.text(4) ?? "") ?? .document, row.text(5) ?? ""),
                    curator: row.text(6) ?? "", summary: row.text(7))
            }
            let page = Array(rows.prefix(limit))
            return ChangePage(changes: page, nextAfter: rows.count > limit ? page.last?.sequence : nil, revision: current)
        }
    }

    /// Runs `body` in one read transaction; every error becomes an ``ArchiveError``.
    func performRead<T: Sendable>(_ body: (Connection) throws -> T) throws(ArchiveError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw ArchiveError.from(error)
        }
    }

    private static func hasHistory(_ type: ItemType, _ id: String, in db: Connection) throws -> Bool {
        try db.cachedStatement("SELECT count(*) FROM revisions WHERE item_id = ? AND type = ?").scalarInt([.text(id), .text(type.rawValue)]) ?? 0 > 0
    }
}

/// One version of an item, as the revisions list shows it.
public struct RevisionEntry: Sendable, Equatable {
    /// The data revision of the write that made this version.
    public let revision: Int
    /// When, in UTC (RFC 3339, whole seconds).
    public let time: String
    public let action: RevisionAction
    public let curator: String
    public let summary: String?

    /// A version entry.
    public init(revision: Int, time: String, action: RevisionAction, curator: String, summary: String?) {
        self.revision = revision
        self.time = time
        self.action = action
        self.curator = curator
        self.summary = summary
    }
}

/// A page of an item's versions, newest first.
public struct RevisionPage: Sendable, Equatable {
    public let revisions: [RevisionEntry]
    /// Pass as `before` for the next (older) page; nil on the last page.
    public let nextBefore: Int?
}

/// One version of an item with its body and what changed since the version before.
public struct RevisionDetail: Sendable, Equatable {
    public let item: ItemKey
    public let revision: RevisionEntry
    /// The item in the import format; nil for a delete.
    public let body: JSONValue?
    /// A JSON Patch (RFC 6902) from the previous version's body (or from nothing) to `body`
    /// (or to null, for a delete); see ``JSONPatchDiff``.
    public let diff: JSONValue
}

/// One change of the changes feed.
public struct Change: Sendable, Equatable {
    /// The change's place in the feed, increasing: the keyset of the next page.
    public let sequence: Int64
    public let revision: Int
    public let time: String
    public let action: RevisionAction
    public let item: ItemKey
    public let curator: String
    public let summary: String?
}

/// A page of the changes feed, oldest first.
public struct ChangePage: Sendable, Equatable {
    public let changes: [Change]
    /// Pass as `after` for the next page; nil on the last page.
    public let nextAfter: Int64?
    /// The data revision when the page was read.
    public let revision: Int
}
