import CSQLite

#if canImport(Glibc)
import Glibc
#endif

/// SQLite's session extension (<https://www.sqlite.org/sessionintro.html>): the changeset of
/// the rows a transaction changed, and applying such a changeset to another copy of the database.
extension Connection {
    /// Whether the linked SQLite was built with the session extension (and the pre-update hook it
    /// rests on); Debian's libsqlite3 is.
    public static var hasSessionExtension: Bool {
        sqlite3_compileoption_used("ENABLE_SESSION") == 1 && sqlite3_compileoption_used("ENABLE_PREUPDATE_HOOK") == 1
    }

    /// Runs `body` while a session records every change to every table of `main` but those
    /// named in `excluded` (tables without a primary key are not recorded; the archive has
    /// none), then `finish` with the changeset (``RecordedChanges``), and returns `body`'s value.
    /// Runs inside the caller's transaction; the session ends with this call. The session holds
    /// the old values of every row it records until then, so what can be derived again is best
    /// left out.
    func capturingChanges<T>(excluding excluded: [String] = [], _ body: () throws -> T, finish: (RecordedChanges) throws -> Void) throws -> T {
        guard Self.hasSessionExtension else {
            throw SQLiteError(code: SQLiteError.error, message: "SQLite \(sqliteVersion()) was built without the session extension")
        }
        var session: OpaquePointer?
        try check(sqlite3session_create(db, "main", &session))
        defer { sqlite3session_delete(session) }
        // The filter reads these names whenever a table is first written, until the session ends.
        return try Self.withNames(excluded) { names in
            try check(archive_sqlite3session_attach_excluding(session, names))
            let value = try body()
            var length: Int64 = 0
            try check(archive_sqlite3session_changeset_length(session, &length))
            try finish(RecordedChanges(connection: self, session: session, length: Int(length)))
            return value
        }
    }

    /// The changeset of ``capturingChanges(excluding:_:finish:)``'s session, while it lasts. It
    /// is made twice, piece by piece, never held whole: once to count its bytes, once into its row.
    struct RecordedChanges {
        fileprivate let connection: Connection
        fileprivate let session: OpaquePointer?
        /// Its length in bytes; 0 when nothing changed.
        let length: Int

        /// Writes the changeset into the BLOB column `column` of the row `rowid` of `table`,
        /// which must hold a BLOB of exactly ``length`` bytes (a `zeroblob(length)`), the table
        /// being one the session does not record.
        func write(into table: String, column: String, rowid: Int64) throws {
            var written: Int64 = 0
            try connection.check(archive_sqlite3session_changeset_into_blob(session, connection.db, table, column, rowid, &written))
            guard written == length else {
                throw SQLiteError(code: SQLiteError.error, message: "the changeset came to \(written) bytes, not \(length)")
            }
        }
    }

    /// Writes `bytes` over the BLOB in column `column` of the row `rowid` of `table`, which must
    /// be exactly as long (a `zeroblob(n)`): SQLite copies them into its pages from here, where
    /// binding them as a parameter would copy them whole first.
    func writeBlob(_ bytes: UnsafeRawBufferPointer, into table: String, column: String, rowid: Int64) throws {
        var blob: OpaquePointer?
        try check(sqlite3_blob_open(db, "main", table, column, rowid, 1, &blob))
        defer { sqlite3_blob_close(blob) }
        guard Int(sqlite3_blob_bytes(blob)) == bytes.count else {
            throw SQLiteError(code: SQLiteError.error, message: "\(table).\(column) of row \(rowid) is not \(bytes.count) bytes long")
        }
        try check(sqlite3_blob_write(blob, bytes.baseAddress, Int32(bytes.count), 0))
    }

    /// Applies `changeset` (from ``capturingChanges(excluding:_:finish:)`` on a copy in this database's
    /// state) but its changes to the tables named in `excluded`, in the caller's transaction.
    /// The first conflict (a row missing, or not as the changeset expects it) aborts it:
    /// ``ChangesetConflict``. With FTS5's shadow tables among `excluded`, this runs with
    /// `SQLITE_DBCONFIG_DEFENSIVE` on, as every connection does.
    func apply(changeset: [UInt8], excluding excluded: [String] = []) throws {
        var conflict: Int32 = 0
        let code = Self.withNames(excluded) { names in
            // sqlite3changeset_apply only reads the buffer, whatever its signature says.
            changeset.withUnsafeBytes { buffer in
                archive_sqlite3changeset_apply(db, Int32(buffer.count), UnsafeMutableRawPointer(mutating: buffer.baseAddress), names, &conflict)
            }
        }
        if conflict != 0 { throw ChangesetConflict(kind: ChangesetConflict.Kind(conflict)) }
        try check(code)
    }

    /// Calls `body` with `names` as a NULL-terminated list of C strings.
    private static func withNames<T>(_ names: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) rethrows -> T {
        let strings = names.map { UnsafePointer(strdup($0)) } + [nil]
        defer { for string in strings { free(UnsafeMutablePointer(mutating: string)) } }
        return try strings.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    /// Calls `body` with every change of `changeset` to one of `tables`, in the changeset's order.
    static func forEachChange(in changeset: [UInt8], tables: Set<String>, _ body: (ChangedRow) throws -> Void) throws {
        try changeset.withUnsafeBytes { buffer in
            var iterator: OpaquePointer?
            // sqlite3changeset_start only reads the buffer, whatever its signature says.
            let started = sqlite3changeset_start(&iterator, Int32(buffer.count), UnsafeMutableRawPointer(mutating: buffer.baseAddress))
            guard started == SQLITE_OK else { throw SQLiteError(code: started, message: "changeset: \(String(cString: sqlite3_errstr(started)))") }
            defer { sqlite3changeset_finalize(iterator) }
            while sqlite3changeset_next(iterator) == SQLITE_ROW {
                var name: UnsafePointer<CChar>?
                var columns: Int32 = 0, code: Int32 = 0, indirect: Int32 = 0
                guard sqlite3changeset_op(iterator, &name, &columns, &code, &indirect) == SQLITE_OK,
                      let name, case let table = String(cString: name), tables.contains(table) else { continue }
                let operation: ChangedRow.Operation = code == SQLITE_INSERT ? .insert : code == SQLITE_DELETE ? .delete : .update
                func values(_ read: (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>) -> Int32) -> [SQLValue?] {
                    (0..<columns).map { column in
                        var value: OpaquePointer?
                        guard read(iterator, column, &value) == SQLITE_OK, let value else { return nil }
                        return SQLValue(value)
                    }
                }
                let old = operation == .insert ? Array(repeating: nil, count: Int(columns)) : values(sqlite3changeset_old)
                let new = operation == .delete ? Array(repeating: nil, count: Int(columns)) : values(sqlite3changeset_new)
                try body(ChangedRow(table: table, operation: operation, old: old, new: new))
            }
        }
    }
}

/// One row a changeset inserts, updates or deletes: the values of its columns, in the table's
/// order, before and after (nil where the changeset holds none: an INSERT's old values, a
/// DELETE's new ones, the columns an UPDATE left alone other than the primary key's new values).
struct ChangedRow {
    enum Operation { case insert, update, delete }
    let table: String
    let operation: Operation
    let old: [SQLValue?]
    let new: [SQLValue?]
}

extension SQLValue {
    /// A value a changeset iterator hands out.
    init(_ value: OpaquePointer) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            self = .text(sqlite3_value_text(value).map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            self = .blob(count == 0 ? [] : Array(UnsafeRawBufferPointer(start: sqlite3_value_blob(value), count: count)))
        default: self = .null
        }
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
