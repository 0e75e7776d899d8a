import CSQLite

/// SQLite's online backup API (<https://www.sqlite.org/backup.html>): a page-for-page copy of a
/// whole database, taken in one step so that it is one consistent snapshot.
extension Connection {
    /// Copies this connection's main database, as its current (or open) read transaction sees
    /// it, into a new file at `destination`. In WAL mode writers go on meanwhile.
    func backup(into destination: String) throws(SQLiteError) {
        let target = try Self.openRaw(destination, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        defer { sqlite3_close_v2(target) }
        try Self.copy(from: db, to: target)
    }

    /// Replaces this connection's whole main database with the database in the file `source`,
    /// in one write transaction: readers on other connections see the old or the new one.
    /// Must run outside a transaction.
    func restore(from source: String) throws(SQLiteError) {
        let origin = try Self.openRaw(source, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
        defer { sqlite3_close_v2(origin) }
        try Self.copy(from: origin, to: db)
        statementCache.removeAll()  // prepared against the old schema
    }

    private static func openRaw(_ path: String, flags: Int32) throws(SQLiteError) -> OpaquePointer {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: "cannot open \(path): \(message)")
        }
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        return handle
    }

    private static func copy(from source: OpaquePointer, to destination: OpaquePointer) throws(SQLiteError) {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(code: sqlite3_extended_errcode(destination), message: "backup: \(String(cString: sqlite3_errmsg(destination)))")
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else {
            throw SQLiteError(code: step, message: "backup: \(String(cString: sqlite3_errstr(step)))")
        }
        guard finish == SQLITE_OK else {
            throw SQLiteError(code: finish, message: "backup: \(String(cString: sqlite3_errmsg(destination)))")
        }
    }
}
