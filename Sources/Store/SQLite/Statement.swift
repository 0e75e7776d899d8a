import CSQLite

/// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns.
/// Defined here once because the C macro (`((sqlite3_destructor_type)-1)`) does not import.
/// See <https://www.sqlite.org/c3ref/c_static.html>.
let SQLITE_TRANSIENT = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One prepared statement: the sole owner of one `sqlite3_stmt*`, finalized in `deinit`.
///
/// Every way of running it (`run`, `forEachRow`, `rows`, `firstRow`, `scalar…`) binds the given
/// values, steps, then resets and clears the bindings in a `defer`, even when a callback throws:
/// bound values never outlive the call and a statement is never left busy.
/// Must not outlive its ``Connection`` nor be used on another thread.
final class Statement {
    /// The statement handle.
    let handle: OpaquePointer
    /// The SQL text, with its placeholders (never the bound values).
    let sql: String
    /// The number of `?` parameters.
    let parameterCount: Int
    /// Whether `bind(_:)` was called since the last reset: `run()` without values then uses them.
    private var hasBindings = false

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of result columns (0 for a statement that returns no rows).
    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Whether the statement writes nothing: <https://www.sqlite.org/c3ref/stmt_readonly.html>.
    var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Whether it has been stepped and not yet reset.
    var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: - Binding

    /// Binds `values` to parameters 1…n; their count must equal ``parameterCount``.
    ///
    /// TEXT and BLOB are copied by SQLite (`SQLITE_TRANSIENT`), with an explicit byte count, so an
    /// embedded NUL is kept. The bindings last until the next run of the statement ends.
    func bind(_ values: [SQLValue]) throws(SQLiteError) {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: SQLiteError.range,
                message: "the statement has \(parameterCount) parameters but \(values.count) values were given",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(handle, index, integer)
            case .real(let real):
                code = sqlite3_bind_double(handle, index, real)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    // A nil base address would bind NULL: give SQLite an empty C string instead.
                    guard let base = bytes.baseAddress, bytes.count > 0 else {
                        return sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress, raw.count > 0 else {
                        return sqlite3_bind_zeroblob(handle, index, 0)
                    }
                    return sqlite3_bind_blob64(handle, index, base, UInt64(raw.count), SQLITE_TRANSIENT)
                }
            }
            guard code == SQLITE_OK else {
                // The message names the parameter index, never its value.
                throw SQLiteError(code: code, message: "cannot bind parameter \(index): \(errorMessage)", sql: sql)
            }
        }
        hasBindings = true
    }

    /// Binds `values`, unless they are empty and `bind(_:)` already ran.
    private func bindForRun(_ values: [SQLValue]) throws(SQLiteError) {
        if values.isEmpty && hasBindings { return }
        try bind(values)
    }

    // MARK: - Running

    /// Runs the statement to completion, ignoring rows; resets and clears bindings after.
    func run(_ values: [SQLValue] = []) throws(SQLiteError) {
        defer { resetAfterUse() }
        try bindForRun(values)
        while try step() {}
    }

    /// Calls `body` for each row. The ``Row`` is valid only during that call: do not store it.
    /// Resets and clears bindings after, also when `body` throws.
    func forEachRow(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        defer { resetAfterUse() }
        try bindForRun(values)
        let row = Row(handle: handle)
        while try step() {
            try body(row)
        }
    }

    /// Maps every row to a value.
    func rows<T>(_ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { row in result.append(try map(row)) }
        return result
    }

    /// Maps the first row, if any; the remaining rows are not stepped.
    func firstRow<T>(_ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> T? {
        defer { resetAfterUse() }
        try bindForRun(values)
        guard try step() else { return nil }
        return try map(Row(handle: handle))
    }

    /// The first column of the first row as an integer; nil without a row or for NULL.
    func scalarInt(_ values: [SQLValue] = []) throws(SQLiteError) -> Int64? {
        defer { resetAfterUse() }
        try bindForRun(values)
        guard try step() else { return nil }
        return Row(handle: handle).int(0)
    }

    /// The first column of the first row as text; nil without a row or for NULL.
    func scalarText(_ values: [SQLValue] = []) throws(SQLiteError) -> String? {
        defer { resetAfterUse() }
        try bindForRun(values)
        guard try step() else { return nil }
        return Row(handle: handle).text(0)
    }

    // MARK: - Stepping

    /// One `sqlite3_step`: true for a row, false when done.
    /// See <https://www.sqlite.org/c3ref/step.html>.
    private func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(code: code, message: errorMessage, sql: sql)
        }
    }

    /// Resets the statement and clears its bindings, so no bound value outlives the call.
    func resetAfterUse() {
        // sqlite3_reset repeats the last step's error, which was already thrown.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        hasBindings = false
    }

    private var errorMessage: String {
        String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
    }
}

/// A statement belongs to its connection's thread.
@available(*, unavailable)
extension Statement: Sendable {}
