import CSQLite

/// Configuration applied by ``Connection/init(path:mode:)`` right after `sqlite3_open_v2`.
extension Connection {
    /// Sets result codes, busy timeout, defensive flags and pragmas; checks FTS5 (called by `init`).
    func configure() throws(SQLiteError) {
        let db = self.db
        sqlite3_extended_result_codes(db, 1)
        try check(sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds))
        // https://www.sqlite.org/c3ref/c_dbconfig_defensive.html
        try setConfig(SQLITE_DBCONFIG_DEFENSIVE, 1, "SQLITE_DBCONFIG_DEFENSIVE")
        // "double-quoted string literals" misfeature: https://www.sqlite.org/quirks.html#dblquote
        try setConfig(SQLITE_DBCONFIG_DQS_DML, 0, "SQLITE_DBCONFIG_DQS_DML")
        try setConfig(SQLITE_DBCONFIG_DQS_DDL, 0, "SQLITE_DBCONFIG_DQS_DDL")
        try checkFTS5()
        try execute("PRAGMA foreign_keys = ON")
        if mode == .readWrite {
            // https://www.sqlite.org/wal.html; an in-memory database reports "memory".
            let journalMode = try prepare("PRAGMA journal_mode = WAL").scalarText()?.lowercased()
            guard journalMode == "wal" || journalMode == "memory" else {
                throw SQLiteError(
                    code: SQLiteError.error,
                    message: "cannot enable WAL on \(path): journal_mode is \(journalMode ?? "unknown")")
            }
            // FULL, not GRDB's NORMAL: a committed curator write must survive a power loss.
            try execute("PRAGMA synchronous = FULL")
        } else {
            // https://www.sqlite.org/pragma.html#pragma_query_only: no statement may change the file.
            try execute("PRAGMA query_only = 1")
        }
    }

    /// A `file:` URI for `path` with `mode=ro&immutable=1` (<https://www.sqlite.org/uri.html>):
    /// every byte but unreserved ones and `/` percent-encoded, so `?`, `#` and `%` in a name are kept.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(digits[Int(byte >> 4)])
                encoded.unicodeScalars.append(digits[Int(byte & 0x0F)])
            }
        }
        // "file:" + an absolute path needs the empty authority ("file:///…"), or "//x" would be a host.
        return (path.hasPrefix("/") ? "file://" : "file:") + encoded + "?mode=ro&immutable=1"
    }

    private func setConfig(_ option: Int32, _ value: Int32, _ name: String) throws(SQLiteError) {
        var result: Int32 = -1
        try check(archive_sqlite3_db_config_int(db, option, value, &result))
        guard result == value else {
            throw SQLiteError(code: SQLiteError.error, message: "cannot set \(name) to \(value)")
        }
    }

    /// FTS5 must be compiled in: the option list says so, or `fts5()` exists.
    private func checkFTS5() throws(SQLiteError) {
        if sqlite3_compileoption_used("ENABLE_FTS5") == 1 { return }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(db, "SELECT fts5(NULL)", -1, &statement, nil)
        sqlite3_finalize(statement)
        guard code == SQLITE_OK else {
            throw SQLiteError(
                code: SQLiteError.error,
                message: "SQLite \(sqliteVersion()) was built without FTS5, which full-text search needs")
        }
    }
}
