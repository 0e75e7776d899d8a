import CSQLite

/// SQLite's session extension (<https://www.sqlite.org/sessionintro.html>): the changeset of
/// the rows a transaction changed, and applying such a changeset to another copy of the database.
extension Connection {
    /// Whether the linked SQLite was built with the session extension (and the pre-update hook it
    /// rests on); Debian's libsqlite3 is.
    public static var hasSessionExtension: Bool {
        sqlite3_compileoption_used("ENABLE_SESSION") == 1 && sqlite3_compileoption_used("ENABLE_PREUPDATE_HOOK") == 1
    }

    /// Runs `body` while a session records every change to every table of `main` (tables
    /// without a primary key are not recorded; the archive has none), and returns its value and
    /// the changeset. Runs inside the caller's transaction; the session ends with this call.
    func capturingChanges<T>(_ body: () throws -> T) throws -> (value: T, changeset: [UInt8]) {
        guard Self.hasSessionExtension else {
            throw SQLiteError(code: SQLiteError.error, message: "SQLite \(sqliteVersion()) was built without the session extension")
        }
        var session: OpaquePointer?
        try check(sqlite3session_create(db, "main", &session))
        defer { sqlite3session_delete(session) }
        try check(sqlite3session_attach(session, nil))
        let value = try body()
        var size: Int32 = 0
        var buffer: UnsafeMutableRawPointer?
        try check(sqlite3session_changeset(session, &size, &buffer))
        defer { sqlite3_free(buffer) }
        let changeset = buffer.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(size))) } ?? []
        return (value, changeset)
    }

    /// Applies `changeset` (from ``capturingChanges(_:)`` on a copy in this database's state) in
    /// the caller's transaction. The first conflict (a row missing, or not as the changeset
    /// expects it) aborts it: ``ChangesetConflict``. Writes to FTS5 shadow tables are part of
    /// changesets, so the caller turns `SQLITE_DBCONFIG_DEFENSIVE` off (``allowingShadowTableWrites(_:)``).
    func apply(changeset: [UInt8]) throws {
        var conflict: Int32 = 0
        var bytes = changeset
        let code = bytes.withUnsafeMutableBytes { buffer in
            archive_sqlite3changeset_apply(db, Int32(buffer.count), buffer.baseAddress, &conflict)
        }
        if conflict != 0 { throw ChangesetConflict(kind: ChangesetConflict.Kind(conflict)) }
        try check(code)
    }

    /// The first primary-key column (as text) of every row of `table` that `changeset` inserts,
    /// updates or deletes, in the changeset's order.
    static func changedKeys(of table: String, in changeset: [UInt8]) throws -> [String] {
        var bytes = changeset
        return try bytes.withUnsafeMutableBytes { buffer throws -> [String] in
            var iterator: OpaquePointer?
            let started = sqlite3changeset_start(&iterator, Int32(buffer.count), buffer.baseAddress)
            guard started == SQLITE_OK else { throw SQLiteError(code: started, message: "changeset: \(String(cString: sqlite3_errstr(started)))") }
            defer { sqlite3changeset_finalize(iterator) }
            var keys: [String] = []
            while sqlite3changeset_next(iterator) == SQLITE_ROW {
                var name: UnsafePointer<CChar>?
                var columns: Int32 = 0, operation: Int32 = 0, indirect: Int32 = 0
                guard sqlite3changeset_op(iterator, &name, &columns, &operation, &indirect) == SQLITE_OK,
                      let name, String(cString: name) == table else { continue }
                // An UPDATE's primary key is in its old values; an INSERT has only new ones.
                var value: OpaquePointer?
                let found = operation == SQLITE_INSERT ? sqlite3changeset_new(iterator, 0, &value) : sqlite3changeset_old(iterator, 0, &value)
                if found == SQLITE_OK, let value, let text = sqlite3_value_text(value) { keys.append(String(cString: text)) }
            }
            return keys
        }
    }

    /// Runs `body` with `SQLITE_DBCONFIG_DEFENSIVE` off, so that changesets may write FTS5's shadow tables.
    func allowingShadowTableWrites<T>(_ body: () throws -> T) throws -> T {
        var result: Int32 = 0
        try check(archive_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 0, &result))
        defer { _ = archive_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &result) }
        return try body()
    }
}

/// A changeset that did not fit the database it was applied to: the copies differ.
public struct ChangesetConflict: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case data, notFound = "not found", conflict, constraint, foreignKey = "foreign key", other

        init(_ code: Int32) {
            switch code {
            case SQLITE_CHANGESET_DATA: self = .data
            case SQLITE_CHANGESET_NOTFOUND: self = .notFound
            case SQLITE_CHANGESET_CONFLICT: self = .conflict
            case SQLITE_CHANGESET_CONSTRAINT: self = .constraint
            case SQLITE_CHANGESET_FOREIGN_KEY: self = .foreignKey
            default: self = .other
            }
        }
    }

    public let kind: Kind
    public var description: String { "changeset conflict (\(kind.rawValue)): this copy is not in the state the changeset was made from" }
}
