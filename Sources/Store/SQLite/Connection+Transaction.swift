/// Transactions and `user_version`, built on ``Connection/execute(_:)`` and cached statements.
extension Connection {
    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` and returns its value.
    ///
    /// IMMEDIATE takes the write lock up front, so a busy database fails at BEGIN (after the busy
    /// timeout) rather than midway. If `body` or COMMIT throws, the transaction is rolled back and the
    /// original error rethrown. Transactions do not nest: BEGIN inside a transaction throws.
    /// See <https://www.sqlite.org/lang_transaction.html>.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` inside `BEGIN DEFERRED … COMMIT`: every statement sees the same snapshot.
    /// Used by ``DatabasePool/read(_:)``; rolled back if `body` throws.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN DEFERRED", body)
    }

    /// `begin`, `body`, COMMIT; ROLLBACK and the original error when `body` or COMMIT throws.
    private func inTransaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try cachedStatement(begin).run()
        do {
            let result = try body()
            try cachedStatement("COMMIT").run()
            return result
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
    }

    /// Rolls back if a transaction is still open; some errors (SQLITE_FULL, SQLITE_IOERR…) have
    /// already rolled it back: <https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction>.
    func rollbackIgnoringErrors() {
        guard isInTransaction else { return }
        try? cachedStatement("ROLLBACK").run()
    }

    // MARK: - user_version

    /// `PRAGMA user_version`: the schema version the application stored in the file header.
    /// See <https://www.sqlite.org/pragma.html#pragma_user_version>.
    func userVersion() throws(SQLiteError) -> Int {
        Int(try cachedStatement("PRAGMA user_version").scalarInt() ?? 0)
    }

    /// Sets `PRAGMA user_version` (a pragma takes no bound parameter, hence the integer literal).
    func setUserVersion(_ version: Int32) throws(SQLiteError) {
        try execute("PRAGMA user_version = \(version)")
    }
}
