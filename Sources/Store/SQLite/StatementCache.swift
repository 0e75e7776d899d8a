import CSQLite

/// The per-connection statement cache: SQL text → ``Statement`` prepared `SQLITE_PREPARE_PERSISTENT`.
extension Connection {
    /// Cached statements kept before the cache is emptied (guards against SQL built per request).
    static let statementCacheLimit = 512

    /// The statement for `sql` from this connection's cache, prepared `SQLITE_PREPARE_PERSISTENT`
    /// on first use and reset before reuse: repeated calls return the same object.
    ///
    /// If the cached statement is still stepping (the same SQL nested in its own row loop), a fresh
    /// uncached statement is returned instead, so the outer loop is not disturbed.
    func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        checkConfinement()
        if let statement = statementCache[sql] {
            if statement.isBusy {
                return try makeStatement(sql, flags: 0)
            }
            statement.resetAfterUse()
            return statement
        }
        // https://www.sqlite.org/c3ref/c_prepare_normalize.html#sqlitepreparepersistent
        let statement = try makeStatement(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        if statementCache.count >= Self.statementCacheLimit {
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    /// Empties the statement cache (after a schema change, say; SQLite re-prepares anyway).
    func clearStatementCache() {
        statementCache.removeAll()
    }
}
